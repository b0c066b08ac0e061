/// Builds the drills of the guide's validation article: `scripts/restore-drill.sh` (restore the backups into the
/// recovery Cluster and find a row written just before) and `scripts/failover-drill.sh` (delete the primary's pod
/// and watch a standby take over).
enum DrillScriptTranslation {
    private typealias V = ScriptValues

    static let restoreFileName = "restore-drill.sh"
    static let failoverFileName = "failover-drill.sh"

    /// The table the restore drill writes its marker row to, in the `postgres` database (never the application's).
    static let markerTable = "pgha_restore_drill"

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
            .heading("Marker row in " + V.clusterName),
            ScriptSteps.currentPrimary(of: V.clusterName, into: "PRIMARY_POD"),
            .capture(variable: "MARKER", Command("openssl", "rand", "-hex", "8")),
            .run(ScriptSteps.psql(in: .variable("PRIMARY_POD"), [
                ShellWord("CREATE TABLE IF NOT EXISTS \(markerTable) (marker text PRIMARY KEY, written_at timestamptz NOT NULL DEFAULT now())"),
                ShellWord("INSERT INTO \(markerTable) (marker) VALUES ('") + .variable("MARKER") + "')",
            ])),
        ]
        steps += backup.onDemand ? freshBackup(spec) : archivedMarker
        steps += [
            .heading("Recovery cluster " + V.recoveryName),
            .run(ScriptSteps.kubectl(["apply", "--filename", recoveryFile], namespaced: false)),
            .run(ScriptSteps.kubectl(["wait", ScriptSteps.cluster(V.recoveryName), "--for=condition=Ready", "--timeout=60m"])),
            .heading("Restored data"),
            ScriptSteps.currentPrimary(of: V.recoveryName, into: "RECOVERED_POD"),
            .capture(variable: "FOUND", ScriptSteps.psql(in: .variable("RECOVERED_POD"), [
                ShellWord("SELECT count(*) FROM \(markerTable) WHERE marker = '") + .variable("MARKER") + "'",
            ])),
            .check("""
            if [ "$DRY_RUN" = 0 ] && [ "$FOUND" != 1 ]; then
              fail "\(inString: V.recoveryName) does not hold the marker row $MARKER written to \(inString: V.clusterName) before the backup"
            fi
            """),
            .note("restore drill passed: " + V.recoveryName + " holds the row written to " + V.clusterName + " before the backup"),
            .note(keptRunning),
        ]
        return Script(
            fileName: restoreFileName,
            purpose: "Restores the backups of \(spec.name) into the recovery cluster \(recovery.name) and checks that a row written just before came back.",
            specFileName: specFileName,
            tools: ["az", "kubectl", "openssl"],
            variables: V.catalog(spec, specFileName: specFileName),
            steps: steps
        )
    }

    /// How to remove the recovery cluster the drill leaves running.
    private static var keptRunning: ShellWord {
        let delete: ShellWord = "kubectl delete " + ScriptSteps.cluster(V.recoveryName)
        let target: ShellWord = " --namespace " + V.namespace + " --context " + V.aksCluster
        return V.recoveryName + " keeps running for inspection; remove it with: " + delete + target
            + " (cleanup.sh deletes its federated credential)"
    }

    /// Takes a new on-demand backup (deleting the Backup object of an earlier drill: its data stays in the store).
    private static func freshBackup(_ spec: Spec) -> [Step] {
        let backup = BackupTranslation.onDemand(spec)
        let object: ShellWord = "backups.postgresql.cnpg.io/" + V.onDemandBackup
        return [
            .heading("Backup " + V.onDemandBackup),
            .run(ScriptSteps.kubectl(["delete", object, "--ignore-not-found"])),
            .run(ScriptSteps.kubectl(["apply", "--filename", V.outDir + "/\(Translator.oneOffFolder)/\(Resource.fileName(for: backup))"],
                                     namespaced: false)),
            .run(ScriptSteps.kubectl(["wait", object, "--for=jsonpath={.status.phase}=completed", "--timeout=60m"])),
        ]
    }

    /// Without an on-demand backup the recovery replays the WAL archive: close the WAL file holding the marker and
    /// wait until it is archived.
    private static let archivedMarker: [Step] = [
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

    static func failover(_ spec: Spec, specFileName: String?) -> Script {
        let primaries = ScriptSteps.kubectl(["get", "pods", "--selector", "cnpg.io/cluster=" + V.clusterName + ",cnpg.io/instanceRole=primary",
                                             "--output", "jsonpath={.items[*].metadata.name}"])
        let pods = ScriptSteps.kubectl(["get", "pods", "--selector", "cnpg.io/cluster=" + V.clusterName,
                                        "--label-columns", "cnpg.io/instanceRole", "--output", "wide"])
        let steps = ScriptSteps.signIn(spec) + ScriptSteps.credentials + [
            .heading("Instances of " + V.clusterName),
            .run(pods),
            .capture(variable: "OLD_PRIMARY", primaries),
            .heading("Failing the primary " + .variable("OLD_PRIMARY")),
            .run(ScriptSteps.kubectl(["delete", "pod", .variable("OLD_PRIMARY"), "--grace-period=1"])),
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
            .note("failover drill passed; to make " + .variable("OLD_PRIMARY") + " primary again: kubectl cnpg promote "
                  + V.clusterName + " " + .variable("OLD_PRIMARY") + " --namespace " + V.namespace + " --context " + V.aksCluster),
        ]
        return Script(
            fileName: failoverFileName,
            purpose: "Deletes the pod of \(spec.name)'s primary, as in an unplanned outage, and checks that a standby takes over.",
            specFileName: specFileName,
            tools: ["az", "kubectl"],
            variables: V.catalog(spec, specFileName: specFileName),
            steps: steps
        )
    }
}
