/// Builds the drills of the guide's validation article: `scripts/restore-drill.sh` (point-in-time recovery into the
/// recovery Cluster: a row written before the target time comes back, one written after does not) and
/// `scripts/failover-drill.sh` (rows written through the `-rw` Service survive the loss of the primary's pod, and the
/// time the Service refused writes is measured).
enum DrillScriptTranslation {
    private typealias V = ScriptValues

    static let restoreFileName = "restore-drill.sh"
    static let failoverFileName = "failover-drill.sh"

    /// The table the restore drill writes its marker rows to, in the `postgres` database (never the application's).
    static let markerTable = "pgha_restore_drill"
    /// The table the failover drill writes through the `-rw` Service, in the application database (dropped at the end).
    static let failoverTable = "pgha_failover_drill"
    /// How many rows the failover drill writes before it deletes the primary.
    static let failoverRows = 100

    // MARK: Restore drill

    static func restore(_ spec: Spec, _ backup: Spec.Backup, _ recovery: Spec.Recovery, specFileName: String?) -> Script {
        let recoveryFile = V.outDir + "/\(Translator.oneOffFolder)/"
            + ShellWord(Resource.fileName(for: ClusterTranslation.recovery(spec, recovery, backup)))
        var steps = ScriptSteps.signIn(spec) + ScriptSteps.credentials + [
            .heading("Workload identity"),
            .capture(variable: V.clientID, ScriptSteps.identity("clientId")),
            .check("""
            if [ "$DRY_RUN" = 0 ] && ! grep -qF -- "$CLIENT_ID" \(recoveryFile); then
              fail "\(inString: recoveryFile) does not carry the client ID of \(inString: V.identityName) ($CLIENT_ID): run deploy.sh first, or render again with --identity-client-id"
            fi
            """),
        ]
        steps += ScriptSteps.federatedCredential(for: V.recoveryName)
        steps += [
            .heading("Recovery cluster of an earlier drill"),
            .run(ScriptSteps.kubectl(["delete", ScriptSteps.cluster(V.recoveryName), "--ignore-not-found", "--wait"])),
            ScriptSteps.currentPrimary(of: V.clusterName, into: "PRIMARY_POD"),
        ]
        steps += backup.onDemand ? freshBackup(spec) : completedBackup
        steps += markersAroundTheTargetTime + archivedMarkers + [
            .heading("Recovery cluster " + V.recoveryName + ", restored to " + .variable("TARGET_TIME")),
            .code(description: "apply " + recoveryFile + " with bootstrap.recovery.recoveryTarget.targetTime " + .variable("TARGET_TIME"), """
            local manifest
            manifest="$(\(withTargetTime(recoveryFile)))" || fail "cannot set the target time in \(inString: recoveryFile): see the error above"
            \(ScriptSteps.kubectl(["apply", "--filename", "-"], namespaced: false)) <<<"$manifest"
            """),
            .run(ScriptSteps.kubectl(["wait", ScriptSteps.cluster(V.recoveryName), "--for=condition=Ready", "--timeout=60m"])),
            .heading("Restored data"),
            ScriptSteps.currentPrimary(of: V.recoveryName, into: "RECOVERED_POD"),
            .capture(variable: "FOUND", ScriptSteps.psql(in: .variable("RECOVERED_POD"), [
                ShellWord("SELECT count(*) FILTER (WHERE marker = '") + .variable("MARKER_A") + "') || ' ' || count(*) FILTER (WHERE marker = '"
                    + .variable("MARKER_B") + ShellWord("') FROM \(markerTable)"),
            ])),
            .check("""
            if [ "$DRY_RUN" = 0 ] && [ "$FOUND" != '1 0' ]; then
              case "$FOUND" in
                0\\ *) fail "\(inString: V.recoveryName) does not hold marker A ($MARKER_A), written to \(inString: V.clusterName) before $TARGET_TIME" ;;
                *) fail "\(inString: V.recoveryName) holds marker B ($MARKER_B), written to \(inString: V.clusterName) after $TARGET_TIME: recovery did not stop at the target time" ;;
              esac
            fi
            """),
            .note("restore drill passed: " + V.recoveryName + " holds marker A, written before " + .variable("TARGET_TIME")
                  + ", and not marker B, written after"),
            .note(keptRunning),
        ]
        return Script(
            fileName: restoreFileName,
            purpose: "Restores the backups of \(spec.name) into the recovery cluster \(recovery.name) up to a time taken between two marker rows, and checks that only the first came back.",
            specFileName: specFileName,
            tools: ["az", "kubectl", "openssl"],
            variables: V.catalog(spec, specFileName: specFileName),
            steps: steps
        )
    }

    /// `kubectl patch --local` printing the recovery manifest with the drill's target time (replacing any target the
    /// spec sets), to pipe into `kubectl apply`.
    private static func withTargetTime(_ file: ShellWord) -> Command {
        let patch: ShellWord = #"[{"op":"add","path":"/spec/bootstrap/recovery/recoveryTarget","value":{"targetTime":""#
            + .variable("TARGET_TIME") + #""}}]"#
        return ScriptSteps.kubectl(["patch", "--local", "--filename", file, "--type", "json", "--patch", patch, "--output", "yaml"],
                                   namespaced: false)
    }

    /// How to remove the recovery cluster the drill leaves running.
    private static var keptRunning: ShellWord {
        let delete: ShellWord = "kubectl delete " + ScriptSteps.cluster(V.recoveryName)
        let target: ShellWord = " --namespace " + V.namespace + " --context " + V.aksCluster + " --kubeconfig " + Kubeconfig.path
        return V.recoveryName + " keeps running for inspection; remove it with: " + delete + target
            + " (cleanup.sh deletes its federated credential)"
    }

    /// Takes a new on-demand backup (deleting the Backup object of an earlier drill: its data stays in the store) and
    /// waits until its phase is `completed`, stopping at once with the Backup's error when it is `failed`.
    private static func freshBackup(_ spec: Spec) -> [Step] {
        let object: ShellWord = "backups.postgresql.cnpg.io/" + V.onDemandBackup
        let file = V.outDir + "/\(Translator.oneOffFolder)/" + ShellWord(Resource.fileName(for: BackupTranslation.onDemand(spec)))
        let status = { (field: ShellWord) in ScriptSteps.kubectl(["get", object, "--output", "jsonpath={.status." + field + "}"]) }
        return [
            .heading("Backup " + V.onDemandBackup),
            .run(ScriptSteps.kubectl(["delete", object, "--ignore-not-found"])),
            .run(ScriptSteps.kubectl(["apply", "--filename", file], namespaced: false)),
            .code(description: "wait until " + V.onDemandBackup + " is completed, stopping when it fails", """
            local phase='' attempt=0
            while [ "$attempt" -lt 360 ]; do
              phase="$(\(status("phase")))" || fail "cannot read the phase of Backup \(inString: V.onDemandBackup): see the error above"
              case "$phase" in
                completed) break ;;
                failed) fail "Backup \(inString: V.onDemandBackup) failed: $(\(status("error"))): fix the cause (kubectl describe \(inString: object)) and run the drill again" ;;
              esac
              attempt=$((attempt + 1))
              sleep 10
            done
            [ "$phase" = completed ] || fail "Backup \(inString: V.onDemandBackup) is still '$phase' after 60 minutes: see kubectl describe \(inString: object)"
            log "Backup \(inString: V.onDemandBackup) completed"
            """),
        ]
    }

    /// Without an on-demand backup, a completed scheduled backup must exist: the target time must come after it.
    private static let completedBackup: [Step] = [
        .heading("Completed backup of " + V.clusterName),
        .check("""
        if [ "$DRY_RUN" = 0 ]; then
          local backups
          backups="$(\(ScriptSteps.kubectl(["get", "backups.postgresql.cnpg.io", "--output", "jsonpath={range .items[*]}{.spec.cluster.name}={.status.phase} {end}"])))" || fail 'cannot list the Backups: see the error above'
          case " $backups " in
            *" $CLUSTER_NAME=completed "*) ;;
            *) fail "\(inString: V.clusterName) has no completed Backup yet: wait for the schedule's first backup, then run the drill again" ;;
          esac
        fi
        """),
    ]

    /// Marker A, the target time (the server's clock, in RFC 3339 UTC), then marker B, each in its own transaction,
    /// so A commits before the target time and B after it.
    private static let markersAroundTheTargetTime: [Step] = [
        .heading("Markers in " + V.clusterName + ": A before the target time, B after it"),
        .capture(variable: "MARKER_A", Command("openssl", "rand", "-hex", "8")),
        .capture(variable: "MARKER_B", Command("openssl", "rand", "-hex", "8")),
        .run(ScriptSteps.psql(in: .variable("PRIMARY_POD"), [
            ShellWord("CREATE TABLE IF NOT EXISTS \(markerTable) (marker text PRIMARY KEY, written_at timestamptz NOT NULL DEFAULT now())"),
            ShellWord("INSERT INTO \(markerTable) (marker) VALUES ('") + .variable("MARKER_A") + "')",
        ])),
        .capture(variable: "TARGET_TIME", ScriptSteps.psql(in: .variable("PRIMARY_POD"), [
            #"SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"#,
        ])),
        .run(ScriptSteps.psql(in: .variable("PRIMARY_POD"), [
            ShellWord("INSERT INTO \(markerTable) (marker) VALUES ('") + .variable("MARKER_B") + "')",
        ])),
    ]

    /// Recovery to a time needs the WAL past it: close the WAL file holding marker B and wait until it is archived.
    private static let archivedMarkers: [Step] = [
        .heading("WAL archive"),
        .capture(variable: "WAL_FILE", ScriptSteps.psql(in: .variable("PRIMARY_POD"), ["SELECT pg_walfile_name(pg_switch_wal())"])),
        .code(description: "wait until " + .variable("WAL_FILE") + " is archived", """
        local archived='' attempt=0
        while [ "$attempt" -lt 60 ]; do
          archived="$(\(ScriptSteps.psql(in: .variable("PRIMARY_POD"), ["SELECT last_archived_wal >= '" + .variable("WAL_FILE") + "' FROM pg_stat_archiver"])))" || archived=''
          if [ "$archived" = t ]; then break; fi
          attempt=$((attempt + 1))
          sleep 10
        done
        [ "$archived" = t ] || fail "$WAL_FILE was not archived within 10 minutes: check the Cluster's ContinuousArchiving condition"
        """),
    ]

    // MARK: Failover drill

    /// The client Pod the failover drill connects through, as an application would.
    private static let client: ShellWord = V.clusterName + "-failover-client"

    /// `psql` in the client Pod, connected to the `-rw` Service as the application user (the password comes from the
    /// application Secret through the Pod's environment, never an argument).
    private static func throughReadWrite(_ statements: [ShellWord]) -> Command {
        let connection: ShellWord = "host=" + V.clusterName + "-rw port=5432 dbname=" + V.appDatabase + " user=" + V.appUser
            + " sslmode=require connect_timeout=3"
        return ScriptSteps.kubectl(["exec", client], then: ["psql", connection, "--no-psqlrc", "--no-align", "--tuples-only",
                                                            "--set", "ON_ERROR_STOP=1"] + statements.flatMap { ["--command", $0] })
    }

    static func failover(_ spec: Spec, specFileName: String?) -> Script {
        let primaries = ScriptSteps.kubectl(["get", "pods", "--selector", "cnpg.io/cluster=" + V.clusterName + ",cnpg.io/instanceRole=primary",
                                             "--output", "jsonpath={.items[*].metadata.name}"])
        let pods = ScriptSteps.kubectl(["get", "pods", "--selector", "cnpg.io/cluster=" + V.clusterName,
                                        "--label-columns", "cnpg.io/instanceRole", "--output", "wide"])
        let overrides: ShellWord = #"{"apiVersion":"v1","spec":{"containers":[{"name":""# + client + #"","image":""# + V.postgresImage
            + #"","command":["sleep","3600"],"env":[{"name":"PGPASSWORD","valueFrom":{"secretKeyRef":{"name":""# + V.appSecret
            + #"","key":"password"}}}]}]}}"#
        let run: ShellWord = .variable("RUN")
        let probe = throughReadWrite([ShellWord("INSERT INTO \(failoverTable) (run, n) VALUES ('") + run + "', 0)"])
        let rows = ShellWord(String(failoverRows))
        let steps: [Step] = ScriptSteps.signIn(spec) + ScriptSteps.credentials + [
            .heading("Client " + client + " for the -rw Service"),
            .run(ScriptSteps.kubectl(["delete", "pod", client, "--ignore-not-found", "--wait"])),
            .run(ScriptSteps.kubectl(["run", client, "--image", V.postgresImage, "--restart", "Never", "--overrides", overrides])),
            .run(ScriptSteps.kubectl(["wait", "pod/" + client, "--for=condition=Ready", "--timeout=5m"])),
            .heading("\(failoverRows) rows written through " + V.clusterName + "-rw"),
            .capture(variable: "RUN", Command("openssl", "rand", "-hex", "8")),
            .run(throughReadWrite([
                ShellWord("CREATE TABLE IF NOT EXISTS \(failoverTable) (run text NOT NULL, n integer NOT NULL, written_at timestamptz NOT NULL DEFAULT clock_timestamp())"),
                ShellWord("INSERT INTO \(failoverTable) (run, n) SELECT '") + run + ShellWord("', g FROM generate_series(1, \(failoverRows)) g"),
            ])),
            .heading("Instances of " + V.clusterName),
            .run(pods),
            .capture(variable: "OLD_PRIMARY", primaries),
            .heading("Failing the primary " + .variable("OLD_PRIMARY")),
            .run(ScriptSteps.kubectl(["delete", "pod", .variable("OLD_PRIMARY"), "--grace-period=1"])),
            .code(description: "write through " + V.clusterName + "-rw once a second until it accepts writes again", """
            local attempt=0 refused=0 first_refusal='' outage='' new_primary=''
            while [ "$attempt" -lt 300 ]; do
              if \(probe) >/dev/null 2>&1; then
                if [ -n "$first_refusal" ]; then
                  outage=$((SECONDS - first_refusal))
                  break
                fi
                new_primary="$(\(primaries))" || new_primary=''
                if [ -n "$new_primary" ] && [ "$new_primary" != "$OLD_PRIMARY" ]; then
                  outage=0
                  break
                fi
              else
                refused=$((refused + 1))
                [ -n "$first_refusal" ] || first_refusal=$SECONDS
              fi
              attempt=$((attempt + 1))
              sleep 1
            done
            [ -n "$outage" ] || fail "\(inString: V.clusterName)-rw did not accept writes again within 5 minutes of deleting $OLD_PRIMARY"
            log "\(inString: V.clusterName)-rw refused writes for ${outage} seconds ($refused writes failed, one tried a second)"
            """),
            .code(description: "wait until another instance is labelled cnpg.io/instanceRole=primary", """
            local new_primary='' attempt=0
            while [ "$attempt" -lt 60 ]; do
              new_primary="$(\(primaries))" || new_primary=''
              if [ -n "$new_primary" ] && [ "$new_primary" != "$OLD_PRIMARY" ]; then break; fi
              attempt=$((attempt + 1))
              sleep 5
            done
            if [ -z "$new_primary" ] || [ "$new_primary" = "$OLD_PRIMARY" ]; then
              fail "no standby took over from $OLD_PRIMARY within 5 minutes"
            fi
            log "$new_primary took over from $OLD_PRIMARY"
            """),
            .run(ScriptSteps.kubectl(["wait", ScriptSteps.cluster(V.clusterName), "--for=condition=Ready", "--timeout=15m"])),
            .heading("Instances after the failover"),
            .run(pods),
            .heading("Rows read back through " + V.clusterName + "-rw"),
            .capture(variable: "ROWS", throughReadWrite([
                ShellWord("SELECT count(*) FROM \(failoverTable) WHERE run = '") + run + "' AND n > 0",
            ])),
            .check("""
            if [ "$DRY_RUN" = 0 ] && [ "$ROWS" != \(rows) ]; then
              fail "\(inString: V.clusterName)-rw returns $ROWS of the \(inString: rows) rows written before the failover: committed rows were lost"
            fi
            """),
            .run(throughReadWrite([ShellWord("DROP TABLE \(failoverTable)")])),
            .run(ScriptSteps.kubectl(["delete", "pod", client, "--wait=false"])),
            .note("failover drill passed: all \(failoverRows) rows written through " + V.clusterName + "-rw before the failover came back through it"),
            .note("to make " + .variable("OLD_PRIMARY") + " primary again: kubectl cnpg promote "
                  + V.clusterName + " " + .variable("OLD_PRIMARY") + " --namespace " + V.namespace + " --context " + V.aksCluster
                  + " --kubeconfig " + Kubeconfig.path),
        ]
        return Script(
            fileName: failoverFileName,
            purpose: "Writes rows through the -rw Service of \(spec.name), deletes the primary's pod as in an unplanned outage, measures how long the Service refused writes, and reads the rows back through it.",
            specFileName: specFileName,
            tools: ["az", "kubectl", "openssl"],
            variables: V.catalog(spec, specFileName: specFileName),
            steps: steps
        )
    }
}
