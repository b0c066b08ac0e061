#!/usr/bin/env bash
# cleanup.sh: Deletes everything deploy.sh created for orders: the recovery cluster's federated credential and the resource group.
# Rendered by pgha 0.1.0 from minimal.yaml. Do not edit: change the spec and render again.
# Usage: scripts/cleanup.sh [--dry-run] [--yes] (--help for details)
set -euo pipefail

# Values from the spec, checked by pgha and single-quoted: none of them can run a command.
RESOURCE_GROUP='rg-orders'
AKS_CLUSTER='aks-orders'
IDENTITY_NAME='orders-identity'

DRY_RUN=0
ASSUME_YES=0

usage() {
  cat <<'USAGE'
Usage: scripts/cleanup.sh [--dry-run] [--yes]

Deletes everything deploy.sh created for orders: the recovery cluster's federated credential and the resource group.

Options:
  --dry-run   Print the plan: run only read-only probes, and print what would be created, updated or deleted.
  --yes       Delete without asking for the resource group's name.
  -h, --help  Show this help.
USAGE
}

log() { printf '%s\n' "$*"; }
heading() { printf '\n==> %s\n' "$*"; }
fail() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}
quote_args() {
  local quoted
  printf -v quoted ' %q' "$@"
  printf '%s' "${quoted# }"
}

# Prints a command, then runs it. With --dry-run, prints it as a step of the plan instead, named by its
# verb: create, update, delete or run.
run() {
  if [ "$DRY_RUN" = 1 ]; then
    local action=run
    case " $* " in
      *" delete "*) action=delete ;;
      *" create "* | *" add "*) action=create ;;
      *" update "* | *" upgrade "* | *" apply "*) action=update ;;
    esac
    log "plan: $action: $(quote_args "$@")"
    return 0
  fi
  log "+ $(quote_args "$@")"
  "$@"
}

# Whether an argument holds a --dry-run placeholder such as <CLIENT_ID>: has_placeholder ARGUMENT...
has_placeholder() {
  local argument
  for argument in "$@"; do
    case "$argument" in *'<'[A-Z]*'>'*) return 0 ;; esac
  done
  return 1
}

# The output of a command, which must print something: read_value NAME COMMAND...
# With --dry-run, prints the command and answers <NAME>.
read_value() {
  local name=$1 value
  shift
  printf '+ %s=%s(%s)\n' "$name" '$' "$(quote_args "$@")" >&3
  if [ "$DRY_RUN" = 1 ]; then
    printf '<%s>\n' "$name"
    return 0
  fi
  value="$("$@")" || fail "$(quote_args "$@") failed"
  [ -n "$value" ] || fail "$(quote_args "$@") printed nothing"
  printf '%s\n' "$value"
}

# The output of a read-only command: look_up NAME COMMAND... As read_value, but with --dry-run it reads
# too, answering <NAME> when the command cannot answer yet (what it reads does not exist).
look_up() {
  local name=$1 value
  if [ "$DRY_RUN" = 0 ]; then
    read_value "$@"
    return
  fi
  shift
  printf '+ %s=%s(%s)\n' "$name" '$' "$(quote_args "$@")" >&3
  if ! has_placeholder "$@" && value="$("$@" 2>/dev/null)" && [ -n "$value" ]; then
    printf '%s\n' "$value"
  else
    printf '<%s>\n' "$name"
  fi
}

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
    printf '\0%s\0%s\0' "$output" "$status"
  )
  if [ "$status" = 0 ]; then return 0; fi
  case "$errors" in
    *SubscriptionNotFound*) ;;
    *NotFound*) return 1 ;;
  esac
  printf '%s\n' "$errors" >&2
  if [ "$DRY_RUN" = 1 ]; then
    log "  plan: unknown, the probe failed (exit $status)"
    return "$dry_run_answer"
  fi
  fail "$(quote_args "$@") failed (exit $status), and not because it was not found: stopping rather than guess whether it exists. Fix the cause (an expired sign-in: az login; the wrong subscription: az account set; no network; a missing permission) and run the script again."
}

require_tools() {
  local tool missing=''
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
  done
  if [ -n "$missing" ]; then
    fail "missing on PATH:$missing (Docs/deploy.md, Prerequisites, says where to get each)"
  fi
}

parse_options() {
  while [ "$#" -gt 0 ]; do
    case "$1" in
      --dry-run) DRY_RUN=1 ;;
      --yes) ASSUME_YES=1 ;;
      -h | --help)
        usage
        exit 0
        ;;
      *) fail "unknown option $1 (see --help)" ;;
    esac
    shift
  done
}

main() {
  exec 3>&1
  parse_options "$@"
  if [ "$DRY_RUN" = 1 ]; then
    log 'PLAN (--dry-run): read-only probes run; "plan:" lines say what a run would create, update or delete; nothing is changed.'
  fi
  if [ "$DRY_RUN" = 0 ]; then
    require_tools az
  fi
  heading 'Azure subscription'
  SUBSCRIPTION="$(look_up SUBSCRIPTION az account show --query name --output tsv)"
  SUBSCRIPTION_ID="$(look_up SUBSCRIPTION_ID az account show --query id --output tsv)"
  log "subscription: $SUBSCRIPTION ($SUBSCRIPTION_ID)"
  log "azure.subscription is not set: add 'subscription: $SUBSCRIPTION_ID' under azure in the spec so that every script refuses another subscription"
  if [ "$DRY_RUN" = 1 ]; then
    log '# ask for the resource group'\''s name unless --yes'
  else
    if [ "$ASSUME_YES" != 1 ]; then
      log "This deletes the resource group $RESOURCE_GROUP and everything in it: the AKS cluster $AKS_CLUSTER with its databases, the managed identity ${IDENTITY_NAME}."
      printf 'Type the resource group name to go on: '
      local answer=''
      read -r answer || true
      [ "$answer" = "$RESOURCE_GROUP" ] || fail 'not confirmed: nothing was deleted'
    fi
  fi
  heading "Resource group $RESOURCE_GROUP"
  if probe 0 az group show --name "$RESOURCE_GROUP"; then
    run az group delete --name "$RESOURCE_GROUP" --yes --no-wait
    log "deletion started; follow it with: az group wait --deleted --name $RESOURCE_GROUP"
  else
    log "= resource group $RESOURCE_GROUP does not exist"
  fi
  if [ "$DRY_RUN" = 1 ]; then
    log 'End of the plan: nothing was changed.'
  fi
}

main "$@"
