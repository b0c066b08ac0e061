/// The pgha spec, field by field (`apiVersion: pgha/v1alpha1`, `kind: PostgresCluster`).
public enum SpecSchema {
    public static let apiVersion = "pgha/v1alpha1"
    public static let kind = "PostgresCluster"

    /// The CloudNativePG versions pgha can target.
    public static let operatorVersions = OperatorRelease.all.map(\.version.description)

    /// The top-level fields of a spec.
    public static let root: [FieldSchema] = [
        FieldSchema("apiVersion", .oneOf([apiVersion]), required: true, "The spec format version."),
        FieldSchema("kind", .oneOf([kind]), required: true, "The kind of spec."),
        FieldSchema("name", .string, required: true, becomes: "Cluster.metadata.name",
                    "The PostgreSQL cluster's name: a DNS-1035 label of at most 50 characters. Names every rendered object. The Azure names derived from it must fit too: with the default resource group, AKS cluster and node resource group (MC_rg-<name>_aks-<name>_<location>, at most 80 characters, AKS's limit), a name has at most (68 − length of location) / 2 characters, rounded down, 30 for westus3; with managedPrometheus and the default Grafana name, 15."),
        FieldSchema("namespace", .string, default: "cnpg-database", becomes: "metadata.namespace of every object",
                    "The Kubernetes namespace of the database objects."),
        FieldSchema("instances", .integer(min: 1, max: 99), default: "3", becomes: "Cluster.spec.instances",
                    "How many PostgreSQL instances: one primary and the rest standbys."),
        FieldSchema("zones", .list(.scalar), default: "[\"1\", \"2\", \"3\"]",
                    becomes: "Cluster.spec.topologySpreadConstraints (zone), node pool --zones",
                    "The availability zones the instances spread across; with two or more, instances must land in different zones. An empty list (no zones) suits a single instance, or a region without availability zones (deploy.sh stops a spec with zones there); with several instances it is a warning (PGHA0419)."),
        FieldSchema("nodeSelector", .map(.string), default: "{workload: postgres}",
                    becomes: "Cluster.spec.affinity.nodeSelector, node pool --labels",
                    "Node labels the instances must run on; the PostgreSQL node pool carries them."),
        FieldSchema("tolerations", .list(.string), default: "azure.nodePool.taints",
                    becomes: "Cluster.spec.affinity.tolerations",
                    "Node taints the instances tolerate, as key=value:Effect. By default the PostgreSQL pool's own taints, so the instances (and only pods that tolerate them) run there."),
        operatorField,
        postgres,
        resources,
        storage,
        bootstrap,
        roles,
        databases,
        replication,
        backup,
        recovery,
        monitoring,
        expose,
        pooler,
        azure,
    ]

    static let operatorField = FieldSchema("operator", .object([
        FieldSchema("namespace", .string, default: "cnpg-system",
                    "The namespace the CloudNativePG operator runs in (and reads its ConfigMap from)."),
        FieldSchema("version", .oneOf(operatorVersions), default: "\"1.30\"",
                    "The CloudNativePG minor version to target: decides which fields are emitted, which are deprecated, the default backup method and the charts deploy.sh installs. 1.31 renders for the Barman Cloud Plugin only; its CRDs were not out when pgha was built."),
        FieldSchema("config", .map(.string), default: "{} (1.25: {ENABLE_AZURE_PVC_UPDATES: \"true\"})",
                    becomes: "ConfigMap cnpg-controller-manager-config (operator namespace)",
                    "Operator settings, such as CLUSTERS_ROLLOUT_DELAY. Rendered under operator/, apart from the database objects."),
    ]), "The CloudNativePG operator.")

    static let postgres = FieldSchema("postgres", .object([
        FieldSchema("version", .integer(min: 13, max: 18), default: "18",
                    becomes: "Cluster.spec.imageName (ghcr.io/cloudnative-pg/postgresql:<minor>-<flavour>-trixie)",
                    "The PostgreSQL major version. The image is pinned to the minor release pgha knows for it, in the `minimal` flavour (the plugin's sidecar brings barman-cloud), `standard` when parameters or preloaded libraries use pgaudit or pg_failover_slots, or, with in-tree backups, `system` (barman-cloud inside the image)."),
        FieldSchema("image", .string, becomes: "Cluster.spec.imageName",
                    "Your own PostgreSQL image, instead of `version`. Its tag must start with the major version; in-tree backups need barman-cloud inside it."),
        FieldSchema("imageCatalog", .object([
            FieldSchema("name", .string, required: true, becomes: "Cluster.spec.imageCatalogRef.name",
                        "The catalog's name."),
            FieldSchema("kind", .oneOf(["ImageCatalog", "ClusterImageCatalog"]), default: "ImageCatalog",
                        becomes: "Cluster.spec.imageCatalogRef.kind",
                        "An ImageCatalog in the cluster's namespace, or a cluster-wide ClusterImageCatalog."),
        ]), becomes: "Cluster.spec.imageCatalogRef (major: postgres.version)",
                    "Take the image from a catalog you maintain, instead of `image`: the entry for `version`. Updating the catalog updates every cluster that uses it."),
        FieldSchema("parameters", .map(.scalar), default: "{}", becomes: "Cluster.spec.postgresql.parameters",
                    "postgresql.conf settings. Values are rendered as strings exactly as written."),
        FieldSchema("pgHBA", .list(.string), default: "[\"hostssl all all all scram-sha-256\", \"hostnossl all all all reject\"]",
                    becomes: "Cluster.spec.postgresql.pg_hba",
                    "pg_hba.conf lines, checked as PostgreSQL parses them (connection type, databases, users, address, method of the target version, name=value options) and added before the operator's own rules (which end with 'host all all all scram-sha-256', so keep a 'hostnossl ... reject' line to refuse connections without TLS)."),
        FieldSchema("sharedPreloadLibraries", .list(.string), default: "[]",
                    becomes: "Cluster.spec.postgresql.shared_preload_libraries",
                    "Extra libraries to preload (the operator adds pg_stat_statements, auto_explain and the like by itself)."),
    ]), "The PostgreSQL server.")

    static let resources = FieldSchema("resources", .object([
        FieldSchema("cpu", .quantity, default: "\"2\"", becomes: "Cluster.spec.resources.requests.cpu",
                    "CPU for each instance."),
        FieldSchema("memory", .quantity, default: "8Gi", becomes: "Cluster.spec.resources.requests.memory",
                    "Memory for each instance."),
        FieldSchema("limits", .object([
            FieldSchema("cpu", .quantity, default: "resources.cpu", becomes: "Cluster.spec.resources.limits.cpu",
                        "CPU limit."),
            FieldSchema("memory", .quantity, default: "resources.memory", becomes: "Cluster.spec.resources.limits.memory",
                        "Memory limit."),
        ]), "Limits; by default equal to the requests, which gives the pods the Guaranteed QoS class."),
    ]), "Compute resources of each instance.")

    static let storage = FieldSchema("storage", .object([
        FieldSchema("size", .quantity, default: "64Gi", becomes: "Cluster.spec.storage.size",
                    "The data volume of each instance. Volumes grow (online) but never shrink: `render`, `check` and `diff` into a directory that records a larger size in `.pgha/spec.json` refuse a smaller one (PGHA0160) and write nothing. For smaller volumes, render into a new directory for a new cluster and move the data there."),
        FieldSchema("storageClass", .string, default: "managed-csi-premium (<namespace>-<name>-premium-v2 with premiumV2, <namespace>-<name>-local-nvme with localNVMe)",
                    becomes: "Cluster.spec.storage.pvcTemplate.storageClassName",
                    "The StorageClass of the data volume."),
        FieldSchema("premiumV2", .object([
            FieldSchema("iops", .integer(min: 3000, max: 80000), default: "3000", becomes: "VolumeAttributesClass parameters.DiskIOPSReadWrite (StorageClass parameters before Kubernetes 1.34)",
                        "Provisioned IOPS of each disk (3000 are free; at most 500 per GiB above that)."),
            FieldSchema("throughputMBps", .integer(min: 125, max: 1200), default: "125", becomes: "VolumeAttributesClass parameters.DiskMBpsReadWrite (StorageClass parameters before Kubernetes 1.34)",
                        "Provisioned throughput of each disk in MB/s (125 are free; at most a quarter of the IOPS)."),
        ]), "Premium SSD v2 disks, as the newest guide offers: pgha renders the StorageClass <namespace>-<name>-premium-v2 (named after the namespace too, as StorageClasses are cluster-scoped; PremiumV2_LRS, no host caching, WaitForFirstConsumer) and the volumes use it. Premium SSD v2 is zonal and locally redundant only, so it needs `zones`; the zone spread keeps one copy per zone. From Kubernetes 1.34 the IOPS and throughput are a VolumeAttributesClass <namespace>-<name>-premium-v2-<iops>iops-<throughput>mbps that the volumes name (the StorageClass keeps the free 3000 IOPS and 125 MB/s, and never changes): changing them here renders another class, CloudNativePG moves every existing volume to it, and the Azure Disk CSI driver changes each disk online, without moving data. Before 1.34 (VolumeAttributesClass is off by default there) they are the StorageClass's parameters, which Kubernetes does not let change: after changing them, delete the StorageClass before applying, and change the existing disks with az disk update (`pgha diff` says so). A directory rendered for 1.34 or later by an earlier pgha, with other than the free performance, needs that StorageClass deleted once too."),
        FieldSchema("localNVMe", .boolean, default: "false",
                    becomes: "StorageClass <namespace>-<name>-local-nvme (localdisk.csi.acstor.io); az aks update --enable-azure-container-storage",
                    "Local NVMe disks of the nodes through Azure Container Storage, the newest guide's fastest option (the node pool needs a VM size with NVMe disks, such as the L series). The disk lives and dies with its node: a lost or replaced node loses that instance's data, which CloudNativePG then rebuilds from another instance; so it needs at least three instances and backups."),
        FieldSchema("wal", .object([
            FieldSchema("size", .quantity, required: true, becomes: "Cluster.spec.walStorage.size",
                        "The WAL volume of each instance; like the data volume, it grows but never shrinks (PGHA0160)."),
            FieldSchema("storageClass", .string, default: "storage.storageClass",
                        becomes: "Cluster.spec.walStorage.pvcTemplate.storageClassName",
                        "The StorageClass of the WAL volume."),
        ]), "A separate WAL volume; omit it to keep WAL on the data volume. A cluster cannot lose its WAL volume: removing the section from a spec whose directory records one is an error (PGHA0161)."),
    ]), "Persistent volumes.")

    static let bootstrap = FieldSchema("bootstrap", .object([
        FieldSchema("database", .string, default: "app", becomes: "Cluster.spec.bootstrap.initdb.database",
                    "The application database created at bootstrap."),
        FieldSchema("owner", .string, default: "app", becomes: "Cluster.spec.bootstrap.initdb.owner",
                    "The application user owning it."),
        FieldSchema("secret", .string, default: "<name>-app-credentials",
                    becomes: "Cluster.spec.bootstrap.initdb.secret.name",
                    "The basic-auth Secret with the application user's credentials; created at deploy time, never rendered."),
        FieldSchema("dataChecksums", .boolean, default: "true", becomes: "Cluster.spec.bootstrap.initdb.dataChecksums",
                    "Page checksums."),
    ]), "The empty application database the cluster starts with.")

    static let roles = FieldSchema("roles", .map(.object([
        FieldSchema("login", .boolean, default: "true", "Whether the role can log in."),
        FieldSchema("connectionLimit", .integer(min: -1, max: 100_000), default: "-1", "Concurrent connections allowed (-1: no limit)."),
        FieldSchema("inRoles", .list(.string), default: "[]", "Roles it is a member of, such as pg_read_all_data."),
    ])), default: "{}", becomes: "DatabaseRole <name>-<role> (1.30+), Cluster.spec.managed.roles (before); passwordSecret <name>-role-<role>",
        "PostgreSQL roles the operator keeps as declared, by name, each with `login` (default true), `connectionLimit` (-1) and `inRoles` ([]). A role that logs in gets a password that deploy.sh generates into the basic-auth Secret <name>-role-<role> ('_' written '-'); it is never rendered. Names are simple identifiers; postgres, streaming_replica, cnpg_* and pg_* are reserved.")

    static let databases = FieldSchema("databases", .map(.object([
        FieldSchema("owner", .string, default: "bootstrap.owner", "The owning role: bootstrap.owner or one of `roles`."),
        FieldSchema("extensions", .list(.string), default: "[]", "Extensions to create in it (CloudNativePG 1.26 or newer)."),
    ])), default: "{}", becomes: "Database <name>-<database> (one per entry)",
        "More databases, by name, each with an `owner` (default bootstrap.owner) and `extensions` ([]); the operator creates them and keeps their owner and extensions. Names are simple identifiers other than postgres, template0 and template1.")

    static let replication = FieldSchema("replication", .object([
        FieldSchema("syncReplicas", .integer(min: 0, max: 98), default: "1 (0 with a single instance)",
                    becomes: "Cluster.spec.postgresql.synchronous.number (no synchronous block at 0)",
                    "How many standbys must confirm each commit (0: asynchronous replication). Rendered as `postgresql.synchronous`, not the legacy minSyncReplicas/maxSyncReplicas, so `dataDurability` and failover quorum apply."),
        FieldSchema("syncMethod", .oneOf(["any", "first"]), default: "any",
                    becomes: "Cluster.spec.postgresql.synchronous.method",
                    "`any`: any `syncReplicas` standbys confirm (quorum, ANY n), so no standby is special; `first`: the first `syncReplicas` standbys by name (FIRST n)."),
        FieldSchema("dataDurability", .oneOf(["required", "preferred"]), default: "required",
                    becomes: "Cluster.spec.postgresql.synchronous.dataDurability",
                    "May writes continue without their synchronous standbys? `required`: no, writes wait until `syncReplicas` standbys are back, so no confirmed commit is lost (RPO 0); `preferred`: yes, only healthy standbys are waited for, so writes go on and a failover may lose the latest commits."),
        FieldSchema("failoverQuorum", .boolean, default: "true (false with syncReplicas 0, dataDurability preferred, or operator 1.25/1.26)",
                    becomes: "Cluster.spec.postgresql.synchronous.failoverQuorum (1.28+); annotation alpha.cnpg.io/failoverQuorum (1.27)",
                    "Promote a standby automatically only when the operator can prove it has every synchronously committed transaction (R + W > N); otherwise wait for the lost instances or a manual `kubectl cnpg promote`. The guarantee that makes `required` durability hold across failovers; CloudNativePG 1.27 or newer."),
        FieldSchema("highAvailabilitySlots", .boolean, default: "true",
                    becomes: "Cluster.spec.replicationSlots.highAvailability.enabled",
                    "Replication slots that keep WAL for every standby."),
        FieldSchema("slotUpdateInterval", .integer(min: 1, max: 3600), default: "30",
                    becomes: "Cluster.spec.replicationSlots.updateInterval",
                    "Seconds between slot position updates on standbys."),
        FieldSchema("startDelay", .integer(min: 1, max: 86400), default: "3600", becomes: "Cluster.spec.startDelay",
                    "Seconds an instance may take to start before the startup probe restarts it. CloudNativePG's default: crash recovery or a standby catching up after downtime can take many minutes, and a short delay (the 2024 guide's 30) kills the instance in the middle of it, again and again."),
        FieldSchema("stopDelay", .integer(min: 1, max: 86400), default: "1800", becomes: "Cluster.spec.stopDelay",
                    "Seconds an instance may take to stop (smart shutdown, then a fast shutdown that waits for WAL archiving and streaming to finish). CloudNativePG's default, so a stopping primary hands its last WAL over instead of being killed; at least smartShutdownTimeout + 15."),
        FieldSchema("smartShutdownTimeout", .integer(min: 1, max: 86400), default: "180 (stopDelay - 15 when stopDelay is shorter than 195)",
                    becomes: "Cluster.spec.smartShutdownTimeout",
                    "Seconds of the smart shutdown, in which clients may finish before they are disconnected; part of stopDelay. CloudNativePG's default, shortened with a short stopDelay so that the fast shutdown keeps its 15 seconds."),
        FieldSchema("startupMaximumLag", .quantity, default: "32Mi",
                    becomes: "Cluster.spec.probes.startup (type streaming, maximumLag; 1.26+)",
                    "A starting standby counts as started only once it streams from the primary and lags by at most this many bytes, so a rolling update waits for it instead of moving on to the next instance (the newest guide's value). The time allowed stays startDelay. The primary is not affected."),
        FieldSchema("readinessMaximumLag", .quantity,
                    becomes: "Cluster.spec.probes.readiness (type streaming, maximumLag; 1.26+)",
                    "A standby lagging by more bytes than this is taken out of the read-only Services. Unset by default, as CloudNativePG advises: a standby that is not ready cannot be promoted, so a tight bound can leave no candidate after a primary failure."),
    ]), "Synchronous replication, failover, probes and shutdown.")

    static let backup = FieldSchema("backup", .object([
        FieldSchema("method", .oneOf(BackupMethod.allCases.map(\.rawValue)), default: "plugin (1.25: inTree)",
                    becomes: "ObjectStore and Cluster.spec.plugins (plugin), Cluster.spec.backup (inTree)",
                    "`plugin`: the Barman Cloud Plugin, CloudNativePG's supported path from 1.26 on. `inTree`: the Cluster's own barmanObjectStore, deprecated since 1.26 and removed in 1.31 (Docs/backup.md explains the move)."),
        FieldSchema("objectStore", .string, default: "<name>-backups", becomes: "ObjectStore.metadata.name",
                    "The plugin's ObjectStore (plugin only)."),
        FieldSchema("storageAccount", .string, required: true,
                    becomes: "ObjectStore.spec.configuration.destinationPath (inTree: Cluster.spec.backup.barmanObjectStore)",
                    "The Azure storage account (3-24 lowercase letters and digits, globally unique)."),
        FieldSchema("container", .string, default: "backups",
                    becomes: "ObjectStore.spec.configuration.destinationPath (inTree: Cluster.spec.backup.barmanObjectStore)",
                    "The blob container backups go to."),
        FieldSchema("retention", .string, default: "7d",
                    becomes: "ObjectStore.spec.retentionPolicy (inTree: Cluster.spec.backup.retentionPolicy)",
                    "How long backups are kept: a number and d, w or m."),
        FieldSchema("schedule", .string, default: "\"0 15 * * * *\"", becomes: "ScheduledBackup.spec.schedule",
                    "When to back up: a 6-field cron with seconds first, as CloudNativePG reads it (the default is every hour at :15)."),
        FieldSchema("onDemand", .boolean, default: "true", becomes: "Backup (oneoff/)",
                    "Also render a one-off Backup, outside the main kustomization."),
        FieldSchema("walCompression", .oneOf(BackupCompression.wal), becomes: "ObjectStore.spec.configuration.wal.compression (inTree: Cluster.spec.backup.barmanObjectStore.wal)",
                    "Compress archived WAL files (none when omitted). lz4, xz and zstd need the plugin or, in-tree, CloudNativePG 1.29 or later."),
        FieldSchema("dataCompression", .oneOf(BackupCompression.data), becomes: "ObjectStore.spec.configuration.data.compression (inTree: Cluster.spec.backup.barmanObjectStore.data)",
                    "Compress base backups (none when omitted). lz4 needs the plugin or, in-tree, CloudNativePG 1.30."),
        FieldSchema("walMaxParallel", .integer(min: 1, max: 64), default: "8", becomes: "ObjectStore.spec.configuration.wal.maxParallel (inTree: Cluster.spec.backup.barmanObjectStore.wal)",
                    "WAL files archived in parallel; with the plugin also the WAL files a recovery restores in parallel."),
        FieldSchema("sidecar", .object([
            FieldSchema("cpu", .quantity, default: "500m",
                        becomes: "ObjectStore.spec.instanceSidecarConfiguration.resources (requests and limits)",
                        "CPU of the plugin's sidecar in each instance pod."),
            FieldSchema("memory", .quantity, default: "512Mi",
                        becomes: "ObjectStore.spec.instanceSidecarConfiguration.resources (requests and limits)",
                        "Memory of the plugin's sidecar."),
        ]), "The plugin's sidecar container (plugin only). Requests equal limits, so the pods keep the Guaranteed QoS class."),
    ]), "Continuous backup to Azure Blob Storage through workload identity; omit it for no backups. Docs/backup.md explains the methods.")

    static let recovery = FieldSchema("recovery", .object([
        FieldSchema("name", .string, default: "<name>-recovered", becomes: "Cluster.metadata.name (oneoff/)",
                    "The recovery cluster's name."),
        FieldSchema("instances", .integer(min: 1, max: 99), default: "1", becomes: "Cluster.spec.instances",
                    "Instances of the recovery cluster."),
        FieldSchema("walMaxParallel", .integer(min: 1, max: 64), default: "8",
                    becomes: "Cluster.spec.externalClusters[].barmanObjectStore.wal.maxParallel",
                    "WAL files restored in parallel (inTree only: with the plugin, `backup.walMaxParallel` sets it)."),
        FieldSchema("targetTime", .string, becomes: "Cluster.spec.bootstrap.recovery.recoveryTarget.targetTime",
                    "Point-in-time recovery: replay up to this time, in RFC 3339 with a zone (`2026-11-29T18:30:00Z`, `2026-11-29T19:30:00+01:00`). The newest backup that ended before it is restored."),
        FieldSchema("targetLSN", .string, becomes: "Cluster.spec.bootstrap.recovery.recoveryTarget.targetLSN",
                    "Replay up to this WAL position (LSN), such as `0/3000060`."),
        FieldSchema("targetName", .string, becomes: "Cluster.spec.bootstrap.recovery.recoveryTarget.targetName",
                    "Replay up to the restore point of this name (made with `pg_create_restore_point`)."),
        FieldSchema("targetImmediate", .boolean, default: "false",
                    becomes: "Cluster.spec.bootstrap.recovery.recoveryTarget.targetImmediate",
                    "Stop replaying as soon as the restored backup is consistent."),
        FieldSchema("backupID", .string, becomes: "Cluster.spec.bootstrap.recovery.recoveryTarget.backupID",
                    "The backup to restore, by the ID barman-cloud gave it (`20261129T183000`; `kubectl get backups.postgresql.cnpg.io -o custom-columns=NAME:.metadata.name,ID:.status.backupId` lists them). Needed with `targetName` and `targetImmediate`, which cannot choose a backup (CloudNativePG refuses them without it); with `targetTime` or `targetLSN`, or no target, it replaces the operator's choice of the newest backup before the target."),
    ]), "A one-off Cluster restored from the backups (needs `backup`); omit it for none. Without a target (at most one of `targetTime`, `targetLSN`, `targetName`, `targetImmediate`), it replays the whole WAL archive. restore-drill.sh sets its own target time and marks the Cluster it applies with the annotation `pgha.io/restore-drill`; the drill and cleanup.sh delete a Cluster of this name only when it carries that annotation, so a recovery you applied yourself stays. It archives nothing (no `plugins` entry, no `backup`), but it runs as the source's workload identity, to which deploy.sh grants write access (Storage Blob Data Contributor) to the backups' storage account: a process in its pods could write into the source's backup folder.")

    static let monitoring = FieldSchema("monitoring", .object([
        FieldSchema("prometheus", .boolean, default: "true", becomes: "PodMonitor (monitoring.coreos.com/v1)",
                    "A PodMonitor for the Prometheus operator."),
        FieldSchema("managedPrometheus", .boolean, default: "false", becomes: "PodMonitor (azmonitoring.coreos.com/v1)",
                    "A PodMonitor for Azure Managed Prometheus, with the label limits Azure recommends."),
        FieldSchema("dashboard", .boolean, default: "true",
                    becomes: "deploy.sh: helm chart cnpg-grafana/cluster (prometheus); az grafana dashboard import (managedPrometheus)",
                    "CloudNativePG's Grafana dashboard, fetched from cloudnative-pg/grafana-dashboards at deploy time (pinned to chart 0.0.5): a ConfigMap that kube-prometheus-stack's Grafana sidecar loads, and an import into Azure Managed Grafana."),
        FieldSchema("alerts", .object([
            FieldSchema("enabled", .boolean, default: "true",
                        becomes: "PrometheusRule <name>-alerts; with managedPrometheus the Azure Prometheus rule group <namespace>-<name>-alerts (deploy.sh)",
                        "The alerting rules of Docs/runbooks.md, for each Prometheus the spec scrapes with."),
            FieldSchema("replicationLagSeconds", .integer(min: 1, max: 86400), default: "60",
                        becomes: "alert PostgresReplicationLagging",
                        "Seconds a standby may lag behind the primary before the alert fires."),
            FieldSchema("connectionsPercent", .integer(min: 1, max: 100), default: "80",
                        becomes: "alert PostgresConnectionsNearLimit",
                        "Percent of max_connections in use at which the alert fires; below 100, since connections never exceed the limit."),
            FieldSchema("diskUsagePercent", .integer(min: 1, max: 100), default: "80",
                        becomes: "alert PostgresVolumeAlmostFull",
                        "Percent of a data or WAL volume in use at which the alert fires (a full WAL volume stops PostgreSQL); below 100."),
            FieldSchema("backupMaxAgeHours", .integer(min: 1, max: 8760), default: "26",
                        becomes: "alerts PostgresBackupTooOld and PostgresBackupNeverCompleted",
                        "Hours since the last completed backup at which PostgresBackupTooOld fires, and hours the instances may report without any completed backup before PostgresBackupNeverCompleted fires (with backup); longer than the time between two scheduled backups."),
            FieldSchema("runbookBaseURL", .string,
                        becomes: "annotation runbook_url of every alert: <runbookBaseURL>#<anchor>",
                        "The URL where the team publishes pgha's runbooks (Docs/runbooks.md, rendered in their wiki or Git host), such as `https://git.example.com/platform/pgha/blob/main/Docs/runbooks.md`: each alert then links `<runbookBaseURL>#<anchor>`, its section there (the alert's name in lower case, as GitHub and GitLab anchor headings), in the `runbook_url` annotation Alertmanager and Grafana link. An absolute http:// or https:// URL with a host and without a fragment (`#`), credentials, spaces or characters a URL cannot hold (percent-encode them). Without it, alerts carry only `runbook`, the section's path in pgha's repository."),
        ]), "Alerting rules with the thresholds below; each alert has a runbook section in Docs/runbooks.md."),
    ]), "Metrics scraping and alerting.")

    static let expose = FieldSchema("expose", .object([
        FieldSchema("allowedSourceRanges", .list(.string), required: true,
                    becomes: "Service.spec.loadBalancerSourceRanges",
                    "The CIDRs allowed to connect."),
        FieldSchema("allowInternet", .boolean, default: "false",
                    "Allow 0.0.0.0/0 or ::/0 in allowedSourceRanges, or ranges that together cover the whole internet."),
        FieldSchema("allowTrust", .boolean, default: "false",
                    "Allow pg_hba `trust` rules (no password) on addresses exposed connections can come from: `all`, samenet, host names, CIDRs that overlap allowedSourceRanges or the AKS nodes' network 10.224.0.0/12 (the load balancer's connections arrive from node addresses)."),
        FieldSchema("dnsLabel", .string, required: true,
                    becomes: "service.beta.kubernetes.io/azure-dns-label-name",
                    "The DNS label of the public IP: <dnsLabel>.<location>.cloudapp.azure.com; unique in the region."),
        FieldSchema("publicIP", .string, default: "<name>-pip", becomes: "service.beta.kubernetes.io/azure-pip-name",
                    "The static public IP both Services share."),
        FieldSchema("readWritePort", .integer(min: 1, max: 65535), default: "5432",
                    becomes: "Service <name>-public-rw spec.ports[0].port", "The public port of the primary."),
        FieldSchema("readOnlyPort", .integer(min: 1, max: 65535), default: "5433",
                    becomes: "Service <name>-public-ro spec.ports[0].port", "The public port of the standbys."),
    ]), "Public LoadBalancer Services for the primary (read-write) and the standbys (read-only); omit it to keep the cluster internal.")

    static let pooler = FieldSchema("pooler", .object([
        FieldSchema("instances", .integer(min: 1, max: 20), default: "2", becomes: "Pooler.spec.instances",
                    "PgBouncer pods per pooler; two or more keep the pooler up while a node is drained."),
        FieldSchema("poolMode", .oneOf(["transaction", "session"]), default: "transaction",
                    becomes: "Pooler.spec.pgbouncer.poolMode",
                    "`transaction`: a server connection is held only for a transaction, so many clients share few connections (session state such as SET, advisory locks or LISTEN does not survive between transactions); `session`: one server connection per client for its whole session, which pools reconnects but not concurrency."),
        FieldSchema("readOnly", .boolean, default: "false", becomes: "Pooler <name>-pooler-ro (type ro)",
                    "Also a pooler in front of the standbys, for read-only traffic."),
        FieldSchema("parameters", .map(.scalar), default: "{}", becomes: "Pooler.spec.pgbouncer.parameters",
                    "PgBouncer settings CloudNativePG lets users set (max_client_conn, default_pool_size, max_prepared_statements, ...); values as written."),
        FieldSchema("resources", .object([
            FieldSchema("cpu", .quantity, default: "500m", becomes: "Pooler.spec.template.spec.containers[pgbouncer].resources",
                        "CPU for each PgBouncer pod (request and limit). PgBouncer is single-threaded, so more than 1 is wasted; 500m serves a few thousand transactions per second."),
            FieldSchema("memory", .quantity, default: "256Mi", becomes: "Pooler.spec.template.spec.containers[pgbouncer].resources",
                        "Memory for each PgBouncer pod (request and limit)."),
        ]), "Compute resources of each PgBouncer pod."),
        FieldSchema("expose", .object([
            FieldSchema("allowedSourceRanges", .list(.string), required: true,
                        becomes: "Pooler.spec.serviceTemplate.spec.loadBalancerSourceRanges",
                        "The CIDRs allowed to connect; each within one of expose.allowedSourceRanges when the database is exposed too."),
            FieldSchema("dnsLabel", .string, becomes: "service.beta.kubernetes.io/azure-dns-label-name",
                        "A DNS label for the pooler's public IP: <dnsLabel>.<location>.cloudapp.azure.com (the read-only pooler gets <dnsLabel>-ro)."),
        ]), "Public LoadBalancer Services for the poolers, each on a public IP of its own; omit it to keep them internal."),
    ]), "PgBouncer poolers (CloudNativePG Pooler) in front of the primary, and optionally the standbys, with their own PodMonitors; omit it for none. The PgBouncer pods do not tolerate the PostgreSQL pool's taint, so they run on the system pool (azure.systemPool), beside the CloudNativePG operator, the Barman Cloud Plugin, cert-manager, kube-prometheus-stack and AKS's own add-ons: instances × resources (twice with readOnly) must fit what the system pool's maxCount nodes have left after those. The default system pool (2 to 3 standard_d2s_v3, about 1.9 allocatable CPUs each before those) has room for the default pooler (two 500m pods), not for many more: for more, grow azure.systemPool (AKS recommends at least 4 vCPUs per system node in production, as Examples/production.yaml does). pgha does not know VM sizes' CPUs and does not check this.")

    static let azure = FieldSchema("azure", .object([
        FieldSchema("subscription", .string,
                    "The subscription ID (a UUID) every script must run in: each stops when az is signed in to another. Without it, the scripts use the subscription `az account` has selected and print how to pin it."),
        FieldSchema("location", .string, required: true,
                    "The Azure public region's programmatic name, such as canadacentral; one of the regions `az account list-locations` lists."),
        FieldSchema("resourceGroup", .string, default: "rg-<name>", "The resource group of everything pgha creates."),
        FieldSchema("aksCluster", .string, default: "aks-<name>", "The AKS cluster."),
        FieldSchema("nodeResourceGroup", .string, default: "MC_<resourceGroup>_<aksCluster>_<location>",
                    becomes: "service.beta.kubernetes.io/azure-load-balancer-resource-group",
                    "The AKS node resource group, where the public IP lives."),
        FieldSchema("kubernetesVersion", .string, default: "\"1.36\" (for operator 1.30: the newest minor the operator version supports)",
                    "The AKS Kubernetes version: a minor the operator version supports (1.30: 1.34 to 1.36) and AKS still creates in the location, which deploy.sh checks before it creates anything."),
        FieldSchema("tier", .oneOf(["free", "standard", "premium"]), default: "standard", "The AKS pricing tier."),
        FieldSchema("authorizedIPRanges", .list(.string), default: "[] (the API server is open)",
                    "CIDRs allowed to reach the Kubernetes API server."),
        FieldSchema("identity", .object([
            FieldSchema("name", .string, default: "<name>-identity", "The user-assigned managed identity."),
            FieldSchema("clientID", .string,
                        becomes: "Cluster.spec.serviceAccountTemplate.metadata.annotations[azure.workload.identity/client-id]",
                        "The identity's client ID (a UUID); without it deploy.sh reads it and renders the manifests again (a fleet member's deploy.sh stops for it instead: Docs/deploy.md)."),
        ]), "The workload identity: the instances reach the backups with it (a federated credential per Cluster, Storage Blob Data Contributor on the storage account). deploy.sh creates it only with backup."),
        FieldSchema("controlPlaneIdentity", .object([
            FieldSchema("name", .string, default: "<aksCluster>-identity", "The user-assigned managed identity."),
        ]), "The AKS cluster's own identity (az aks create --assign-identity), which holds Network Contributor on the node resource group for the public IP. Separate from azure.identity, so the database pods hold no network rights; specs sharing an AKS cluster share it (PGHA0703). Naming azure.identity's identity here makes one identity both (PGHA0441)."),
        FieldSchema("systemPool", .object(nodePoolFields(name: "systempool", vmSize: "standard_d2s_v3", min: 2, max: 3)),
                    "The AKS system node pool."),
        FieldSchema("nodePool", .object(nodePoolFields(name: "postgres", vmSize: "standard_d4s_v3", min: 3, max: 6) + [
            FieldSchema("taints", .list(.string), default: "[\"workload=postgres:NoSchedule\"]",
                        becomes: "az aks nodepool add --node-taints (az aks nodepool update --node-taints on an existing pool whose taints differ)",
                        "Taints on the pool's nodes, as key=value:Effect (NoSchedule, PreferNoSchedule or NoExecute), so that nothing but the PostgreSQL instances lands on the database nodes (DaemonSets that tolerate every taint, such as AKS's own, still run). Set when deploy.sh creates the pool, and replaced when it finds an existing pool with other taints; [] for none (deploy.sh then removes the pool's taints)."),
        ]),
                    "The node pool the PostgreSQL instances run on."),
        FieldSchema("grafana", .string, default: "<name>-grafana", "The Azure Managed Grafana (with managedPrometheus)."),
        FieldSchema("monitorWorkspace", .string, default: "<name>-prometheus",
                    "The Azure Monitor workspace (with managedPrometheus)."),
        FieldSchema("logAnalyticsWorkspace", .string, default: "<name>-logs",
                    "The Log Analytics workspace for Container insights (with managedPrometheus)."),
        FieldSchema("tags", .map(.string), default: "{}",
                    "Tags on the Azure resources deploy.sh creates, besides pgha's ownership tags `pgha.spec` and `pgha.member.*` (names these cannot use); at most 48."),
    ]), "Azure resources the deployment script creates.", required: true)

    private static func nodePoolFields(name: String, vmSize: String, min: Int, max: Int) -> [FieldSchema] {
        [
            FieldSchema("name", .string, default: name, "The node pool name: at most 12 lowercase letters and digits."),
            FieldSchema("vmSize", .string, default: vmSize, "The VM size."),
            FieldSchema("minCount", .integer(min: 1, max: 1000), default: "\(min)", "Autoscaler minimum."),
            FieldSchema("maxCount", .integer(min: 1, max: 1000), default: "\(max)", "Autoscaler maximum."),
        ]
    }
}

private extension FieldSchema {
    init(_ name: String, _ type: ValueType, _ summary: String, required: Bool) {
        self.init(name, type, required: required, summary)
    }
}
