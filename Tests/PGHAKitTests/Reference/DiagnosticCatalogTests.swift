import Foundation
import Testing
@testable import PGHAKit

/// One failing spec per diagnostic code, asserting code, path and line; the same table writes
/// `Docs/diagnostics.md`, so every documented example is known to produce its diagnostic.
@Suite struct DiagnosticCatalogTests {
    struct Entry: Sendable, CustomTestStringConvertible {
        let code: DiagnosticCode
        /// The spec; `BASE` stands for the five lines of a minimal valid spec.
        let yaml: String
        let path: String
        let line: Int
        let fix: String
        var testDescription: String { code.rawValue }

        var source: String { yaml.replacingOccurrences(of: "BASE", with: TestSupport.spec()) }
    }

    static let entries: [Entry] = [
        Entry(code: .yamlSyntax, yaml: "BASEzones: [1, 2\n", path: "", line: 7, fix: "Fix the YAML at the position shown (unclosed brackets, bad indentation, stray quotes)."),
        Entry(code: .notUTF8, yaml: "BASE", path: "", line: 0, fix: "Save the file as UTF-8."),
        Entry(code: .emptyDocument, yaml: "", path: "", line: 1, fix: "Start from `Examples/minimal.yaml`."),
        Entry(code: .multipleDocuments, yaml: "BASE---\nname: other\n", path: "", line: 7, fix: "Put each spec in its own file."),
        Entry(code: .anchorsNotAllowed, yaml: "BASEnamespace: &ns db\n", path: "", line: 6, fix: "Write repeated values out in full."),
        Entry(code: .inputTooLarge, yaml: "BASEzones: " + String(repeating: "[", count: 40) + "\n", path: "", line: 6, fix: "A spec nests a few levels and is a few kilobytes; check you passed the right file."),
        Entry(code: .unknownKey, yaml: "BASEinstaces: 3\n", path: "instaces", line: 6, fix: "Use the suggested key; Docs/spec.md lists them all."),
        Entry(code: .wrongType, yaml: "BASEinstances: three\n", path: "instances", line: 6, fix: "Write a value of the field's type; quote versions such as \"1.32\"."),
        Entry(code: .missingField, yaml: "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: pg-test\n", path: "azure", line: 1, fix: "Add the field."),
        Entry(code: .duplicateKey, yaml: "BASEinstances: 3\ninstances: 5\n", path: "instances", line: 7, fix: "Keep one of the two."),
        Entry(code: .unsupportedAPIVersion, yaml: "apiVersion: pgha/v2\nkind: PostgresCluster\nname: pg-test\nazure:\n  location: westus3\n", path: "apiVersion", line: 1, fix: "Use `apiVersion: pgha/v1alpha1` and `kind: PostgresCluster`."),
        Entry(code: .outOfRange, yaml: "BASEinstances: 0\n", path: "instances", line: 6, fix: "Use a number within the range Docs/spec.md gives."),
        Entry(code: .invalidEnumValue, yaml: "BASEoperator:\n  version: \"1.32\"\n", path: "operator.version", line: 7, fix: "Use one of the listed values."),
        Entry(code: .conflictingFields, yaml: "BASEpostgres:\n  version: 17\n  image: ghcr.io/cloudnative-pg/postgresql:17.6-system-trixie\n", path: "postgres.image", line: 8, fix: "Keep one of the two fields."),
        Entry(code: .invalidClusterName, yaml: "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: PG_Test\nazure:\n  location: westus3\n", path: "name", line: 3, fix: "Use lowercase letters, digits and '-', at most 50 characters, starting with a letter."),
        Entry(code: .invalidKubernetesName, yaml: "BASEnamespace: Databases\n", path: "namespace", line: 6, fix: "Use lowercase letters, digits and '-'."),
        Entry(code: .syncReplicasTooMany, yaml: "BASEinstances: 2\nreplication:\n  syncReplicas: 2\n", path: "replication.syncReplicas", line: 8, fix: "Keep syncReplicas below instances."),
        Entry(code: .invalidQuantity, yaml: "BASEresources:\n  memory: 8GB\n", path: "resources.memory", line: 7, fix: "Use Kubernetes units: 8Gi, 512Mi, 500m."),
        Entry(code: .requestAboveLimit, yaml: "BASEresources:\n  memory: 8Gi\n  limits:\n    memory: 4Gi\n", path: "resources.limits.memory", line: 9, fix: "Make the limit at least the request (equal for Guaranteed QoS)."),
        Entry(code: .invalidImage, yaml: "BASEpostgres:\n  image: ghcr.io/cloudnative-pg/postgresql:latest\n", path: "postgres.image", line: 7, fix: "Pin a tag that starts with the PostgreSQL version, such as `17.6-system-trixie`."),
        Entry(code: .unsupportedMajorVersion, yaml: "BASEpostgres:\n  image: ghcr.io/cloudnative-pg/postgresql:12.20\n", path: "postgres.image", line: 7, fix: "Use PostgreSQL 13 or newer (16 to 18 for parameter checks)."),
        Entry(code: .clusterNameTooLongForJobs, yaml: "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: orders-ledger-eu-primary-reporting-q4-2026-main1\nazure:\n  location: westus3\n  resourceGroup: rg-orders\n  aksCluster: aks-orders\n", path: "name", line: 3, fix: "Keep the name to 47 characters if the cluster will get a new PostgreSQL major version in place; CloudNativePG names the upgrade job `<name>-1-major-upgrade` and its pod's host name after it."),
        Entry(code: .sharedBuffersAboveMemory, yaml: "BASEresources:\n  memory: 2Gi\npostgres:\n  parameters:\n    shared_buffers: 4GB\n", path: "postgres.parameters.shared_buffers", line: 10, fix: "Lower shared_buffers (about 25% of memory) or raise the memory request."),
        Entry(code: .invalidLabel, yaml: "BASEnodeSelector:\n  workload: post gres\n", path: "nodeSelector.workload", line: 7, fix: "Use a valid Kubernetes label."),
        Entry(code: .invalidHBALine, yaml: "BASEpostgres:\n  pgHBA:\n    - \"\"\n", path: "postgres.pgHBA[0]", line: 8, fix: "Write one rule per entry."),
        Entry(code: .invalidIdentifier, yaml: "BASEbootstrap:\n  database: app-db\n", path: "bootstrap.database", line: 7, fix: "Use lowercase letters, digits and '_'."),
        Entry(code: .insecureHBA, yaml: "BASEpostgres:\n  pgHBA:\n    - host all all all scram-sha-256\n", path: "postgres.pgHBA[0]", line: 8, fix: "Use `hostssl`."),
        Entry(code: .recoveryWithoutBackup, yaml: "BASErecovery: {}\n", path: "recovery", line: 6, fix: "Add a `backup` section or remove `recovery`."),
        Entry(code: .recoveryNameClash, yaml: "BASEbackup:\n  storageAccount: pgtestbackups\nrecovery:\n  name: pg-test\n", path: "recovery.name", line: 9, fix: "Give the recovery cluster a name of its own."),
        Entry(code: .recoveryTargetWithoutBackup, yaml: "BASErecovery:\n  targetImmediate: true\n", path: "recovery.targetImmediate", line: 7, fix: "Add a `backup` section or remove `recovery`."),
        Entry(code: .exclusiveRecoveryTargets, yaml: "BASEbackup:\n  storageAccount: pgtestbackups\nrecovery:\n  targetTime: \"2026-11-29T18:30:00Z\"\n  targetLSN: 0/3000060\n", path: "recovery.targetLSN", line: 10, fix: "Keep one target."),
        Entry(code: .invalidRecoveryTime, yaml: "BASEbackup:\n  storageAccount: pgtestbackups\nrecovery:\n  targetTime: yesterday\n", path: "recovery.targetTime", line: 9, fix: "Write an RFC 3339 time: `2026-11-29T18:30:00Z`."),
        Entry(code: .recoveryTimeWithoutZone, yaml: "BASEbackup:\n  storageAccount: pgtestbackups\nrecovery:\n  targetTime: \"2026-11-29T18:30:00\"\n", path: "recovery.targetTime", line: 9, fix: "Add the zone: `Z` for UTC, or an offset such as `+01:00`."),
        Entry(code: .invalidRecoveryLSN, yaml: "BASEbackup:\n  storageAccount: pgtestbackups\nrecovery:\n  targetLSN: \"3000060\"\n", path: "recovery.targetLSN", line: 9, fix: "Write the LSN as PostgreSQL prints it: `0/3000060`."),
        Entry(code: .invalidRestorePointName, yaml: "BASEbackup:\n  storageAccount: pgtestbackups\nrecovery:\n  targetName: \"\"\n  backupID: 20261129T183000\n", path: "recovery.targetName", line: 9, fix: "Use the name given to `pg_create_restore_point()`."),
        Entry(code: .recoveryTargetWithoutBackupID, yaml: "BASEbackup:\n  storageAccount: pgtestbackups\nrecovery:\n  targetName: before-migration\n", path: "recovery.targetName", line: 9, fix: "Set `recovery.backupID` to the ID of the last completed backup before the restore point (a Backup's `status.backupId`), or use `targetTime`."),
        Entry(code: .invalidBackupID, yaml: "BASEbackup:\n  storageAccount: pgtestbackups\nrecovery:\n  backupID: latest\n", path: "recovery.backupID", line: 9, fix: "Write a backup's ID as barman-cloud gives it: its start in UTC as YYYYMMDDTHHMMSS, such as `20261129T183000`."),
        Entry(code: .failoverQuorumUnavailable, yaml: "BASEoperator:\n  version: \"1.26\"\nreplication:\n  failoverQuorum: true\n", path: "replication.failoverQuorum", line: 9, fix: "Target CloudNativePG 1.27 or newer, or remove `failoverQuorum`."),
        Entry(code: .failoverQuorumWithoutSync, yaml: "BASEreplication:\n  syncReplicas: 0\n  failoverQuorum: true\n", path: "replication.failoverQuorum", line: 8, fix: "Set `syncReplicas` to 1 or more, or remove `failoverQuorum`."),
        Entry(code: .syncSettingWithoutSync, yaml: "BASEinstances: 1\nreplication:\n  dataDurability: preferred\n", path: "replication.dataDurability", line: 8, fix: "Remove the setting, or turn synchronous replication on with `syncReplicas`."),
        Entry(code: .stopDelayTooShort, yaml: "BASEreplication:\n  stopDelay: 60\n  smartShutdownTimeout: 50\n", path: "replication.stopDelay", line: 7, fix: "Make `stopDelay` at least `smartShutdownTimeout` + 15, or shorten `smartShutdownTimeout`."),
        Entry(code: .probeStrategyUnavailable, yaml: "BASEoperator:\n  version: \"1.25\"\nreplication:\n  startupMaximumLag: 16Mi\n", path: "replication.startupMaximumLag", line: 9, fix: "Target CloudNativePG 1.26 or newer, or remove the lag bound."),
        Entry(code: .invalidLag, yaml: "BASEreplication:\n  readinessMaximumLag: 16MB\n", path: "replication.readinessMaximumLag", line: 7, fix: "Write whole bytes as a Kubernetes quantity: 16Mi, 64Mi, 0."),
        Entry(code: .invalidTaint, yaml: "BASEtolerations: [\"workload=postgres\"]\n", path: "tolerations[0]", line: 6, fix: "Write key=value:Effect, such as `workload=postgres:NoSchedule`."),
        Entry(code: .premiumV2WithoutZones, yaml: "BASEzones: []\nstorage:\n  premiumV2: {}\n", path: "storage.premiumV2", line: 8, fix: "Set `zones` in a region with availability zones, or remove `premiumV2`."),
        Entry(code: .premiumV2Performance, yaml: "BASEstorage:\n  size: 8Gi\n  premiumV2:\n    iops: 5000\n", path: "storage.premiumV2.iops", line: 9, fix: "Lower `iops` to 500 per GiB (3000 at least), or grow the volume."),
        Entry(code: .localNVMeTooFewInstances, yaml: "BASEinstances: 2\nbackup:\n  storageAccount: pgtestbackups\nstorage:\n  localNVMe: true\n", path: "storage.localNVMe", line: 10, fix: "Run at least three instances, or use managed disks."),
        Entry(code: .localNVMeWithoutBackup, yaml: "BASEstorage:\n  localNVMe: true\n", path: "storage.localNVMe", line: 7, fix: "Add a `backup` section, or use managed disks."),
        Entry(code: .invalidParameterName, yaml: "BASEpostgres:\n  parameters:\n    work-mem: 4MB\n", path: "postgres.parameters.work-mem", line: 8, fix: "Parameter names use '_', not '-'."),
        Entry(code: .fixedParameter, yaml: "BASEpostgres:\n  parameters:\n    port: \"5433\"\n", path: "postgres.parameters.port", line: 8, fix: "Remove it; the operator sets it (see the hint for the field that controls it)."),
        Entry(code: .blockedParameter, yaml: "BASEpostgres:\n  parameters:\n    listen_addresses: \"*\"\n", path: "postgres.parameters.listen_addresses", line: 8, fix: "Remove it."),
        Entry(code: .preloadInParameters, yaml: "BASEpostgres:\n  parameters:\n    shared_preload_libraries: pg_cron\n", path: "postgres.parameters.shared_preload_libraries", line: 8, fix: "Use `postgres.sharedPreloadLibraries`."),
        Entry(code: .invalidWalLevel, yaml: "BASEpostgres:\n  parameters:\n    wal_level: minimal\n", path: "postgres.parameters.wal_level", line: 8, fix: "Use `replica` or `logical`."),
        Entry(code: .invalidBoolean, yaml: "BASEpostgres:\n  parameters:\n    hot_standby_feedback: maybe\n", path: "postgres.parameters.hot_standby_feedback", line: 8, fix: "Write on or off."),
        Entry(code: .invalidSize, yaml: "BASEpostgres:\n  parameters:\n    max_wal_size: 2gb\n", path: "postgres.parameters.max_wal_size", line: 8, fix: "Write kB, MB, GB or TB with a capital B."),
        Entry(code: .walSizesInverted, yaml: "BASEpostgres:\n  parameters:\n    min_wal_size: 2GB\n    max_wal_size: 1GB\n", path: "postgres.parameters.min_wal_size", line: 8, fix: "Keep min_wal_size below max_wal_size."),
        Entry(code: .walSizeAboveVolume, yaml: "BASEstorage:\n  wal:\n    size: 1Gi\npostgres:\n  parameters:\n    max_wal_size: 2GB\n", path: "postgres.parameters.max_wal_size", line: 11, fix: "Grow `storage.wal.size` or lower the parameter."),
        Entry(code: .sizeWithoutUnit, yaml: "BASEpostgres:\n  parameters:\n    shared_buffers: \"1024\"\n", path: "postgres.parameters.shared_buffers", line: 8, fix: "Write the unit: 1024MB."),
        Entry(code: .unknownParameter, yaml: "BASEpostgres:\n  version: 17\n  parameters:\n    shared_bufers: 1GB\n", path: "postgres.parameters.shared_bufers", line: 9, fix: "Use the suggested name; custom extension settings need a dotted name."),
        Entry(code: .invalidParameterValue, yaml: "BASEpostgres:\n  parameters:\n    work_mem: 64mb\n", path: "postgres.parameters.work_mem", line: 8, fix: "Write a value PostgreSQL accepts: units are case-sensitive (kB, MB, GB), numbers within the range shown."),
        Entry(code: .restartingParameter, yaml: "BASEpostgres:\n  parameters:\n    max_connections: \"200\"\n", path: "postgres.parameters.max_connections", line: 8, fix: "Nothing to fix: plan the change for a maintenance window."),
        Entry(code: .failoverSlotsPrerequisites, yaml: "BASEpostgres:\n  parameters:\n    pg_failover_slots.synchronize_slot_names: name_like:%\n", path: "postgres.parameters.pg_failover_slots.synchronize_slot_names", line: 8, fix: "Set `hot_standby_feedback: \"on\"` and keep `replication.highAvailabilitySlots` on."),
        Entry(code: .walLogHintsOff, yaml: "BASEpostgres:\n  parameters:\n    wal_log_hints: \"off\"\n", path: "postgres.parameters.wal_log_hints", line: 8, fix: "Remove it."),
        Entry(code: .invalidSchedule, yaml: "BASEbackup:\n  storageAccount: pgtestbackups\n  schedule: \"0 61 * * * *\"\n", path: "backup.schedule", line: 8, fix: "Six fields, seconds first; each within its range."),
        Entry(code: .fiveFieldSchedule, yaml: "BASEbackup:\n  storageAccount: pgtestbackups\n  schedule: \"15 * * * *\"\n", path: "backup.schedule", line: 8, fix: "Add the seconds field first: `0 15 * * * *`."),
        Entry(code: .invalidRetention, yaml: "BASEbackup:\n  storageAccount: pgtestbackups\n  retention: 7 days\n", path: "backup.retention", line: 8, fix: "Write a number and d, w or m: `7d`."),
        Entry(code: .backupAlertsUnavailable, yaml: "BASEoperator:\n  version: \"1.26\"\nbackup:\n  method: plugin\n  storageAccount: pgtestbackups\n", path: "backup.method", line: 9, fix: "Target CloudNativePG 1.27 or later, whose instances report the plugin's backup metrics; until then watch the backups yourself."),
        Entry(code: .invalidRunbookURL, yaml: "BASEmonitoring:\n  alerts:\n    runbookBaseURL: wiki.example.com/pgha/runbooks.md\n", path: "monitoring.alerts.runbookBaseURL", line: 8, fix: "Write the absolute https:// (or http://) address where Docs/runbooks.md is published, without a fragment, credentials or spaces; percent-encode other characters a URL cannot hold."),
        Entry(code: .runbookURLWithoutAlerts, yaml: "BASEmonitoring:\n  alerts:\n    enabled: false\n    runbookBaseURL: https://wiki.example.com/pgha/runbooks.md\n", path: "monitoring.alerts.runbookBaseURL", line: 9, fix: "Remove `runbookBaseURL`, or turn the alerts on."),
        Entry(code: .pluginNeedsNewerOperator, yaml: "BASEoperator:\n  version: \"1.25\"\nbackup:\n  method: plugin\n  storageAccount: pgtestbackups\n", path: "backup.method", line: 9, fix: "Target CloudNativePG 1.26 or later, or use `method: inTree` on 1.25."),
        Entry(code: .inTreeBackupsRemoved, yaml: "BASEoperator:\n  version: \"1.31\"\nbackup:\n  method: inTree\n  storageAccount: pgtestbackups\n", path: "backup.method", line: 9, fix: "Use `method: plugin`; Docs/backup.md explains the migration of a running cluster."),
        Entry(code: .invalidObjectStoreName, yaml: "BASEbackup:\n  storageAccount: pgtestbackups\n  objectStore: " + String(repeating: "s", count: 254) + "\n", path: "backup.objectStore", line: 8, fix: "At most 253 lowercase letters, digits, '-' and '.'."),
        Entry(code: .fieldNotForBackupMethod, yaml: "BASEbackup:\n  storageAccount: pgtestbackups\nrecovery:\n  walMaxParallel: 4\n", path: "recovery.walMaxParallel", line: 9, fix: "With the plugin, set `backup.walMaxParallel`; `backup.objectStore` and `backup.sidecar` are for the plugin only."),
        Entry(code: .compressionNotSupported, yaml: "BASEoperator:\n  version: \"1.25\"\nbackup:\n  storageAccount: pgtestbackups\n  walCompression: zstd\n", path: "backup.walCompression", line: 10, fix: "Use gzip, bzip2 or snappy, or the plugin."),
        Entry(code: .imageWithoutBarmanCloud, yaml: "BASEoperator:\n  version: \"1.25\"\npostgres:\n  image: ghcr.io/cloudnative-pg/postgresql:17.11-minimal-trixie\nbackup:\n  storageAccount: pgtestbackups\n", path: "postgres.image", line: 9, fix: "Use a `system` image, or the plugin."),
        Entry(code: .descriptorSchedule, yaml: "BASEbackup:\n  storageAccount: pgtestbackups\n  schedule: \"@hourly\"\n", path: "backup.schedule", line: 8, fix: "Write the 6-field form from the hint."),
        Entry(code: .reservedTagName, yaml: "BASE  tags:\n    pgha.spec: mine\n", path: "azure.tags.pgha.spec", line: 7, fix: "Rename the tag: pgha.spec and pgha.member.* record which spec created and uses each Azure resource."),
        Entry(code: .tooManyTags, yaml: "BASE  tags: {" + (1...49).map { "t\($0): v" }.joined(separator: ", ") + "}\n", path: "azure.tags", line: 6, fix: "Keep at most 48 tags, fewer when specs share resources."),
        Entry(code: .invalidResourceGroupName, yaml: "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: pg-test\nazure:\n  location: westus3\n  resourceGroup: rg.\n", path: "azure.resourceGroup", line: 6, fix: "Letters, digits, '-', '_', '.', '(' and ')', not ending in '.'."),
        Entry(code: .invalidAKSName, yaml: "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: pg-test\nazure:\n  location: westus3\n  aksCluster: -aks\n", path: "azure.aksCluster", line: 6, fix: "Start and end with a letter or digit."),
        Entry(code: .invalidNodePoolName, yaml: "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: pg-test\nazure:\n  location: westus3\n  nodePool:\n    name: postgres-pool\n", path: "azure.nodePool.name", line: 7, fix: "At most 12 lowercase letters and digits."),
        Entry(code: .invalidIdentityName, yaml: "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: pg-test\nazure:\n  location: westus3\n  identity:\n    name: id\n", path: "azure.identity.name", line: 7, fix: "3 to 128 letters, digits, '-' and '_'."),
        Entry(code: .invalidFederatedCredentialName, yaml: "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: pg\nazure:\n  location: westus3\nbackup:\n  storageAccount: pgtestbackups\n", path: "name", line: 3, fix: "Use a cluster name of at least 3 characters."),
        Entry(code: .invalidStorageAccountName, yaml: "BASEbackup:\n  storageAccount: PG-Backups\n", path: "backup.storageAccount", line: 7, fix: "3 to 24 lowercase letters and digits."),
        Entry(code: .invalidContainerName, yaml: "BASEbackup:\n  storageAccount: pgtestbackups\n  container: Backups\n", path: "backup.container", line: 8, fix: "3 to 63 lowercase letters, digits and single hyphens."),
        Entry(code: .invalidPublicIPName, yaml: "BASEexpose:\n  allowedSourceRanges: [203.0.113.7/32]\n  dnsLabel: pg-test-demo\n  publicIP: pip.\n", path: "expose.publicIP", line: 9, fix: "End with a letter, digit or '_'."),
        Entry(code: .invalidDNSLabel, yaml: "BASEexpose:\n  allowedSourceRanges: [203.0.113.7/32]\n  dnsLabel: 1pg\n", path: "expose.dnsLabel", line: 8, fix: "3 to 63 lowercase letters, digits and '-', starting with a letter."),
        Entry(code: .repeatedDNSLabel, yaml: "BASEexpose:\n  allowedSourceRanges: [203.0.113.7/32]\n  dnsLabel: pg-test-db\npooler:\n  expose:\n    allowedSourceRanges: [203.0.113.7/32]\n    dnsLabel: pg-test-db\n", path: "pooler.expose.dnsLabel", line: 12, fix: "Give each public endpoint its own DNS label: the pooler's LoadBalancer has a public IP of its own (and the read-only pooler's label adds `-ro`)."),
        Entry(code: .invalidClientID, yaml: "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: pg-test\nazure:\n  location: westus3\n  identity:\n    clientID: my-identity\n", path: "azure.identity.clientID", line: 7, fix: "Use the identity's clientId UUID (`az identity show --query clientId`)."),
        Entry(code: .invalidSubscription, yaml: "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: pg-test\nazure:\n  location: westus3\n  subscription: my-subscription\n", path: "azure.subscription", line: 6, fix: "Use the subscription's ID (`az account show --query id`), not its name."),
        Entry(code: .openAPIServer, yaml: "BASE", path: "azure", line: 4, fix: "Set `azure.authorizedIPRanges` to the CIDRs that run kubectl and the scripts, such as your public address as a /32 (`curl -s https://ifconfig.me`)."),
        Entry(code: .sharedIdentity, yaml: "BASE  controlPlaneIdentity:\n    name: pg-test-identity\nbackup:\n  storageAccount: pgtestbackups\n", path: "azure.controlPlaneIdentity.name", line: 7, fix: "Leave azure.controlPlaneIdentity out (its default is <aksCluster>-identity) or give it a name of its own."),
        Entry(code: .invalidCIDR, yaml: "BASEexpose:\n  allowedSourceRanges: [203.0.113.7]\n  dnsLabel: pg-test-demo\n", path: "expose.allowedSourceRanges[0]", line: 7, fix: "Add the prefix length: 203.0.113.7/32."),
        Entry(code: .wholeInternet, yaml: "BASEexpose:\n  allowedSourceRanges: [\"::/0\"]\n  dnsLabel: pg-test-demo\n", path: "expose.allowedSourceRanges[0]", line: 7, fix: "Narrow the range, or set `expose.allowInternet: true`."),
        Entry(code: .invalidAzureValue, yaml: "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: pg-test\nazure:\n  location: West US 3\n", path: "azure.location", line: 5, fix: "Use the region's programmatic name, such as westus3."),
        Entry(code: .nodePoolCounts, yaml: "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: pg-test\nazure:\n  location: westus3\n  nodePool:\n    minCount: 5\n    maxCount: 4\n", path: "azure.nodePool.minCount", line: 7, fix: "Keep minCount at most maxCount."),
        Entry(code: .invalidZone, yaml: "BASEzones: [\"1\", \"4\"]\n", path: "zones[1]", line: 6, fix: "Azure zones are 1, 2 and 3."),
        Entry(code: .invalidMonitoringResourceName, yaml: "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: pg-test\nazure:\n  location: westus3\n  grafana: g\nmonitoring:\n  managedPrometheus: true\n", path: "azure.grafana", line: 6, fix: "2 to 23 letters, digits and '-', starting with a letter."),
        Entry(code: .zonesVersusInstances, yaml: "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: pg-test\nazure:\n  location: westus3\n  nodePool:\n    minCount: 2\n    maxCount: 2\n", path: "azure.nodePool.maxCount", line: 8, fix: "Give the node pool at least one node per zone and one per instance."),
        Entry(code: .walVolumeTooSmall, yaml: "BASEstorage:\n  wal:\n    size: 1200Mi\n", path: "storage.wal.size", line: 8, fix: "Size the WAL volume above max_wal_size + wal_keep_size."),
        Entry(code: .memoryOvercommit, yaml: "BASEresources:\n  memory: 4Gi\npostgres:\n  parameters:\n    effective_cache_size: 8GB\n", path: "postgres.parameters.effective_cache_size", line: 10, fix: "Keep effective_cache_size near 75% of the memory limit."),
        Entry(code: .connectionMemory, yaml: "BASEresources:\n  memory: 2Gi\npostgres:\n  parameters:\n    max_connections: \"500\"\n    work_mem: 16MB\n", path: "postgres.parameters.work_mem", line: 11, fix: "Lower work_mem or max_connections, or use a connection pooler."),
        Entry(code: .deprecatedFeature, yaml: "BASEbackup:\n  method: inTree\n  storageAccount: pgtestbackups\n", path: "backup.method", line: 7, fix: "Move to the Barman Cloud Plugin (`method: plugin`, Docs/backup.md); or target an operator version before 1.26."),
        Entry(code: .unknownHBAConnectionType, yaml: "BASEpostgres:\n  pgHBA:\n    - hostsll all all all scram-sha-256\n", path: "postgres.pgHBA[0]", line: 8, fix: "Use local, host, hostssl, hostnossl, hostgssenc or hostnogssenc."),
        Entry(code: .invalidHBADatabaseOrUser, yaml: "BASEpostgres:\n  pgHBA:\n    - hostssl @databases all all scram-sha-256\n", path: "postgres.pgHBA[0]", line: 8, fix: "List the names, separated by commas: pgha ships no @files to the instances."),
        Entry(code: .invalidHBAAddress, yaml: "BASEpostgres:\n  pgHBA:\n    - hostssl all all 10.0.0.0/33 scram-sha-256\n", path: "postgres.pgHBA[0]", line: 8, fix: "Write a CIDR block, an address and its netmask, a host name, or all, samehost or samenet."),
        Entry(code: .unknownHBAMethod, yaml: "BASEpostgres:\n  pgHBA:\n    - hostssl all all all scram-sha256\n", path: "postgres.pgHBA[0]", line: 8, fix: "Use a method the target PostgreSQL has and the connection type allows, such as scram-sha-256 or cert."),
        Entry(code: .invalidHBAOption, yaml: "BASEpostgres:\n  pgHBA:\n    - hostssl all all all scram-sha-256 clientcert\n", path: "postgres.pgHBA[0]", line: 8, fix: "Write options as name=value, only those the method takes."),
        Entry(code: .exposedTrust, yaml: "BASEpostgres:\n  pgHBA:\n    - hostssl all all all trust\nexpose:\n  allowedSourceRanges: [203.0.113.0/24]\n  dnsLabel: pg-test-demo\n", path: "postgres.pgHBA[0]", line: 8, fix: "Use scram-sha-256 or cert, narrow the address, or set `expose.allowTrust: true`."),
        Entry(code: .controlCharacterInParameter, yaml: "BASEpostgres:\n  parameters:\n    work_mem: |\n      4MB\n", path: "postgres.parameters.work_mem", line: 8, fix: "Write the value on one line: `work_mem: 4MB`."),
        Entry(code: .replicationLimitTooLow, yaml: "BASEpostgres:\n  parameters:\n    max_wal_senders: \"2\"\n", path: "postgres.parameters.max_wal_senders", line: 8, fix: "Raise it to at least the number of instances (max_replication_slots: instances − 1 with high-availability slots), or remove it: CloudNativePG's defaults are enough."),
        Entry(code: .md5PasswordsUnusable, yaml: "BASEpostgres:\n  parameters:\n    password_encryption: md5\n", path: "postgres.parameters.password_encryption", line: 8, fix: "Keep the default scram-sha-256, or add `md5` rules to `postgres.pgHBA` for the clients that still need MD5 (an md5 rule also accepts SCRAM passwords)."),
        Entry(code: .scheduleNeverRuns, yaml: "BASEbackup:\n  storageAccount: pgtestbackups\n  schedule: \"0 0 0 31 2 *\"\n", path: "backup.schedule", line: 8, fix: "Pick days of month the chosen months have."),
        Entry(code: .nodePoolNameClash, yaml: "BASE  nodePool:\n    name: systempool\n", path: "azure.nodePool.name", line: 7, fix: "Give the PostgreSQL node pool a name of its own."),
        Entry(code: .noZones, yaml: "BASEzones: []\n", path: "zones", line: 6, fix: "Where the region has availability zones, remove `zones` for 1, 2 and 3, or list the zones; an empty list suits a single instance or a region without zones (deploy.sh stops a spec with zones in one)."),
        Entry(code: .overlappingSourceRanges, yaml: "BASEexpose:\n  allowedSourceRanges: [10.0.0.0/8, 10.1.0.0/16]\n  dnsLabel: pg-test-demo\n", path: "expose.allowedSourceRanges[1]", line: 7, fix: "Keep the wider range only."),
        Entry(code: .unknownAzureRegion, yaml: "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: pg-test\nazure:\n  location: mars\n", path: "azure.location", line: 5, fix: "Use an Azure public region's programmatic name (`az account list-locations -o table`)."),
        Entry(code: .readOnlyServiceWithoutStandbys, yaml: "BASEinstances: 1\nreplication:\n  syncReplicas: 0\nexpose:\n  allowedSourceRanges: [203.0.113.0/24]\n  dnsLabel: pg-test-demo\n", path: "instances", line: 6, fix: "Add instances for standbys, or use the read-write port only."),
        Entry(code: .operatorCRDsUnavailable, yaml: "BASEoperator:\n  version: \"1.31\"\n", path: "operator.version", line: 7, fix: "Nothing to fix: install the operator yourself, and check its release notes against the rendered objects."),
        Entry(code: .toleratedTaintMissing, yaml: "BASEtolerations: [\"workload=postgres:NoSchedule\", \"dedicated=db:NoSchedule\"]\n", path: "tolerations[1]", line: 6, fix: "Add the taint to `azure.nodePool.taints`, or remove the toleration unless a pool pgha does not create has that taint."),
        Entry(code: .poolTaintNotTolerated, yaml: "BASEtolerations: []\n", path: "tolerations", line: 6, fix: "Tolerate the pool's taints (leave `tolerations` out to tolerate exactly them), or remove the taint from `azure.nodePool.taints`."),
        Entry(code: .unknownPgBouncerParameter, yaml: "BASEpooler:\n  parameters:\n    listen_port: \"6543\"\n", path: "pooler.parameters.listen_port", line: 8, fix: "Remove it: CloudNativePG manages PgBouncer's listen, authentication and TLS settings."),
        Entry(code: .sessionPoolMode, yaml: "BASEpooler:\n  poolMode: session\n", path: "pooler.poolMode", line: 7, fix: "Use `transaction` unless the application relies on session state."),
        Entry(code: .poolerExposureWider, yaml: "BASEexpose:\n  allowedSourceRanges: [203.0.113.7/32]\n  dnsLabel: pg-test-demo\npooler:\n  expose:\n    allowedSourceRanges: [203.0.113.0/24]\n", path: "pooler.expose.allowedSourceRanges[0]", line: 11, fix: "Narrow the pooler's range to one the database's `expose.allowedSourceRanges` covers."),
        Entry(code: .invalidPgBouncerValue, yaml: "BASEpooler:\n  parameters:\n    max_client_conn: lots\n", path: "pooler.parameters.max_client_conn", line: 8, fix: "Write the value PgBouncer expects: digits for counts and sizes, one of its modes for the TLS settings."),
        Entry(code: .invalidRoleName, yaml: "BASEroles:\n  pg_reader: {}\n", path: "roles.pg_reader", line: 7, fix: "Choose a name that does not start with pg_ or cnpg_ and is not postgres or streaming_replica."),
        Entry(code: .invalidDatabaseName, yaml: "BASEdatabases:\n  template1: {}\n", path: "databases.template1", line: 7, fix: "Use a simple identifier other than postgres, template0 and template1."),
        Entry(code: .databaseOwnerNotARole, yaml: "BASEdatabases:\n  analytics:\n    owner: reporting\n", path: "databases.analytics.owner", line: 8, fix: "Declare the owner under `roles`, or use `bootstrap.owner`."),
        Entry(code: .databaseExtensionsUnavailable, yaml: "BASEoperator:\n  version: \"1.25\"\ndatabases:\n  analytics:\n    extensions: [pg_trgm]\n", path: "databases.analytics.extensions", line: 10, fix: "Target CloudNativePG 1.26 or newer, or create the extension with SQL."),
        Entry(code: .alertCannotFire, yaml: "BASEmonitoring:\n  alerts:\n    diskUsagePercent: 100\n", path: "monitoring.alerts.diskUsagePercent", line: 8, fix: "Use a threshold below 100."),
        Entry(code: .alertsWithoutPrometheus, yaml: "BASEmonitoring:\n  prometheus: false\n  alerts:\n    connectionsPercent: 90\n", path: "monitoring.alerts", line: 8, fix: "Turn on `monitoring.prometheus` or `monitoring.managedPrometheus`, or remove `alerts`."),
        Entry(code: .invalidOperatorSetting, yaml: "BASEoperator:\n  config:\n    clusters-rollout-delay: \"120\"\n", path: "operator.config.clusters-rollout-delay", line: 8, fix: "Operator settings are upper-case environment variable names."),
        Entry(code: .unsupportedKubernetesVersion, yaml: "BASE  kubernetesVersion: \"1.32\"\n", path: "azure.kubernetesVersion", line: 6, fix: "Use a Kubernetes minor the operator version supports (the hint lists them), or an operator version that supports yours."),
    ]

    /// Codes with no spec that produces them.
    static let undemonstrable: [DiagnosticCode: String] = [
        .volumeShrinks: "Reported by `pgha render`, `check` and `diff` when the output directory (a fleet member's folder) records, in `.pgha/spec.json`, a larger `storage.size` or `storage.wal.size` than the spec asks for: a PersistentVolumeClaim cannot shrink, so CloudNativePG would refuse the change. Nothing is written. Keep the recorded size or more; for smaller volumes, render into a new directory for a new cluster and move the data there (restore a backup into it).",
        .walVolumeRemoved: "Reported by `pgha render`, `check` and `diff` when the output directory records a `storage.wal` volume in `.pgha/spec.json` and the spec has none: CloudNativePG cannot remove a cluster's WAL volume. Nothing is written. Keep `storage.wal`; to keep WAL on the data volume, render into a new directory for a new cluster and move the data there.",
        .unreadableVolumeRecord: "Reported (a warning) by `pgha render`, `check` and `diff` when the output directory (a fleet member's folder) lists `.pgha/spec.json` but it is not a record pgha can read (edited by hand, cut short, without its cluster's namespace and name, not a file, unreadable, or gone): the volumes it recorded are unknown, so PGHA0160 and PGHA0161 cannot be checked and the change goes ahead unchecked (with `--strict`, it stops). Restore `.pgha/spec.json` from version control, or render into a new directory; a render writes a new record.",
        .sharedAzureResource: "Reported on a fleet when two specs would share an Azure resource only one cluster can use: a federated credential (named after the cluster, on one identity), a backup folder (the storage account, container and cluster name), an ObjectStore (its namespace and `backup.objectStore`, on one AKS cluster), a port of a public IP, or an object pgha names `<namespace>-<name>` (the Premium SSD v2 or local NVMe StorageClass and the VolumeAttributesClass, on one AKS cluster; the Azure Prometheus rule group, in one resource group) when two namespace-name pairs join into the same name, such as `team-a`/`db` and `team`/`a-db`. Give the clusters distinct names, or distinct ports.",
        .duplicateTarget: "Reported by `pgha render`, `check` and `diff` on a fleet when two spec files have the same `namespace` and `name`, naming both files. Rename one of the clusters or move it to another namespace.",
        .clusterNameTaken: "Reported on a fleet when a spec's recovery cluster (`recovery.name`, by default `<name>-recovered`) has the name of another spec's cluster, or of its recovery cluster, in the same namespace (whatever AKS cluster the specs name: kubectl acts on the current context): one spec's restore drill would delete the other spec's cluster before restoring over it. Give the recovery cluster a name no other spec uses there.",
        .tooManyFederatedCredentials: "Reported on a fleet when the specs that share a managed identity need more federated credentials than Azure allows on one identity (20): each spec with backups needs one for its cluster and one for its recovery cluster. Reported on every spec past the limit. Give some specs another identity (`azure.identity.name`).",
        .specChangedDuringFleetCheck: "Reported on a fleet, on the spec concerned, when two specs may need the same Azure resource or cluster name and pgha, reading both spec files again to compare them in full, finds one changed or cannot read it (it keeps what it read of pipes such as `/dev/stdin`, so only a file edited or removed during the run does this). Nothing is written. Run pgha again once no spec file is being changed.",
        .conflictingSharedResource: "Reported on a fleet when two specs deploy to the same AKS cluster (`azure.resourceGroup` and `azure.aksCluster`) but ask for it differently: its location, Kubernetes version, tier, node resource group, system pool or identity (`azure.controlPlaneIdentity.name`); the CloudNativePG operator's version, namespace or config; a node pool of the same name with another VM size, size or zones; or Azure Monitor (`monitoring.managedPrometheus` and the workspaces `azure.monitorWorkspace`, `azure.grafana` and `azure.logAnalyticsWorkspace`, which default to names of the spec's own, so specs sharing an AKS cluster with managed Prometheus name them alike: the cluster's metrics go to one workspace, which deploy.sh links only where they are off, at `az aks create` or on a found cluster). deploy.sh creates each of these once and finds it existing afterwards, so the second spec would silently get the first one's. Give the specs the same settings, or separate clusters.",
    ]

    /// The spec's bytes (the FF FE bytes of a file that is not UTF-8 after a minimal spec, for PGHA0002).
    static func bytes(of entry: Entry) -> [UInt8] {
        entry.code == .notUTF8 ? Array(TestSupport.spec().utf8) + [0xFF, 0xFE] : Array(entry.source.utf8)
    }

    /// The entry's diagnostic as `pgha validate spec.yaml` prints it, for the catalog: the page then holds every
    /// message, location, spec path and hint exactly, and `diagnosticsReferenceIsCurrent` fails when one changes.
    static func printed(_ entry: Entry) -> String {
        let bytes = bytes(of: entry)
        let diagnostics = Compiler.check(bytes).diagnostics.filter { $0.code == entry.code && $0.path == entry.path }
        return DiagnosticFormatter(format: .human).format(Array(diagnostics.prefix(1)), file: "spec.yaml", source: bytes)
    }

    @Test(arguments: entries)
    func theExampleProducesItsDiagnostic(_ entry: Entry) {
        let diagnostics = Compiler.check(Self.bytes(of: entry)).diagnostics
        let match = diagnostics.first { $0.code == entry.code && $0.path == entry.path }
        #expect(match != nil, "\(entry.code) at \(entry.path) not reported; got \(diagnostics.map(TestSupport.summary))")
        guard let match else { return }
        #expect(match.location.line == (entry.code == .notUTF8 ? 6 : entry.line))
    }

    @Test func everyCodeIsDocumentedOnceAndUnique() throws {
        let documented = Self.entries.map(\.code) + Self.undemonstrable.keys
        #expect(Set(documented) == Set(DiagnosticCode.all))
        #expect(documented.count == Set(documented).count)
        #expect(Set(DiagnosticCode.all.map(\.rawValue)).count == DiagnosticCode.all.count)
        let source = try String(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("Sources/PGHAKit/Diagnostics/DiagnosticCode.swift"), encoding: .utf8)
        #expect(source.components(separatedBy: "DiagnosticCode(\"PGHA").count - 1 == DiagnosticCode.all.count, "a code is missing from DiagnosticCode.all")
    }

    @Test func diagnosticsReferenceIsCurrent() throws {
        try GeneratedFilesTests.check("Docs/diagnostics.md", Self.markdown())
    }

    static func markdown() -> String {
        var text = """
        # Diagnostics

        pgha reports every problem of a spec at once, like a compiler:

        ```
        spec.yaml:6:1: error[PGHA0010]: unknown key 'instaces'
         6 | instaces: 3
           | ^
          = spec path: instaces
          = hint: did you mean 'instances'?
        ```

        `--format json` prints one JSON object per line (`file`, `line`, `column`, `severity`, `code`, `message`,
        `path`, `hint`); `--format github` prints GitHub Actions annotations. Errors stop `render` (nothing is
        written); warnings do not, unless `--strict`.

        | Exit code | Meaning |
        | --- | --- |
        | 0 | valid (warnings allowed unless `--strict`) |
        | 1 | invalid spec (for `check` and `diff`: the directory has drifted) |
        | 2 | usage error |
        | 3 | I/O error (unreadable spec, unwritable output) |
        | 4 | `check` or `diff` with `--fail-on`: the change has an impact in a category it names |

        Every example below is followed by what `pgha validate spec.yaml` prints for it, and is checked by the test
        suite (`DiagnosticCatalogTests`), which also regenerates this file: a changed message changes this page.


        """
        let entries = Dictionary(uniqueKeysWithValues: Self.entries.map { ($0.code, $0) })
        for code in DiagnosticCode.all {
            text += "## \(code.rawValue)\n\n\(code.summary)\n\n"
            if let entry = entries[code] {
                let shown = entry.code == .notUTF8 ? "# (a spec with the bytes FF FE on line 6)\n" : entry.source
                text += "```yaml\n\(shown.isEmpty ? "# (an empty file)\n" : shown)```\n\n"
                text += "Reported at " + (entry.path.isEmpty ? "the file" : "`\(entry.path)`") + ". **Fix:** \(entry.fix)\n\n"
                text += "```\n\(printed(entry))```\n\n"
            } else if let note = Self.undemonstrable[code] {
                text += "\(note)\n\n"
            }
        }
        return text
    }
}
