/// A CloudNativePG on-demand `Backup` (`postgresql.cnpg.io/v1`).
public struct Backup: KubernetesObject, Equatable {
    public var apiVersion = "postgresql.cnpg.io/v1"
    public var kind = "Backup"
    public var metadata: ObjectMeta
    public var spec: Spec

    public struct Spec: Encodable, Sendable, Equatable {
        public var method: String
        public var cluster: LocalObjectReference
    }
}

/// A reference to an object in the same namespace, by name.
public struct LocalObjectReference: Encodable, Sendable, Equatable {
    public var name: String
}
