/// barman-cloud's object store settings (`BarmanObjectStoreConfiguration` of cloudnative-pg/barman-cloud), on Azure
/// Blob Storage: the in-tree `Cluster.spec.backup.barmanObjectStore` and the plugin's `ObjectStore.spec.configuration`.
public struct BarmanObjectStoreConfiguration: ManifestValue, Equatable {
    public var destinationPath: String
    public var serverName: String?
    public var azureCredentials: AzureCredentials
    public var wal: WalBackupConfiguration?
    public var data: DataBackupConfiguration?

    public var manifestNode: ManifestNode {
        .object {
            $0.field("destinationPath", destinationPath)
            $0.field("serverName", serverName)
            $0.field("azureCredentials", azureCredentials)
            $0.field("wal", wal)
            $0.field("data", data)
        }
    }
}

/// How barman-cloud signs in to Azure: exactly one way is set.
public struct AzureCredentials: ManifestValue, Equatable {
    /// The AKS managed identity, through the instance metadata service (`--credential managed-identity`).
    public var inheritFromAzureAD: Bool?
    /// Azure's DefaultAzureCredential chain (`--credential default`), which reads a workload identity token.
    public var useDefaultAzureCredentials: Bool?

    public var manifestNode: ManifestNode {
        .object {
            $0.field("inheritFromAzureAD", inheritFromAzureAD)
            $0.field("useDefaultAzureCredentials", useDefaultAzureCredentials)
        }
    }
}

public struct WalBackupConfiguration: ManifestValue, Equatable {
    public var compression: String?
    public var maxParallel: Int?

    public var manifestNode: ManifestNode {
        .object {
            $0.field("compression", compression)
            $0.field("maxParallel", maxParallel)
        }
    }
}

public struct DataBackupConfiguration: ManifestValue, Equatable {
    public var compression: String?

    public var manifestNode: ManifestNode {
        .object {
            $0.field("compression", compression)
        }
    }
}
