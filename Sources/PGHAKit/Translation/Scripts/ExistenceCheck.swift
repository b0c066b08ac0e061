/// The one test of "absent" every script uses: the bash function `probe`, which runs a read-only command (an
/// `az ... show`, a `kubectl get`) and answers no only when the tool says the thing is not found. Any other failure
/// (an expired sign-in, the network, a missing permission, the wrong subscription) stops the script and says what to
/// do, so a re-run never creates over something that exists and a clean-up never takes an error for "already gone".
/// Each `Probe` of a script's steps is rendered as a call of it.
enum ExistenceCheck {
    /// Failures that mean "not found" (bash `case` patterns over the command's standard error): Azure's error codes
    /// (`ResourceNotFound`, `ResourceGroupNotFound`, `ParentResourceNotFound`, `NotFound`, `ContainerNotFound`, as
    /// az prints them, `(Code) message`), kubectl's `Error from server (NotFound)`, helm's `Error: release: not
    /// found`, and `az extension show`'s `The extension <name> is not installed.` (azure-cli's
    /// ExtensionNotInstalledException, which names no code).
    static let notFound = "*NotFound*|*'release: not found'*|*'The extension '*' is not installed.'*"
    /// Failures that contain `NotFound` but mean something else: the subscription itself is missing.
    static let notAbsence = "*SubscriptionNotFound*"

    /// The function's bash source: `probe DRY_RUN_ANSWER COMMAND...` prints the command, runs it, keeps its output in
    /// `PROBE_OUTPUT` and answers 0 (exists) or 1 (not found); with `--dry-run` it runs nothing and answers
    /// `DRY_RUN_ANSWER`.
    static let function = """
    # Whether something exists: probe DRY_RUN_ANSWER COMMAND... runs a read-only command, keeping its output in
    # PROBE_OUTPUT. Only a "not found" answer means it does not exist; any other failure (sign-in, network,
    # permissions) stops the script rather than be taken for "absent". With --dry-run it asks too, but where it
    # cannot (a value an earlier step would read, a failure) it says so and answers DRY_RUN_ANSWER.
    # shellcheck disable=SC2034 # PROBE_OUTPUT is read by the steps that test a probe's output
    probe() {
      local dry_run_answer=$1 errors status
      shift
      log "+ $(quote_args "$@")"
      PROBE_OUTPUT=''
      if [ "$DRY_RUN" = 1 ] && has_placeholder "$@"; then
        log "  plan: unknown until the steps before it have run"
        return "$dry_run_answer"
      fi
      {
        IFS= read -r -d '' errors
        IFS= read -r -d '' PROBE_OUTPUT
        IFS= read -r -d '' status
      } < <(
        exec 2>&1
        if output="$("$@")"; then status=0; else status=$?; fi
        printf '\\0%s\\0%s\\0' "$output" "$status"
      )
      if [ "$status" = 0 ]; then return 0; fi
      case "$errors" in
        \(notAbsence)) ;;
        \(notFound)) return 1 ;;
      esac
      printf '%s\\n' "$errors" >&2
      if [ "$DRY_RUN" = 1 ]; then
        log "  plan: unknown, the probe failed (exit $status)"
        return "$dry_run_answer"
      fi
      fail "$(quote_args "$@") failed (exit $status), and not because it was not found: stopping rather than guess whether it exists. Fix the cause (an expired sign-in: az login; the wrong subscription: az account set; no network; a missing permission) and run the script again."
    }
    """
}
