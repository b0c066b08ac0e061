/// The scripts rendered under `scripts/`, beside the manifests they deploy. Not part of any kustomization.
public enum ScriptTranslation {
    /// The folder the scripts go to.
    public static let folder = "scripts"

    /// deploy.sh and cleanup.sh always; restore-drill.sh when the spec has backups and a recovery cluster;
    /// failover-drill.sh when there is a standby to fail over to.
    /// The spec values (`ScriptValues.catalog`, with the Azure alert rules' JSON) are built once for all of them.
    public static func scripts(_ spec: Spec, specFileName: String?) -> [Script] {
        let variables = ScriptValues.catalog(spec, specFileName: specFileName)
        var scripts = [DeployScriptTranslation.script(spec, specFileName: specFileName, variables: variables)]
        if let backup = spec.backup, let recovery = spec.recovery {
            scripts.append(DrillScriptTranslation.restore(spec, backup, recovery, specFileName: specFileName, variables: variables))
        }
        if spec.instances > 1 {
            scripts.append(DrillScriptTranslation.failover(spec, specFileName: specFileName, variables: variables))
        }
        scripts.append(CleanupScriptTranslation.script(spec, specFileName: specFileName, variables: variables))
        return scripts.map { Kubeconfig.applied(to: withExistenceCheck($0), spec) }
    }

    /// The script with the `probe` function its probes call, when it has any and does not carry it already (cleanup.sh
    /// calls it from its own code).
    private static func withExistenceCheck(_ script: Script) -> Script {
        func probes(_ steps: [Step]) -> Bool {
            steps.contains { if case .when = $0 { true } else { false } }
        }
        guard probes(script.steps), !script.functions.contains(ExistenceCheck.function) else { return script }
        var script = script
        script.functions.append(ExistenceCheck.function)
        return script
    }

    /// The scripts as resources under `scripts/`.
    static func resources(_ spec: Spec, specFileName: String?) -> [Resource] {
        scripts(spec, specFileName: specFileName).map { Resource(path: "\(folder)/\($0.fileName)", script: $0) }
    }
}
