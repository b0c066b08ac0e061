/// The Kubernetes minor versions each CloudNativePG version pgha targets supports, from CloudNativePG's
/// `docs/src/supported_releases.md` ("Supported Kubernetes versions"; versions only "tested" are left out). Update it
/// with each pgha release; Docs/deploy.md explains how it is used.
///
/// Every row checked against cloudnative-pg/cloudnative-pg at a95a534 (2026-08; the same as
/// `shared/reference/current-platform.md`): 1.29 and 1.30 from "Support status of CloudNativePG releases", 1.25 to 1.28
/// from "Old releases", each also in the file of its own release tags (1.25: v1.25.0 to v1.25.4; 1.26: v1.26.0;
/// 1.27: v1.27.0). 1.28 supported 1.32 to 1.34 when released (v1.28.0) and added 1.35 in da8e0cbcc (2026-06-15,
/// "test: enable unit test on 1.36"), as its final row and the release-1.28 branch say.
///
/// 1.31 is not listed: it removes the in-tree Barman Cloud backups pgha renders, and pgha has not read its CRDs, so
/// `operator.version` does not accept it yet.
public enum KubernetesSupport {
    /// Supported Kubernetes minors per operator version, oldest first.
    public static let minors: [OperatorVersion: [String]] = [
        OperatorVersion(major: 1, minor: 25): ["1.29", "1.30", "1.31", "1.32"],
        OperatorVersion(major: 1, minor: 26): ["1.30", "1.31", "1.32", "1.33"],
        OperatorVersion(major: 1, minor: 27): ["1.31", "1.32", "1.33"],
        OperatorVersion(major: 1, minor: 28): ["1.32", "1.33", "1.34", "1.35"],
        OperatorVersion(major: 1, minor: 29): ["1.33", "1.34", "1.35"],
        OperatorVersion(major: 1, minor: 30): ["1.34", "1.35", "1.36"],
    ]

    /// The Kubernetes minors `version` supports (empty for a version pgha does not target).
    public static func supported(by version: OperatorVersion) -> [String] {
        minors[version] ?? []
    }

    /// The default `azure.kubernetesVersion`: the newest minor the operator supports. For the default operator (1.30)
    /// that is 1.36, which AKS creates until June 2027 (1.34 leaves AKS in November 2026); deploy.sh checks at run
    /// time that the location still offers it.
    public static func defaultVersion(for version: OperatorVersion) -> String {
        supported(by: version).last ?? "1.36"
    }

    /// Whether Kubernetes `version` serves `VolumeAttributesClass` (storage.k8s.io/v1, on by default): 1.34 and later.
    /// 1.31 to 1.33 have it as a beta API that is off unless the control plane enables it, which AKS does not.
    public static func hasVolumeAttributesClasses(_ version: String) -> Bool {
        let parts = minor(of: version).split(separator: ".").compactMap { Int($0) }
        guard parts.count == 2 else { return false }
        return (parts[0], parts[1]) >= (1, 34)
    }

    /// The `major.minor` of a version such as `1.36` or `1.36.2`.
    static func minor(of version: String) -> String {
        guard let first = version.firstIndex(of: "."),
              let second = version[version.index(after: first)...].firstIndex(of: ".") else { return version }
        return String(version[..<second])
    }
}
