/// The commented starter spec `pgha init` writes: valid as written, with no warnings, and a short tour of the
/// fields people change first.
public enum StarterSpec {
    /// The name `pgha init` uses when none is given.
    public static let defaultName = "pg-main"

    /// Whether `name` is a DNS-1035 label of at most 50 characters, as a cluster name must be. Such a name is
    /// safe to write into the starter unquoted; names derived from it may still be too long or short for Azure
    /// (the backups' federated credential needs 3 characters), which `Compiler.check` of the starter reports.
    public static func isValidName(_ name: String) -> Bool {
        NameRules.isDNS1035Label(name, maxLength: 50)
    }

    /// The starter spec for a cluster called `name` (which must satisfy `isValidName`).
    public static func text(name: String) -> String {
        let storageAccount = String(name.filter { $0 != "-" }.prefix(17)) + "backups"
        return """
        # A pgha spec: one highly available PostgreSQL cluster on AKS, compiled to CloudNativePG manifests by
        #   pgha render \(name).yaml -o manifests/\(name)
        # Only apiVersion, kind, name and azure.location are required: delete any other field to take its default
        # (Docs/spec.md lists every field, its default and the CloudNativePG field it becomes).
        apiVersion: pgha/v1alpha1
        kind: PostgresCluster
        name: \(name)               # a DNS-1035 label of at most 50 characters; names every rendered object
        namespace: cnpg-database

        instances: 3                # one primary and two synchronous-capable standbys
        zones: ["1", "2", "3"]      # the instances spread across these availability zones

        postgres:
          version: 17
          parameters:               # postgresql.conf settings, rendered as strings exactly as written
            effective_cache_size: 6GB
            work_mem: 16MB
            log_min_duration_statement: "1000"

        resources:                  # per instance; limits default to the requests (Guaranteed QoS)
          cpu: "2"
          memory: 8Gi

        storage:
          size: 64Gi
          storageClass: managed-csi-premium
          wal:                      # a separate WAL volume; delete this block to keep WAL on the data volume
            size: 16Gi

        bootstrap:
          database: app
          owner: app                # its credentials: the Secret <name>-app-credentials, created at deploy time

        monitoring:
          prometheus: true          # a PodMonitor for the Prometheus operator
          managedPrometheus: false  # true adds one for Azure Managed Prometheus

        # Continuous backups to Azure Blob Storage through the Barman Cloud Plugin and workload identity
        # (Docs/backup.md); deploy.sh installs the plugin and cert-manager. Delete this block for no backups.
        backup:
          storageAccount: \(storageAccount)   # 3-24 lowercase letters and digits, unique in Azure
          retention: 7d
          schedule: "0 15 * * * *"   # seconds first, as CloudNativePG reads it: every hour at :15
          walCompression: gzip

        # A one-off cluster restored from those backups, for scripts/restore-drill.sh (rendered under oneoff/).
        recovery: {}

        # Public read-write (5432) and read-only (5433) endpoints: uncomment to expose the cluster.
        # expose:
        #   allowedSourceRanges: ["203.0.113.0/24"]
        #   dnsLabel: \(name)-db

        azure:
          location: westeurope

        """
    }
}
