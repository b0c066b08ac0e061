/// A stable identifier for one kind of problem, such as `PGHA0010`. `Docs/diagnostics.md` lists them all.
public struct DiagnosticCode: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String
    /// What the code means, in one line.
    public let summary: String

    init(_ rawValue: String, _ summary: String) {
        self.rawValue = rawValue
        self.summary = summary
    }

    public var description: String { rawValue }

    public static func == (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
    public static func < (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension DiagnosticCode {
    // MARK: Reading the file (00xx)
    public static let yamlSyntax = DiagnosticCode("PGHA0001", "The file is not valid YAML.")
    public static let notUTF8 = DiagnosticCode("PGHA0002", "The file is not UTF-8 text.")
    public static let emptyDocument = DiagnosticCode("PGHA0003", "The file holds no spec.")
    public static let multipleDocuments = DiagnosticCode("PGHA0004", "The file holds more than one YAML document.")
    public static let anchorsNotAllowed = DiagnosticCode("PGHA0005", "YAML anchors, aliases and custom tags are not allowed in a spec.")
    public static let inputTooLarge = DiagnosticCode("PGHA0006", "The file is larger or deeper than a spec can be.")

    // MARK: Structure (001x)
    public static let unknownKey = DiagnosticCode("PGHA0010", "A key that the spec does not define.")
    public static let wrongType = DiagnosticCode("PGHA0011", "A value of the wrong type.")
    public static let missingField = DiagnosticCode("PGHA0012", "A required field is missing.")
    public static let duplicateKey = DiagnosticCode("PGHA0013", "A key appears twice in the same mapping.")
    public static let unsupportedAPIVersion = DiagnosticCode("PGHA0014", "An apiVersion or kind this pgha does not read.")
    public static let outOfRange = DiagnosticCode("PGHA0015", "A number outside the range the field allows.")
    public static let invalidEnumValue = DiagnosticCode("PGHA0016", "A value that is not one of the field's allowed values.")
    public static let conflictingFields = DiagnosticCode("PGHA0017", "Two fields that cannot be set together.")
}

extension DiagnosticCode {
    // MARK: Cluster (01xx)
    public static let invalidClusterName = DiagnosticCode("PGHA0101", "The cluster name is not a DNS-1035 label of at most 50 characters, or too long for the Azure names derived from it.")
    public static let invalidKubernetesName = DiagnosticCode("PGHA0102", "A Kubernetes name (namespace, Secret) is not valid.")
    public static let syncReplicasTooMany = DiagnosticCode("PGHA0103", "More synchronous replicas than standbys.")
    public static let invalidQuantity = DiagnosticCode("PGHA0104", "A CPU, memory or storage size is not a Kubernetes quantity.")
    public static let requestAboveLimit = DiagnosticCode("PGHA0105", "A resource request is larger than its limit.")
    public static let invalidImage = DiagnosticCode("PGHA0106", "The image is not a valid reference, or has no usable version tag.")
    public static let unsupportedMajorVersion = DiagnosticCode("PGHA0107", "A PostgreSQL major version the target operator does not run.")
    public static let clusterNameTooLongForJobs = DiagnosticCode("PGHA0108", "A cluster name too long for the name of CloudNativePG's major upgrade job.")
    public static let sharedBuffersAboveMemory = DiagnosticCode("PGHA0109", "shared_buffers is larger than the memory request.")
    public static let invalidLabel = DiagnosticCode("PGHA0110", "A node selector label is not a valid Kubernetes label.")
    public static let invalidHBALine = DiagnosticCode("PGHA0111", "A pg_hba line that is empty, spans lines or lacks a field.")
    public static let invalidIdentifier = DiagnosticCode("PGHA0112", "A database, owner or library name pgha cannot pass on safely.")
    public static let insecureHBA = DiagnosticCode("PGHA0113", "A pg_hba rule accepts connections without TLS.")
    public static let unknownHBAConnectionType = DiagnosticCode("PGHA0114", "A pg_hba connection type PostgreSQL does not know.")
    public static let invalidHBADatabaseOrUser = DiagnosticCode("PGHA0115", "A pg_hba database or user list PostgreSQL cannot read, or a file reference pgha cannot ship.")
    public static let invalidHBAAddress = DiagnosticCode("PGHA0116", "A pg_hba address that is not an IP address, CIDR block, mask, host name or keyword.")
    public static let unknownHBAMethod = DiagnosticCode("PGHA0117", "A pg_hba authentication method the target PostgreSQL does not know, or not on this connection type.")
    public static let invalidHBAOption = DiagnosticCode("PGHA0118", "A pg_hba option that is not name=value, or that the method does not take.")
    public static let exposedTrust = DiagnosticCode("PGHA0119", "A pg_hba trust rule that connections from an exposed source range can reach.")
    public static let recoveryWithoutBackup = DiagnosticCode("PGHA0120", "A recovery cluster needs backups to restore from.")
    public static let recoveryNameClash = DiagnosticCode("PGHA0121", "The recovery cluster's name is not a usable, distinct cluster name.")
    public static let recoveryTargetWithoutBackup = DiagnosticCode("PGHA0130", "A point-in-time recovery target without backups to replay.")
    public static let exclusiveRecoveryTargets = DiagnosticCode("PGHA0131", "More than one point-in-time recovery target.")
    public static let invalidRecoveryTime = DiagnosticCode("PGHA0132", "A recovery target time that is not an RFC 3339 time.")
    public static let recoveryTimeWithoutZone = DiagnosticCode("PGHA0133", "A recovery target time without a time zone.")
    public static let invalidRecoveryLSN = DiagnosticCode("PGHA0134", "A recovery target LSN that is not a WAL position.")
    public static let invalidRestorePointName = DiagnosticCode("PGHA0135", "A recovery target name that no restore point can have.")
    public static let recoveryTargetWithoutBackupID = DiagnosticCode("PGHA0136", "A recovery target that cannot choose a backup (targetName, targetImmediate) without recovery.backupID.")
    public static let invalidBackupID = DiagnosticCode("PGHA0137", "A recovery backupID that is not a barman-cloud backup ID.")

    // MARK: Replication, probes and shutdown (014x)
    public static let failoverQuorumUnavailable = DiagnosticCode("PGHA0140", "Failover quorum on an operator version that lacks it.")
    public static let failoverQuorumWithoutSync = DiagnosticCode("PGHA0141", "Failover quorum without synchronous replication.")
    public static let syncSettingWithoutSync = DiagnosticCode("PGHA0142", "A synchronous replication setting with syncReplicas 0, where it does nothing.")
    public static let stopDelayTooShort = DiagnosticCode("PGHA0143", "A stopDelay that leaves less than 15 seconds after the smart shutdown.")
    public static let probeStrategyUnavailable = DiagnosticCode("PGHA0144", "A probe lag bound on an operator version without streaming probes.")
    public static let invalidLag = DiagnosticCode("PGHA0145", "A replication lag bound that is not a byte quantity.")
    public static let invalidTaint = DiagnosticCode("PGHA0146", "A node taint or toleration that is not key=value:Effect.")
    public static let premiumV2WithoutZones = DiagnosticCode("PGHA0147", "Premium SSD v2 volumes without availability zones.")
    public static let localNVMeTooFewInstances = DiagnosticCode("PGHA0149", "Local NVMe volumes with fewer than three instances.")
    public static let localNVMeWithoutBackup = DiagnosticCode("PGHA0150", "Local NVMe volumes without backups.")
    public static let premiumV2Performance = DiagnosticCode("PGHA0148", "Premium SSD v2 IOPS or throughput a disk of that size cannot have.")

    // MARK: Changes to a rendered cluster (016x)
    public static let volumeShrinks = DiagnosticCode("PGHA0160", "A volume smaller than the one the output directory records.")
    public static let walVolumeRemoved = DiagnosticCode("PGHA0161", "The WAL volume removed from a cluster the output directory records with one.")
    public static let backupAlertsUnavailable = DiagnosticCode("PGHA0162", "Plugin backups on an operator whose instances do not report the plugin's backup metrics (before 1.27).")
    public static let unreadableVolumeRecord = DiagnosticCode("PGHA0163", "The output directory's record of the spec cannot be read, so no volume change can be checked against it.")

    // MARK: Alert runbook links (0164-0165)
    public static let invalidRunbookURL = DiagnosticCode("PGHA0164", "A runbook base URL that is not an absolute http(s) URL the alerts can link to.")
    public static let runbookURLWithoutAlerts = DiagnosticCode("PGHA0165", "A runbook base URL with alerts off, where it does nothing.")

    // MARK: PostgreSQL parameters (02xx)
    public static let invalidParameterName = DiagnosticCode("PGHA0201", "A parameter name CloudNativePG rejects.")
    public static let fixedParameter = DiagnosticCode("PGHA0202", "A parameter the operator manages itself.")
    public static let blockedParameter = DiagnosticCode("PGHA0203", "A parameter the operator forbids.")
    public static let preloadInParameters = DiagnosticCode("PGHA0204", "shared_preload_libraries set as a parameter.")
    public static let invalidWalLevel = DiagnosticCode("PGHA0205", "A wal_level that cannot work for this cluster.")
    public static let invalidBoolean = DiagnosticCode("PGHA0206", "A parameter that must be a PostgreSQL boolean.")
    public static let invalidSize = DiagnosticCode("PGHA0207", "A size parameter CloudNativePG cannot read.")
    public static let walSizesInverted = DiagnosticCode("PGHA0208", "min_wal_size is not below max_wal_size.")
    public static let walSizeAboveVolume = DiagnosticCode("PGHA0209", "A WAL size parameter does not fit the WAL volume.")
    public static let sizeWithoutUnit = DiagnosticCode("PGHA0210", "shared_buffers without a unit.")
    public static let unknownParameter = DiagnosticCode("PGHA0211", "A parameter this PostgreSQL version does not have.")
    public static let invalidParameterValue = DiagnosticCode("PGHA0212", "A parameter value PostgreSQL would reject.")
    public static let restartingParameter = DiagnosticCode("PGHA0213", "A parameter whose change restarts the instances.")
    public static let walLogHintsOff = DiagnosticCode("PGHA0214", "wal_log_hints off in a cluster with standbys.")
    public static let failoverSlotsPrerequisites = DiagnosticCode("PGHA0215", "pg_failover_slots settings without hot_standby_feedback and high-availability slots.")
    public static let controlCharacterInParameter = DiagnosticCode("PGHA0216", "A parameter value with a newline or another control character.")
    public static let replicationLimitTooLow = DiagnosticCode("PGHA0217", "max_wal_senders or max_replication_slots below what the instances need.")
    public static let md5PasswordsUnusable = DiagnosticCode("PGHA0218", "password_encryption md5 with no pg_hba rule that accepts MD5 passwords.")

    // MARK: Backups (03xx)
    public static let invalidSchedule = DiagnosticCode("PGHA0301", "A schedule CloudNativePG cannot parse.")
    public static let fiveFieldSchedule = DiagnosticCode("PGHA0302", "A 5-field schedule, which CloudNativePG reads seconds-first.")
    public static let invalidRetention = DiagnosticCode("PGHA0303", "A retention policy that is not a number and d, w or m.")
    public static let descriptorSchedule = DiagnosticCode("PGHA0304", "A descriptor schedule, on which CloudNativePG warns.")
    public static let scheduleNeverRuns = DiagnosticCode("PGHA0305", "A schedule whose days never occur, so no backup ever runs.")

    // MARK: Ownership tags (031x)
    public static let reservedTagName = DiagnosticCode("PGHA0310", "An Azure tag name pgha reserves for ownership (pgha.spec, pgha.member.*).")
    public static let tooManyTags = DiagnosticCode("PGHA0311", "More Azure tags than leave room for pgha's ownership tags.")

    public static let pluginNeedsNewerOperator = DiagnosticCode("PGHA0320", "The Barman Cloud Plugin on an operator older than 1.26.")
    public static let inTreeBackupsRemoved = DiagnosticCode("PGHA0321", "In-tree backups on an operator that no longer has them (1.31 and later).")
    public static let invalidObjectStoreName = DiagnosticCode("PGHA0322", "An ObjectStore name Kubernetes rejects.")
    public static let fieldNotForBackupMethod = DiagnosticCode("PGHA0323", "A field that has no effect with the chosen backup method.")
    public static let compressionNotSupported = DiagnosticCode("PGHA0324", "A compression the target operator's in-tree backups do not accept.")
    public static let imageWithoutBarmanCloud = DiagnosticCode("PGHA0325", "In-tree backups with a PostgreSQL image that has no barman-cloud.")

    // MARK: Azure (04xx)
    public static let invalidResourceGroupName = DiagnosticCode("PGHA0401", "A resource group name Azure rejects.")
    public static let invalidAKSName = DiagnosticCode("PGHA0402", "An AKS cluster name Azure rejects.")
    public static let invalidNodePoolName = DiagnosticCode("PGHA0403", "A node pool name AKS rejects.")
    public static let invalidIdentityName = DiagnosticCode("PGHA0404", "A managed identity name Azure rejects.")
    public static let invalidFederatedCredentialName = DiagnosticCode("PGHA0405", "A cluster name too short or long for its federated credential.")
    public static let invalidStorageAccountName = DiagnosticCode("PGHA0406", "A storage account name Azure rejects.")
    public static let invalidContainerName = DiagnosticCode("PGHA0407", "A blob container name Azure rejects.")
    public static let invalidPublicIPName = DiagnosticCode("PGHA0408", "A public IP name Azure rejects.")
    public static let invalidDNSLabel = DiagnosticCode("PGHA0409", "A public IP DNS label Azure rejects.")
    public static let invalidMonitoringResourceName = DiagnosticCode("PGHA0417", "A Grafana, Azure Monitor or Log Analytics workspace name Azure rejects.")
    public static let invalidClientID = DiagnosticCode("PGHA0410", "The identity client ID is not a UUID.")
    public static let invalidCIDR = DiagnosticCode("PGHA0412", "A source range that is not a CIDR block.")
    public static let wholeInternet = DiagnosticCode("PGHA0413", "A source range that opens the database to the whole internet.")
    public static let invalidAzureValue = DiagnosticCode("PGHA0414", "An Azure setting (location, version, tag) Azure rejects.")
    public static let nodePoolCounts = DiagnosticCode("PGHA0415", "A node pool whose autoscaler bounds cannot hold the cluster.")
    public static let invalidZone = DiagnosticCode("PGHA0416", "An availability zone other than 1, 2 or 3.")
    public static let nodePoolNameClash = DiagnosticCode("PGHA0418", "The PostgreSQL node pool has the system pool's name.")
    public static let noZones = DiagnosticCode("PGHA0419", "An empty zone list.")
    public static let overlappingSourceRanges = DiagnosticCode("PGHA0420", "Source ranges that repeat or contain one another.")
    public static let unknownAzureRegion = DiagnosticCode("PGHA0421", "A location that is not an Azure public region.")
    public static let invalidSubscription = DiagnosticCode("PGHA0430", "The subscription is not a subscription ID (a UUID).")
    public static let openAPIServer = DiagnosticCode("PGHA0440", "The AKS API server is open to the whole internet (no authorizedIPRanges).")
    public static let sharedIdentity = DiagnosticCode("PGHA0441", "The AKS cluster's identity is the database's workload identity.")
    public static let repeatedDNSLabel = DiagnosticCode("PGHA0442", "Two public endpoints of one spec with the same DNS label.")

    // MARK: Cross-field sanity (05xx)
    public static let zonesVersusInstances = DiagnosticCode("PGHA0501", "Zones and instances that cannot be spread as asked.")
    public static let walVolumeTooSmall = DiagnosticCode("PGHA0502", "A WAL volume smaller than the WAL PostgreSQL keeps.")
    public static let memoryOvercommit = DiagnosticCode("PGHA0503", "Memory settings larger than the memory limit.")
    public static let connectionMemory = DiagnosticCode("PGHA0504", "max_connections × work_mem exceeds the memory limit.")
    public static let readOnlyServiceWithoutStandbys = DiagnosticCode("PGHA0505", "A public read-only Service on a cluster without standbys.")
    public static let toleratedTaintMissing = DiagnosticCode("PGHA0510", "A toleration for a taint that no node pool has.")
    public static let poolTaintNotTolerated = DiagnosticCode("PGHA0511", "The PostgreSQL node pool has a taint the instances do not tolerate.")

    // MARK: Day-2 objects (08xx)
    public static let unknownPgBouncerParameter = DiagnosticCode("PGHA0801", "A PgBouncer setting CloudNativePG does not let users set.")
    public static let sessionPoolMode = DiagnosticCode("PGHA0802", "A pooler in session mode, which pools reconnects but not concurrency.")
    public static let poolerExposureWider = DiagnosticCode("PGHA0803", "A pooler exposed to source ranges the database itself is not exposed to.")
    public static let invalidPgBouncerValue = DiagnosticCode("PGHA0804", "A PgBouncer setting's value PgBouncer cannot read.")
    public static let invalidRoleName = DiagnosticCode("PGHA0820", "A role name that is not a simple identifier or that PostgreSQL or the operator reserves.")
    public static let invalidDatabaseName = DiagnosticCode("PGHA0821", "A database name that is not a simple identifier or is a system database.")
    public static let databaseOwnerNotARole = DiagnosticCode("PGHA0822", "A database owner that is neither the bootstrap owner nor a declared role.")
    public static let databaseExtensionsUnavailable = DiagnosticCode("PGHA0823", "Database extensions on an operator version that lacks them.")
    public static let alertCannotFire = DiagnosticCode("PGHA0810", "An alert threshold the metric can never exceed.")
    public static let alertsWithoutPrometheus = DiagnosticCode("PGHA0811", "Alert settings without a Prometheus to evaluate them.")

    // MARK: Operator (06xx)
    public static let deprecatedFeature = DiagnosticCode("PGHA0601", "A feature the target operator version deprecates.")
    public static let invalidOperatorSetting = DiagnosticCode("PGHA0602", "An operator setting name that is not an environment variable name.")
    public static let unsupportedKubernetesVersion = DiagnosticCode("PGHA0603", "A Kubernetes version the target operator version does not support.")
    public static let operatorCRDsUnavailable = DiagnosticCode("PGHA0610", "An operator version whose CRDs and chart pgha could not check against.")

    // MARK: Fleets (07xx)
    public static let duplicateTarget = DiagnosticCode("PGHA0701", "Two specs of a fleet render into the same namespace/name folder.")
    public static let sharedAzureResource = DiagnosticCode("PGHA0702", "Two specs of a fleet need the same federated credential, backup folder, ObjectStore, public IP port, StorageClass or Azure rule group.")
    public static let conflictingSharedResource = DiagnosticCode("PGHA0703", "Two specs of a fleet share an AKS cluster, its operator or a node pool but configure it differently.")
    public static let clusterNameTaken = DiagnosticCode("PGHA0704", "A recovery cluster has the name of another spec's cluster in the same namespace.")
    public static let tooManyFederatedCredentials = DiagnosticCode("PGHA0705", "A fleet needs more than 20 federated credentials on one managed identity.")
    public static let specChangedDuringFleetCheck = DiagnosticCode("PGHA0706", "A spec file of a fleet changed, or could not be read again, while pgha compared it with the other specs.")
}

extension DiagnosticCode {
    /// Every code pgha reports, in order.
    public static let all: [DiagnosticCode] = [
        yamlSyntax, notUTF8, emptyDocument, multipleDocuments, anchorsNotAllowed, inputTooLarge,
        unknownKey, wrongType, missingField, duplicateKey, unsupportedAPIVersion, outOfRange, invalidEnumValue, conflictingFields,
        invalidClusterName, invalidKubernetesName, syncReplicasTooMany, invalidQuantity, requestAboveLimit, invalidImage,
        unsupportedMajorVersion, clusterNameTooLongForJobs, sharedBuffersAboveMemory, invalidLabel, invalidHBALine, invalidIdentifier, insecureHBA,
        unknownHBAConnectionType, invalidHBADatabaseOrUser, invalidHBAAddress, unknownHBAMethod, invalidHBAOption, exposedTrust,
        recoveryWithoutBackup, recoveryNameClash,
        recoveryTargetWithoutBackup, exclusiveRecoveryTargets, invalidRecoveryTime, recoveryTimeWithoutZone,
        invalidRecoveryLSN, invalidRestorePointName, recoveryTargetWithoutBackupID, invalidBackupID,
        failoverQuorumUnavailable, failoverQuorumWithoutSync, syncSettingWithoutSync, stopDelayTooShort,
        probeStrategyUnavailable, invalidLag, invalidTaint, premiumV2WithoutZones, premiumV2Performance,
        localNVMeTooFewInstances, localNVMeWithoutBackup, volumeShrinks, walVolumeRemoved, backupAlertsUnavailable, unreadableVolumeRecord,
        invalidRunbookURL, runbookURLWithoutAlerts,
        invalidParameterName, fixedParameter, blockedParameter, preloadInParameters, invalidWalLevel, invalidBoolean,
        invalidSize, walSizesInverted, walSizeAboveVolume, sizeWithoutUnit, unknownParameter, invalidParameterValue,
        restartingParameter, walLogHintsOff, failoverSlotsPrerequisites, controlCharacterInParameter, replicationLimitTooLow, md5PasswordsUnusable,
        invalidSchedule, fiveFieldSchedule, invalidRetention, descriptorSchedule, scheduleNeverRuns, reservedTagName, tooManyTags,
        pluginNeedsNewerOperator, inTreeBackupsRemoved, invalidObjectStoreName, fieldNotForBackupMethod,
        compressionNotSupported, imageWithoutBarmanCloud,
        invalidResourceGroupName, invalidAKSName, invalidNodePoolName, invalidIdentityName, invalidFederatedCredentialName,
        invalidStorageAccountName, invalidContainerName, invalidPublicIPName, invalidDNSLabel, invalidClientID,
        invalidCIDR, wholeInternet, invalidAzureValue, nodePoolCounts, invalidZone, invalidMonitoringResourceName, invalidSubscription,
        openAPIServer, sharedIdentity, repeatedDNSLabel, nodePoolNameClash, noZones, overlappingSourceRanges, unknownAzureRegion,
        zonesVersusInstances, walVolumeTooSmall, memoryOvercommit, connectionMemory, readOnlyServiceWithoutStandbys,
        toleratedTaintMissing, poolTaintNotTolerated,
        deprecatedFeature, invalidOperatorSetting, unsupportedKubernetesVersion, operatorCRDsUnavailable,
        duplicateTarget, sharedAzureResource, conflictingSharedResource, clusterNameTaken, tooManyFederatedCredentials, specChangedDuringFleetCheck,
        unknownPgBouncerParameter, sessionPoolMode, poolerExposureWider, invalidPgBouncerValue, invalidRoleName, invalidDatabaseName,
        databaseOwnerNotARole, databaseExtensionsUnavailable, alertCannotFire, alertsWithoutPrometheus,
    ]
}
