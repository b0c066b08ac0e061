/// Checks the operator settings and what the target CloudNativePG version deprecates.
enum OperatorRules {
    static func check(_ context: inout ValidationContext) {
        let spec = context.spec
        let version = spec.operatorSettings.version
        for key in spec.operatorSettings.config.keys.sorted() where !isEnvironmentName(key) {
            context.error(.invalidOperatorSetting, "'\(key)' is not an operator setting name", at: "operator.config.\(key)", onKey: true,
                          hint: "settings are environment variable names such as CLUSTERS_ROLLOUT_DELAY")
        }
        if version >= OperatorVersion(major: 1, minor: 26), spec.operatorSettings.config["ENABLE_AZURE_PVC_UPDATES"] != nil {
            context.warning(.deprecatedFeature, "ENABLE_AZURE_PVC_UPDATES was removed in CloudNativePG 1.26", at: "operator.config.ENABLE_AZURE_PVC_UPDATES",
                            hint: "remove it; the operator no longer reads it")
        }
        if let release = OperatorRelease.of(version), !release.isReleased {
            context.report(.note, .operatorCRDsUnavailable,
                           "CloudNativePG \(version) was not released when pgha was built: its objects are rendered as 1.30 validates them, and deploy.sh does not install the operator",
                           at: "operator.version",
                           hint: "install the operator yourself before deploy.sh; check its release notes for changes to the rendered fields")
        }
    }

    /// `[A-Z_][A-Z0-9_]*`.
    static func isEnvironmentName(_ name: String) -> Bool {
        guard let first = name.first, first == "_" || (first.isASCII && first.isUppercase) else { return false }
        return name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isUppercase || $0.isNumber)) }
    }
}
