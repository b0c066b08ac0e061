/// The alerting rules of a cluster (Docs/runbooks.md has a section for each), as one list that both the
/// PrometheusRule and deploy.sh's Azure Prometheus rule group are built from, so both flavours alert alike.
enum AlertTranslation {
    /// One alerting rule.
    struct Alert: Equatable {
        var name: String
        var expression: String
        /// Minutes the condition must hold.
        var minutes: Int
        /// `critical` or `warning`.
        var severity: String
        var summary: String

        /// The heading of its section in Docs/runbooks.md, as a Markdown anchor.
        var runbookAnchor: String { name.lowercased() }

        /// Its annotations, alike in both flavours: `summary`, `runbook` (its section's path in pgha's repository)
        /// and, with `monitoring.alerts.runbookBaseURL`, `runbook_url` (that section where the team publishes the
        /// runbooks, the link Alertmanager and Grafana show).
        func annotations(runbookBaseURL: String?) -> SortedMap {
            let runbook = "Docs/runbooks.md#" + runbookAnchor
            guard let runbookBaseURL else { return ["summary": summary, "runbook": runbook] }
            return ["summary": summary, "runbook": runbook, "runbook_url": runbookBaseURL + "#" + runbookAnchor]
        }
    }

    static func alerts(_ spec: Spec) -> [Alert] {
        let thresholds = spec.monitoring.alerts
        let pods = "namespace=\"\(spec.namespace)\", pod=~\"\(spec.name)-[0-9]+\""
        let volumes = "namespace=\"\(spec.namespace)\", persistentvolumeclaim=~\"\(spec.name)-[0-9]+(-wal)?\""
        var alerts = [
            Alert(name: "PostgresMetricsAbsent", expression: "absent(cnpg_collector_up{\(pods)})", minutes: 5,
                  severity: "critical", summary: "No instance of \(spec.name) reports metrics: the cluster is down or not scraped."),
            Alert(name: "PostgresInstanceDown", expression: "cnpg_collector_up{\(pods)} == 0", minutes: 5,
                  severity: "critical", summary: "PostgreSQL in {{ $labels.pod }} is not running."),
        ]
        if spec.instances > 1 {
            alerts += [
                Alert(name: "PostgresHALost", expression: "max(cnpg_pg_replication_streaming_replicas{\(pods)}) < 1", minutes: 5,
                      severity: "critical", summary: "No standby of \(spec.name) streams from the primary: a primary failure would stop the service."),
                Alert(name: "PostgresStandbysMissing",
                      expression: "max(cnpg_pg_replication_streaming_replicas{\(pods)}) < \(spec.instances - 1)", minutes: 5,
                      severity: "warning", summary: "Fewer than \(spec.instances - 1) standbys of \(spec.name) stream from the primary."),
                Alert(name: "PostgresReplicationLagging",
                      expression: "max by (pod) (cnpg_pg_replication_lag{\(pods)}) > \(thresholds.replicationLagSeconds)", minutes: 5,
                      severity: "warning", summary: "{{ $labels.pod }} lags more than \(thresholds.replicationLagSeconds) seconds behind the primary."),
                Alert(name: "PostgresInstancesShareANode",
                      expression: "max(cnpg_collector_nodes_used{\(pods)}) < \(spec.instances)", minutes: 15,
                      severity: "warning", summary: "Instances of \(spec.name) share a node: one node failure takes down more than one."),
            ]
        }
        if spec.replication.syncReplicas > 0 {
            let blocksWrites = spec.replication.dataDurability == "required"
            alerts.append(Alert(
                name: "PostgresSynchronousStandbysMissing",
                expression: "max(cnpg_collector_sync_replicas{\(pods), value=\"observed\"}) < \(spec.replication.syncReplicas)", minutes: 2,
                severity: blocksWrites ? "critical" : "warning",
                summary: blocksWrites ? "Fewer synchronous standbys than \(spec.replication.syncReplicas): commits on \(spec.name) wait."
                                      : "Fewer synchronous standbys than \(spec.replication.syncReplicas): commits on \(spec.name) are not replicated synchronously."
            ))
        }
        alerts += [
            Alert(name: "PostgresConnectionsNearLimit",
                  expression: "sum by (pod) (cnpg_backends_total{\(pods)}) / max by (pod) (cnpg_pg_settings_setting{\(pods), name=\"max_connections\"}) * 100 > \(thresholds.connectionsPercent)",
                  minutes: 5, severity: "warning", summary: "{{ $labels.pod }} uses more than \(thresholds.connectionsPercent)% of max_connections."),
            Alert(name: "PostgresVolumeAlmostFull",
                  expression: "max by (persistentvolumeclaim) (kubelet_volume_stats_used_bytes{\(volumes)} / kubelet_volume_stats_capacity_bytes{\(volumes)}) * 100 > \(thresholds.diskUsagePercent)",
                  minutes: 5, severity: "warning", summary: "The volume {{ $labels.persistentvolumeclaim }} is more than \(thresholds.diskUsagePercent)% full."),
            Alert(name: "PostgresTransactionIDAgeHigh", expression: "max(cnpg_pg_database_xid_age{\(pods)}) > 1000000000", minutes: 10,
                  severity: "warning", summary: "A database of \(spec.name) is past half of the transaction ID space: vacuum is not freezing rows."),
        ]
        if spec.pooler != nil {
            let poolers = "namespace=\"\(spec.namespace)\", pod=~\"\(spec.name)-pooler-(rw|ro)-.+\""
            let readWrite = "namespace=\"\(spec.namespace)\", pod=~\"\(spec.name)-pooler-rw-.+\""
            alerts += [
                Alert(name: "PgBouncerDown", expression: "absent(cnpg_pgbouncer_last_collection_error{\(readWrite)} == 0)", minutes: 5,
                      severity: "critical", summary: "No PgBouncer pod of \(spec.name)-pooler-rw works: pooled clients cannot reach the primary."),
                Alert(name: "PgBouncerClientsWaiting", expression: "max by (pod) (cnpg_pgbouncer_pools_maxwait{\(poolers)}) > 5", minutes: 5,
                      severity: "warning", summary: "Clients of {{ $labels.pod }} wait more than 5 seconds for a PostgreSQL connection."),
            ]
        }
        if let backup = spec.backup {
            alerts.append(Alert(
                name: "PostgresWALArchivingFailing",
                expression: "max(cnpg_pg_stat_archiver_last_failed_time{\(pods)}) > max(cnpg_pg_stat_archiver_last_archived_time{\(pods)})",
                minutes: 5, severity: "critical", summary: "WAL archiving of \(spec.name) fails: point-in-time recovery falls behind and WAL piles up."
            ))
            alerts += backupAlerts(spec, backup, pods: pods)
        }
        return alerts
    }

    /// The alerts on the backups' timestamps, from the metrics of the spec's backup method: the Barman Cloud Plugin's
    /// (`barman_cloud_cloudnative_pg_io_*`, which every instance reports from the ObjectStore's status, from
    /// CloudNativePG 1.27) or the in-tree ones (`cnpg_collector_*`, set by the primary from the Cluster's status, which
    /// plugin backups leave empty). Both report 0 until a backup completes (or fails), so the age alert ignores 0 and
    /// another alert says when none completed for the whole threshold; none on 1.26 with the plugin, which has no such
    /// metric (`BackupMethodRules` warns).
    private static func backupAlerts(_ spec: Spec, _ backup: Spec.Backup, pods: String) -> [Alert] {
        let plugin = backup.method == .plugin
        guard !plugin || spec.operatorSettings.version >= OperatorRelease.pluginMetricsMinimum else { return [] }
        let prefix = plugin ? "barman_cloud_cloudnative_pg_io" : "cnpg_collector"
        let available = "\(prefix)_last_available_backup_timestamp{\(pods)}"
        let failed = "\(prefix)_last_failed_backup_timestamp{\(pods)}"
        let hours = spec.monitoring.alerts.backupMaxAgeHours
        var alerts = [
            Alert(name: "PostgresBackupFailed", expression: "max(\(failed)) > max(\(available))",
                  minutes: 1, severity: "warning", summary: "The latest backup of \(spec.name) failed."),
            Alert(name: "PostgresBackupTooOld", expression: "time() - (max(\(available)) > 0) > \(hours * 3600)",
                  minutes: 10, severity: "warning", summary: "The latest completed backup of \(spec.name) is older than \(hours) hours."),
            Alert(name: "PostgresBackupNeverCompleted",
                  expression: "max(max_over_time(\(available)[\(hours)h])) == 0 and count(\(available) offset \(hours)h)",
                  minutes: 10, severity: "warning", summary: "No backup of \(spec.name) has completed in the \(hours) hours its instances have reported."),
        ]
        if plugin {
            alerts.append(Alert(name: "PostgresBackupMetricsAbsent",
                                expression: "count(cnpg_collector_up{\(pods)}) unless count(\(available))", minutes: 15,
                                severity: "warning", summary: "The instances of \(spec.name) report no Barman Cloud Plugin backup metrics: backups are not watched."))
        }
        return alerts
    }

    /// The alerts the spec renders, built once for both flavours: for the PrometheusRule (`monitoring.prometheus`) and
    /// for deploy.sh's Azure rule group (`monitoring.managedPrometheus`); none when alerts are off or neither is on.
    static func rendered(_ spec: Spec) -> [Alert] {
        guard spec.monitoring.alerts.enabled, spec.monitoring.prometheus || spec.monitoring.managedPrometheus else { return [] }
        return alerts(spec)
    }

    /// The PrometheusRule for the Prometheus operator, of the spec's `alerts`.
    static func prometheusRule(_ spec: Spec, _ alerts: [Alert]) -> PrometheusRule {
        PrometheusRule(
            metadata: ObjectMeta(name: "\(spec.name)-alerts", namespace: spec.namespace, labels: Labels.common(spec)),
            spec: PrometheusRule.Spec(groups: [PrometheusRule.RuleGroup(
                name: "\(spec.name).rules",
                rules: alerts.map { alert in
                    PrometheusRule.Rule(
                        alert: alert.name, expr: alert.expression, for: "\(alert.minutes)m",
                        labels: ["severity": alert.severity, "cluster": spec.name],
                        annotations: alert.annotations(runbookBaseURL: spec.monitoring.alerts.runbookBaseURL)
                    )
                }
            )])
        )
    }
}
