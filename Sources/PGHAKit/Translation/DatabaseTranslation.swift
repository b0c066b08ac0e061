/// Builds a `Database` object for each database of the spec besides the bootstrap one.
enum DatabaseTranslation {
    /// The first operator version whose Database has `extensions`.
    static let extensionsSince = OperatorVersion(major: 1, minor: 26)

    static func databases(_ spec: Spec) -> [Database] {
        spec.databases.sorted { $0.key < $1.key }.map { name, database in
            let extensions = spec.operatorSettings.version >= extensionsSince && !database.extensions.isEmpty
                ? database.extensions.map { Database.ExtensionSpec(name: $0, ensure: "present") } : nil
            return Database(
                metadata: ObjectMeta(name: "\(spec.name)-\(name.replacingEvery("_", with: "-"))", namespace: spec.namespace,
                                     labels: Labels.common(spec)),
                spec: Database.Spec(cluster: LocalObjectReference(name: spec.name), ensure: "present",
                                    name: name, owner: database.owner, extensions: extensions)
            )
        }
    }
}
