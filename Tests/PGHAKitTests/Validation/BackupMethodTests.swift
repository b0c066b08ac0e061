import Testing
@testable import PGHAKit

/// The backup method: its default per operator version, what each method refuses, and the image it needs.
@Suite struct BackupMethodTests {
    static func backup(_ fields: String = "", operatorVersion: String? = nil) -> String {
        let operatorBlock = operatorVersion.map { "operator:\n  version: \"\($0)\"\n" } ?? ""
        return operatorBlock + "backup:\n  storageAccount: pgtestbackups\n" + fields
    }

    @Test(arguments: [("1.25", BackupMethod.inTree), ("1.26", .plugin), ("1.30", .plugin), ("1.31", .plugin)])
    func theDefaultMethodIsThePluginWhereverItRuns(version: String, expected: BackupMethod) throws {
        let spec = try #require(TestSupport.compile(TestSupport.spec(Self.backup(operatorVersion: version))).spec)
        #expect(spec.backup?.method == expected)
    }

    @Test func defaultsRenderWithoutWarnings() {
        for version in ["1.25", "1.27", "1.29", "1.30"] {
            #expect(TestSupport.diagnostics(TestSupport.spec(Self.backup(operatorVersion: version))).filter { !$0.contains("note[") } == [])
        }
    }

    @Test func pluginBackupsOn126WarnThatNoAlertWatchesThem() throws {
        let diagnostics = TestSupport.compile(TestSupport.spec(Self.backup(operatorVersion: "1.26"))).diagnostics
        let warning = try #require(diagnostics.first { $0.code == .backupAlertsUnavailable })
        #expect(TestSupport.summary(warning)
            == "8:1 warning[PGHA0162] backup: CloudNativePG 1.26 does not report the Barman Cloud Plugin's backup metrics, so no alert watches the backups' age or failures")
        #expect(warning.hint == "target operator 1.27 or later; until then check backups with 'kubectl get backups'")
        let withoutAlerts = TestSupport.spec(Self.backup(operatorVersion: "1.26") + "monitoring:\n  alerts:\n    enabled: false\n")
        #expect(!TestSupport.compile(withoutAlerts).diagnostics.contains { $0.code == .backupAlertsUnavailable })
    }

    @Test func thePluginOnAnOperatorOlderThan126IsAnError() {
        #expect(TestSupport.errors(adding: Self.backup("  method: plugin\n", operatorVersion: "1.25")) == [
            "10:11 error[PGHA0320] backup.method: the Barman Cloud Plugin needs CloudNativePG 1.26 or later, not 1.25",
        ])
    }

    @Test func inTreeBackupsOn131AreAnErrorNamingThePluginAndTheMigration() throws {
        let diagnostics = TestSupport.compile(TestSupport.spec(Self.backup("  method: inTree\n", operatorVersion: "1.31"))).diagnostics
        let error = try #require(diagnostics.first { $0.code == .inTreeBackupsRemoved })
        #expect(TestSupport.summary(error) == "10:11 error[PGHA0321] backup.method: CloudNativePG 1.31 has no in-tree backups: 'backup.barmanObjectStore' was removed in 1.31")
        #expect(error.hint == "use 'method: plugin' (the Barman Cloud Plugin, barman-cloud.cloudnative-pg.io); Docs/backup.md explains the migration")
    }

    @Test func inTreeBackupsOn130AreDeprecatedNotRefused() {
        let lines = TestSupport.diagnostics(TestSupport.spec(Self.backup("  method: inTree\n")))
        #expect(lines == ["8:11 warning[PGHA0601] backup.method: CloudNativePG 1.30 deprecates the in-tree barmanObjectStore backups (removed in 1.31)"])
    }

    @Test func anObjectStoreNameOverTheKubernetesLimitIsAnError() {
        let name = String(repeating: "a", count: 254)
        #expect(TestSupport.errors(adding: Self.backup("  objectStore: \(name)\n")) == [
            "8:16 error[PGHA0322] backup.objectStore: the ObjectStore name '\(String(repeating: "a", count: 64))...' is 254 characters long, over Kubernetes' 253",
        ])
        #expect(TestSupport.errors(adding: Self.backup("  objectStore: \(String(repeating: "a", count: 253))\n")) == [])
        #expect(TestSupport.errors(adding: Self.backup("  objectStore: Store_1\n")) == [
            "8:16 error[PGHA0322] backup.objectStore: the ObjectStore name 'Store_1' is not a valid object name",
        ])
    }

    @Test func aRetentionTheObjectStorePatternRefusesIsAnError() {
        for retention in ["0d", "7D", "7 d", "07d", "1y"] {
            #expect(TestSupport.errors(adding: Self.backup("  retention: \(retention)\n")) == [
                "8:14 error[PGHA0303] backup.retention: '\(retention)' is not a retention policy: the ObjectStore's retentionPolicy must match ^[1-9][0-9]*[dwm]$",
            ])
        }
    }

    @Test func fieldsOfTheOtherMethodWarnThatTheyHaveNoEffect() {
        #expect(TestSupport.diagnostics(TestSupport.spec(Self.backup("recovery:\n  walMaxParallel: 4\n"))) == [
            "9:19 warning[PGHA0323] recovery.walMaxParallel: 'recovery.walMaxParallel' has no effect with the Barman Cloud Plugin: the recovery restores with the ObjectStore's settings",
        ])
        #expect(TestSupport.diagnostics(TestSupport.spec(Self.backup("  objectStore: store\n  sidecar:\n    cpu: \"1\"\n", operatorVersion: "1.25"))) == [
            "10:16 warning[PGHA0323] backup.objectStore: 'backup.objectStore' has no effect without the Barman Cloud Plugin",
            "11:3 warning[PGHA0323] backup.sidecar: 'backup.sidecar' has no effect without the Barman Cloud Plugin",
        ])
    }

    @Test func inTreeCompressionFollowsTheOperatorsCRD() {
        #expect(TestSupport.errors(adding: Self.backup("  walCompression: zstd\n  dataCompression: lz4\n", operatorVersion: "1.25")) == [
            "10:19 error[PGHA0324] backup.walCompression: CloudNativePG 1.25's in-tree backups do not accept 'zstd' compression",
            "11:20 error[PGHA0324] backup.dataCompression: CloudNativePG 1.25's in-tree backups do not accept 'lz4' compression",
        ])
        #expect(TestSupport.errors(adding: Self.backup("  method: inTree\n  walCompression: zstd\n  dataCompression: lz4\n", operatorVersion: "1.29")) == [
            "12:20 error[PGHA0324] backup.dataCompression: CloudNativePG 1.29's in-tree backups do not accept 'lz4' compression",
        ])
        #expect(TestSupport.errors(adding: Self.backup("  walCompression: zstd\n  dataCompression: lz4\n", operatorVersion: "1.26")) == [])
    }

    @Test func inTreeBackupsWithAnImageWithoutBarmanCloudAreAnError() {
        let image = "postgres:\n  image: ghcr.io/cloudnative-pg/postgresql:17.11-standard-trixie\n"
        #expect(TestSupport.errors(adding: image + Self.backup(operatorVersion: "1.25")) == [
            "7:10 error[PGHA0325] postgres.image: the standard image has no barman-cloud, which in-tree backups run inside the postgres container",
        ])
        #expect(TestSupport.errors(adding: image + Self.backup()) == [])
    }

    @Test func sidecarResourcesMustBeQuantities() {
        #expect(TestSupport.errors(adding: Self.backup("  sidecar:\n    memory: 512MB\n")) == [
            "9:13 error[PGHA0104] backup.sidecar.memory: '512MB' is not a positive Kubernetes quantity",
        ])
    }

    @Test func operator131IsAcceptedWithANote() {
        #expect(TestSupport.diagnostics(TestSupport.spec(Self.backup(operatorVersion: "1.31"))) == [
            "7:12 note[PGHA0610] operator.version: CloudNativePG 1.31 was not released when pgha was built: its objects are rendered as 1.30 validates them, and deploy.sh does not install the operator",
        ])
    }

    @Test(arguments: [
        ("", "ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie"),
        ("postgres:\n  version: 16\n", "ghcr.io/cloudnative-pg/postgresql:16.15-minimal-trixie"),
        ("postgres:\n  version: 16\nbackup:\n  method: inTree\n  storageAccount: pgtestbackups\n", "ghcr.io/cloudnative-pg/postgresql:16.15-system-trixie"),
        ("postgres:\n  version: 17\nbackup:\n  storageAccount: pgtestbackups\n", "ghcr.io/cloudnative-pg/postgresql:17.11-minimal-trixie"),
        ("postgres:\n  parameters:\n    pgaudit.log: ddl\n", "ghcr.io/cloudnative-pg/postgresql:18.6-standard-trixie"),
        ("postgres:\n  sharedPreloadLibraries: [pg_failover_slots]\n", "ghcr.io/cloudnative-pg/postgresql:18.6-standard-trixie"),
        ("postgres:\n  parameters:\n    pg_stat_statements.max: \"1000\"\n", "ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie"),
    ])
    func theImageIsPinnedToAMinorInTheFlavourTheMethodNeeds(extra: String, image: String) throws {
        let spec = try #require(TestSupport.compile(TestSupport.spec(extra)).spec)
        #expect(spec.postgres.image == image)
    }

    /// The extension a parameter belongs to is the text before its first "." character: searched as bytes in an
    /// ASCII name, by characters otherwise (a "." with a combining mark is not a ".").
    @Test func theExtensionOfAParameterIsTheTextBeforeItsFirstDotCharacter() {
        #expect(PostgresImage.extensionPrefix(of: "pgaudit.log") == "pgaudit")
        #expect(PostgresImage.extensionPrefix(of: "a.b.c") == "a")
        #expect(PostgresImage.extensionPrefix(of: ".log") == "")
        #expect(PostgresImage.extensionPrefix(of: "work_mem") == nil)
        #expect(PostgresImage.extensionPrefix(of: "pgaudit.\u{301}log.x") == "pgaudit.\u{301}log")
        #expect(PostgresImage.extensionPrefix(of: "pgaudit.\u{301}log") == nil)
        #expect(PostgresImage.extensionPrefix(of: "é.x") == "é")
        #expect(PostgresImage.flavour(for: .plugin, parameters: ["pgaudit.\u{301}log": "ddl"], libraries: []) == "minimal")
        #expect(PostgresImage.flavour(for: .plugin, parameters: ["work_mem": "4MB", "pg_failover_slots.x": "1"], libraries: []) == "standard")
        #expect(PostgresImage.flavour(for: .plugin, parameters: ["work_mem": "4MB"], libraries: ["pg_stat_statements", "pgaudit"]) == "standard")
        #expect(PostgresImage.flavour(for: .plugin, parameters: ["pgaudit": "on", "pgauditx.log": "ddl"], libraries: ["pg_stat_statements"]) == "minimal")
        #expect(PostgresImage.flavour(for: .inTree, parameters: ["pgaudit.log": "ddl"], libraries: ["pgaudit"]) == "system")
    }

    @Test func everyMajorTheSpecAllowsHasAPinnedMinor() throws {
        let version = try #require(SpecSchema.postgres.children.first { $0.name == "version" })
        guard case .integer(let minimum?, let maximum?) = version.type else { Issue.record("postgres.version has no bounds"); return }
        for major in minimum...maximum {
            #expect(PostgresImage.minors[major]?.hasPrefix("\(major).") == true, "no pinned minor for PostgreSQL \(major)")
        }
    }

    @Test func anImageCatalogReplacesTheImageAndConflictsWithIt() throws {
        let catalog = "postgres:\n  version: 17\n  imageCatalog:\n    name: pg-images\n"
        let cluster = ClusterTranslation.primary(try #require(TestSupport.compile(TestSupport.spec(catalog)).spec))
        #expect(cluster.spec.imageName == nil)
        #expect(cluster.spec.imageCatalogRef == Cluster.ImageCatalogRef(apiGroup: "postgresql.cnpg.io", kind: "ImageCatalog", name: "pg-images", major: 17))
        #expect(TestSupport.errors(adding: "postgres:\n  image: ghcr.io/cloudnative-pg/postgresql:17.11-minimal-trixie\n  imageCatalog:\n    name: Images\n") == [
            "8:3 error[PGHA0017] postgres.imageCatalog: 'postgres.image' and 'postgres.imageCatalog' cannot both be set",
            "9:11 error[PGHA0102] postgres.imageCatalog.name: 'Images' is not a valid image catalog name",
        ])
    }

    /// Moving from in-tree to the plugin is one render: the Cluster swaps `backup` for `plugins` and keeps its server
    /// name and destination, the ObjectStore appears, the backups change method, the backup alerts read the plugin's
    /// metrics, the scripts install the plugin.
    @Test func switchingFromInTreeToThePluginIsOneRender() throws {
        let recovery = "recovery: {}\n"
        let inTree = TestSupport.compile(TestSupport.spec(Self.backup("  method: inTree\n") + recovery))
        let plugin = TestSupport.compile(TestSupport.spec(Self.backup() + recovery))
        #expect(inTree.succeeded && plugin.succeeded)
        let before = Dictionary(uniqueKeysWithValues: inTree.artifacts.map { ($0.path, $0.contents) })
        let after = Dictionary(uniqueKeysWithValues: plugin.artifacts.map { ($0.path, $0.contents) })
        let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
        #expect(changed == [
            ".pgha/spec.json", "README.md", "cluster-pg-test.yaml", "kustomization.yaml", "objectstore-pg-test-backups.yaml", "oneoff/backup-pg-test-on-demand.yaml",
            "oneoff/cluster-pg-test-recovered.yaml", "prometheusrule-pg-test-alerts.yaml", "scheduledbackup-pg-test-backup.yaml", "scripts/cleanup.sh", "scripts/deploy.sh",
            "scripts/failover-drill.sh",
        ])
        let inTreeCluster = ClusterTranslation.primary(try #require(inTree.spec))
        let pluginSpec = try #require(plugin.spec)
        let pluginCluster = ClusterTranslation.primary(pluginSpec)
        #expect(inTreeCluster.spec.plugins == nil && pluginCluster.spec.backup == nil)
        #expect(pluginCluster.spec.plugins?.first?.parameters?.entries.map { "\($0.key)=\($0.value)" } == ["barmanObjectName=pg-test-backups", "serverName=pg-test"])
        let store = ObjectStoreTranslation.objectStore(pluginSpec, try #require(pluginSpec.backup))
        #expect(store.spec.configuration.destinationPath == inTreeCluster.spec.backup?.barmanObjectStore.destinationPath)
        #expect(store.spec.retentionPolicy == inTreeCluster.spec.backup?.retentionPolicy)
    }

    @Test func anImageChangeSaysWhetherItRollsOrUpgrades() {
        let repository = PostgresImage.repository
        #expect(PostgresImage.changeNote(from: "\(repository):16.14-system-trixie", to: "\(repository):16.15-minimal-trixie")
                == "16.14-system-trixie to 16.15-minimal-trixie stays on PostgreSQL 16: a rolling update, standbys first, then a switchover")
        #expect(PostgresImage.changeNote(from: "\(repository):16.15-minimal-trixie", to: "\(repository):17.11-minimal-trixie")
                == "16.15-minimal-trixie to 17.11-minimal-trixie is a major upgrade (PostgreSQL 16 to 17): CloudNativePG runs pg_upgrade, offline and irreversible; take a backup first")
        #expect(PostgresImage.changeNote(from: "\(repository):17.11-minimal-trixie", to: "\(repository):17.11-minimal-trixie") == nil)
        let patch = """
        --- a/cluster-pg.yaml
        +++ b/cluster-pg.yaml
        @@ -11,1 +11,1 @@
        -  imageName: \(repository):16-system-trixie
        +  imageName: \(repository):16.15-minimal-trixie
        --- a/oneoff/cluster-pg-recovered.yaml
        +++ b/oneoff/cluster-pg-recovered.yaml
        @@ -11,1 +11,1 @@
        -  imageName: \(repository):16-system-trixie
        +  imageName: \(repository):17.11-minimal-trixie

        """
        #expect(PostgresImage.changeNotes(inPatch: patch) == [
            "cluster-pg.yaml: 16-system-trixie to 16.15-minimal-trixie stays on PostgreSQL 16: a rolling update, standbys first, then a switchover",
            "oneoff/cluster-pg-recovered.yaml: 16-system-trixie to 17.11-minimal-trixie is a major upgrade (PostgreSQL 16 to 17): CloudNativePG runs pg_upgrade, offline and irreversible; take a backup first",
        ])
    }
}
