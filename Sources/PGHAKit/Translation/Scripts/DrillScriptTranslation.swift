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

    /// The restore drill's purpose line.
    static func restorePurpose(_ spec: Spec, _ recovery: Spec.Recovery) -> String {
        "Restores the backups of \(spec.name) into the recovery cluster \(recovery.name) up to a time taken between two marker rows, and checks that only the first came back."
    }

    /// The restore drill without its purpose, spec file name and variables (`ScriptTranslation` sets them per spec). It
    /// names the spec's one-off files literally: the recovery Cluster's (`recoveryFile`) and, with on-demand backups,
    /// the Backup's (`onDemandFile`), both under `oneoff/`.
    static func restore(_ inputs: ScriptInputs, recoveryFile recoveryFileName: String, onDemandFile: String?) -> Script {
        let recoveryFile = V.outDir + "/\(Translator.oneOffFolder)/" + ShellWord(recoveryFileName)
        // A fleet member is rendered with the client ID only by rendering the fleet again from a spec that names it.
        let remedy: ShellWord = inputs.fleetMember
            ? "add clientID: " + .variable(V.clientID) + " under azure.identity in the spec and render the fleet again"
            : "run deploy.sh first, or render again with --identity-client-id"
        var steps = ScriptSteps.signIn(inputs) + ScriptSteps.credentials + [
            .heading("Workload identity"),
            .capture(variable: V.clientID, ScriptSteps.identity("clientId")),
            .check("""
            if [ "$DRY_RUN" = 0 ] && ! grep -qF -- "$CLIENT_ID" \(recoveryFile); then
              fail "\(inString: recoveryFile) does not carry the client ID of \(inString: V.identityName) ($CLIENT_ID): \(inString: remedy)"
            fi
            """),
        ]
        steps += ScriptSteps.federatedCredential(for: V.recoveryName)
        steps += [
            .heading("Recovery cluster of an earlier drill"),
            .when(.succeeds(recoveryDrillMark),
                  then: [
                      .check("""
                      if [ -z "$PROBE_OUTPUT" ]; then
                        fail "the Cluster \(inString: V.recoveryName) exists without the annotation \(inString: ShellWord(Labels.restoreDrill)), so no restore drill created it: it may be a real recovery, which the drill never deletes. Delete it by hand once it is no longer needed (\(inString: manualDeletion())), or set another recovery.name in the spec and render again. If a drill of an earlier pgha made it (drills mark their Cluster since this version), mark it and run the drill again: \(inString: manualMark())"
                      fi
                      """),
                      .run(ScriptSteps.kubectl(["delete", ScriptSteps.cluster(V.recoveryName), "--ignore-not-found", "--wait"])),
                  ],
                  otherwise: [.note("= no Cluster " + V.recoveryName)]),
            ScriptSteps.currentPrimary(of: V.clusterName, into: "PRIMARY_POD"),
        ]
        steps += onDemandFile.map(freshBackup) ?? completedBackup
        steps += markersAroundTheTargetTime + archivedMarkers + [
            .heading("Recovery cluster " + V.recoveryName + ", restored to " + .variable("TARGET_TIME")),
            .code(description: "apply " + recoveryFile + " with bootstrap.recovery.recoveryTarget.targetTime " + .variable("TARGET_TIME")
                  + " and the annotation " + ShellWord(Labels.restoreDrill), """
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
        if let pooler = inputs.pooler {
            let poolers: ShellWord = pooler.types.count > 1
                ? V.clusterName + "-pooler-rw and " + V.clusterName + "-pooler-ro"
                : V.clusterName + "-pooler-rw"
            steps.append(.note(poolers + " keep serving " + V.clusterName + ": the restored cluster " + V.recoveryName
                               + " has no pooler; connect to " + V.recoveryName + "-rw to inspect it"))
        }
        return Script(
            fileName: restoreFileName,
            purpose: "",
            specFileName: nil,
            tools: ["az", "kubectl", "openssl"],
            variables: [],
            steps: steps
        )
    }

    /// `kubectl get` of the recovery Cluster printing its `Labels.restoreDrill` annotation: the drill's target time on
    /// a Cluster a drill created, nothing on one it did not (a real recovery), "not found" when there is none.
    static let recoveryDrillMark = ScriptSteps.kubectl([
        "get", ScriptSteps.cluster(V.recoveryName), "--output",
        ShellWord("jsonpath={.metadata.annotations.\(Labels.restoreDrill.replacingEvery(".", with: "\\."))}"),
    ])

    /// `kubectl patch --local` printing the recovery manifest with the drill's target time (replacing any target the
    /// spec sets) and the `Labels.restoreDrill` annotation (the rendered manifest has no `metadata.annotations`, so
    /// the patch adds the map), to pipe into `kubectl apply`.
    private static func withTargetTime(_ file: ShellWord) -> Command {
        let patch: ShellWord = #"[{"op":"add","path":"/metadata/annotations","value":{""# + ShellWord(Labels.restoreDrill) + #"":""#
            + .variable("TARGET_TIME") + #""}},{"op":"add","path":"/spec/bootstrap/recovery/recoveryTarget","value":{"targetTime":""#
            + .variable("TARGET_TIME") + #""}}]"#
        return ScriptSteps.kubectl(["patch", "--local", "--filename", file, "--type", "json", "--patch", patch, "--output", "yaml"],
                                   namespaced: false)
    }

    /// How to remove the recovery cluster the drill leaves running.
    private static var keptRunning: ShellWord {
        V.recoveryName + " keeps running for inspection; remove it with: " + manualDeletion()
            + " (the next drill deletes it too; cleanup.sh deletes its federated credential)"
    }

    /// The command that marks a recovery Cluster an earlier pgha's drill left (before drills marked theirs) as a drill's.
    static func manualMark() -> ShellWord {
        "kubectl annotate " + ScriptSteps.cluster(V.recoveryName) + " " + ShellWord(Labels.restoreDrill) + "=earlier-drill --namespace " + V.namespace
            + Kubeconfig.userFlags
    }

    /// The `kubectl delete` command line of the recovery Cluster, for a user to run (with the scripts' kubeconfig
    /// while it exists: cleanup.sh deletes it).
    static func manualDeletion(kubeconfig: Bool = true) -> ShellWord {
        "kubectl delete " + ScriptSteps.cluster(V.recoveryName) + " --namespace " + V.namespace + " --context " + V.aksCluster
            + (kubeconfig ? " --kubeconfig " + Kubeconfig.path : "")
    }

    /// Takes a new on-demand backup (deleting the Backup object of an earlier drill: its data stays in the store) and
    /// waits until its phase is `completed`, stopping at once with the Backup's error when it is `failed`.
    private static func freshBackup(_ fileName: String) -> [Step] {
        let object: ShellWord = "backups.postgresql.cnpg.io/" + V.onDemandBackup
        let file = V.outDir + "/\(Translator.oneOffFolder)/" + ShellWord(fileName)
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

    /// A Service the failover drill writes through: the cluster's `-rw` Service, and the read-write pooler's when the
    /// spec has poolers. `name` prefixes the bash variables of its measurement.
    private struct Endpoint {
        var name: String
        var service: ShellWord
        /// The first row number it writes (each endpoint writes `failoverRows` rows of its own).
        var firstRow: Int
    }

    private static func endpoints(_ inputs: ScriptInputs) -> [Endpoint] {
        var endpoints = [Endpoint(name: "rw", service: V.clusterName + "-rw", firstRow: 1)]
        if inputs.pooler != nil {
            endpoints.append(Endpoint(name: "pooler", service: V.clusterName + "-pooler-rw", firstRow: failoverRows + 1))
        }
        return endpoints
    }

    /// `psql` in the client Pod, connected to `service` as the application user (the password comes from the
    /// application Secret through the Pod's environment, never an argument).
    private static func through(_ service: ShellWord, _ statements: [ShellWord]) -> Command {
        let connection: ShellWord = "host=" + service + " port=5432 dbname=" + V.appDatabase + " user=" + V.appUser
            + " sslmode=require connect_timeout=3"
        return ScriptSteps.kubectl(["exec", client], then: ["psql", connection, "--no-psqlrc", "--no-align", "--tuples-only",
                                                            "--set", "ON_ERROR_STOP=1"] + statements.flatMap { ["--command", $0] })
    }

    /// Writes through every endpoint once a second, until each accepted a write after refusing one, or after the
    /// failover when it never refused one, and logs how many seconds each refused writes, counted from just before the
    /// primary was deleted (`FAILOVER_STARTED`), so the time `kubectl delete pod` takes is part of the outage.
    private static func outages(_ endpoints: [Endpoint], primaries: Command) -> ShellCode {
        let names = endpoints.map(\.name)
        var segments: [ShellCode.Segment] = [.code(
            "local attempt=0 failed_over='' new_primary=''" + names.map { " \($0)_refused=0 \($0)_outage=''" }.joined()
            + "\nwhile [ \"$attempt\" -lt 300 ]; do\n  if [ -z \"$failed_over\" ]; then\n    new_primary=\"$("
        )]
        segments += ShellCode("\(primaries)").segments
        segments.append(.code(")\" || new_primary=''\n    if [ -n \"$new_primary\" ] && [ \"$new_primary\" != \"$OLD_PRIMARY\" ]; then failed_over=1; fi\n  fi\n"))
        for endpoint in endpoints {
            let name = endpoint.name
            segments.append(.code("  if [ -z \"$\(name)_outage\" ]; then\n    if "))
            segments += ShellCode("\(probe(endpoint))").segments
            segments.append(.code("""
             >/dev/null 2>&1; then
                  if [ "$\(name)_refused" -gt 0 ]; then
                    \(name)_outage=$((SECONDS - FAILOVER_STARTED))
                  elif [ -n "$failed_over" ]; then
                    \(name)_outage=0
                  fi
                else
                  \(name)_refused=$((\(name)_refused + 1))
                fi
              fi

            """))
        }
        segments.append(.code("  if " + names.map { "[ -n \"$\($0)_outage\" ]" }.joined(separator: " && ")
                              + "; then break; fi\n  attempt=$((attempt + 1))\n  sleep 1\ndone"))
        for endpoint in endpoints {
            segments += ShellCode("""

            [ -n "$NAME_outage" ] || fail "\(inString: endpoint.service) did not accept writes again within 5 minutes of deleting $OLD_PRIMARY"
            """).segments.map { substituting(endpoint.name, in: $0) }
        }
        for endpoint in endpoints {
            segments += ShellCode("""

            log "\(inString: endpoint.service) refused writes for ${NAME_outage} seconds ($NAME_refused writes failed, one tried a second)"
            """).segments.map { substituting(endpoint.name, in: $0) }
        }
        return ShellCode(segments: segments)
    }

    /// Replaces the placeholder `NAME` in a code segment with an endpoint's variable prefix.
    private static func substituting(_ name: String, in segment: ShellCode.Segment) -> ShellCode.Segment {
        guard case .code(let text) = segment else { return segment }
        return .code(text.replacingEvery("NAME_", with: name + "_"))
    }

    /// The one-row write that tells whether an endpoint accepts writes (row number 0, not counted when reading back).
    private static func probe(_ endpoint: Endpoint) -> Command {
        through(endpoint.service, [ShellWord("INSERT INTO \(failoverTable) (run, n) VALUES ('") + .variable("RUN") + "', 0)"])
    }

    /// The failover drill's purpose line.
    static func failoverPurpose(_ spec: Spec) -> String {
        "Writes rows through the -rw Service of \(spec.name), deletes the primary's pod as in an unplanned outage, measures how long the Service refused writes, and reads the rows back through it."
    }

    /// The failover drill without its purpose, spec file name and variables (`ScriptTranslation` sets them per spec).
    static func failover(_ inputs: ScriptInputs) -> Script {
        let primaries = ScriptSteps.kubectl(["get", "pods", "--selector", "cnpg.io/cluster=" + V.clusterName + ",cnpg.io/instanceRole=primary",
                                             "--output", "jsonpath={.items[*].metadata.name}"])
        let pods = ScriptSteps.kubectl(["get", "pods", "--selector", "cnpg.io/cluster=" + V.clusterName,
                                        "--label-columns", "cnpg.io/instanceRole", "--output", "wide"])
        let overrides: ShellWord = #"{"apiVersion":"v1","spec":{"containers":[{"name":""# + client + #"","image":""# + V.postgresImage
            + #"","command":["sleep","3600"],"env":[{"name":"PGPASSWORD","valueFrom":{"secretKeyRef":{"name":""# + V.appSecret
            + #"","key":"password"}}}]}]}}"#
        let run: ShellWord = .variable("RUN")
        let endpoints = endpoints(inputs)
        let written = ShellWord(String(failoverRows * endpoints.count))
        let services = endpoints.dropFirst().reduce(endpoints[0].service) { $0 + " and " + $1.service }
        var steps: [Step] = ScriptSteps.signIn(inputs) + ScriptSteps.credentials + [
            .heading("Client " + client + " for " + services),
            .run(ScriptSteps.kubectl(["delete", "pod", client, "--ignore-not-found", "--wait"])),
            .run(ScriptSteps.kubectl(["run", client, "--image", V.postgresImage, "--restart", "Never", "--overrides", overrides])),
            .run(ScriptSteps.kubectl(["wait", "pod/" + client, "--for=condition=Ready", "--timeout=5m"])),
            .capture(variable: "RUN", Command("openssl", "rand", "-hex", "8")),
        ]
        for (index, endpoint) in endpoints.enumerated() {
            let rows = ShellWord("', g FROM generate_series(\(endpoint.firstRow), \(endpoint.firstRow + failoverRows - 1)) g")
            let create: [ShellWord] = index == 0
                ? [ShellWord("CREATE TABLE IF NOT EXISTS \(failoverTable) (run text NOT NULL, n integer NOT NULL, written_at timestamptz NOT NULL DEFAULT clock_timestamp())")]
                : []
            steps += [
                .heading("\(failoverRows) rows written through " + endpoint.service),
                .run(through(endpoint.service, create + [ShellWord("INSERT INTO \(failoverTable) (run, n) SELECT '") + run + rows])),
            ]
        }
        steps += [
            .heading("Instances of " + V.clusterName),
            .run(pods),
            .capture(variable: "OLD_PRIMARY", primaries),
            .heading("Failing the primary " + .variable("OLD_PRIMARY")),
            .code(description: "start the outage clock", "FAILOVER_STARTED=$SECONDS"),
            .run(ScriptSteps.kubectl(["delete", "pod", .variable("OLD_PRIMARY"), "--grace-period=1"])),
            .code(description: "write through " + services + " once a second until each accepts writes again",
                  outages(endpoints, primaries: primaries)),
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
        ]
        for endpoint in endpoints {
            let variable = endpoint.name.uppercased() + "_ROWS"
            steps += [
                .heading("Rows read back through " + endpoint.service),
                .capture(variable: variable, through(endpoint.service, [
                    ShellWord("SELECT count(*) FROM \(failoverTable) WHERE run = '") + run + "' AND n > 0",
                ])),
                .check(ShellCode(segments: ShellCode("""
                if [ "$DRY_RUN" = 0 ] && [ "$NAME_ROWS" != \(written) ]; then
                  fail "\(inString: endpoint.service) returns $NAME_ROWS of the \(inString: written) rows written before the failover: committed rows were lost"
                fi
                """).segments.map { substituting(endpoint.name.uppercased(), in: $0) })),
            ]
        }
        steps += [
            .run(through(V.clusterName + "-rw", [ShellWord("DROP TABLE \(failoverTable)")])),
            .run(ScriptSteps.kubectl(["delete", "pod", client, "--wait=false"])),
            .note("failover drill passed: all " + written + " rows written through " + services
                  + " before the failover came back through " + (endpoints.count > 1 ? "each" : "it")),
            .note("to make " + .variable("OLD_PRIMARY") + " primary again: kubectl cnpg promote "
                  + V.clusterName + " " + .variable("OLD_PRIMARY") + " --namespace " + V.namespace + Kubeconfig.userFlags),
        ]
        return Script(
            fileName: failoverFileName,
            purpose: "",
            specFileName: nil,
            tools: ["az", "kubectl", "openssl"],
            variables: [],
            steps: steps
        )
    }
}
