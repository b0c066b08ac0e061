/// The scripts rendered under `scripts/`, beside the manifests they deploy. Not part of any kustomization.
public enum ScriptTranslation {
    /// The folder the scripts go to.
    public static let folder = "scripts"

    /// deploy.sh and cleanup.sh always; restore-drill.sh when the spec has backups and a recovery cluster;
    /// failover-drill.sh when there is a standby to fail over to.
    public static func scripts(_ spec: Spec, specFileName: String?) -> [Script] {
        scripts(spec, specFileName: specFileName, built: nil, alerts: AlertTranslation.rendered(spec))
    }

    /// The scripts, each built from the spec's `ScriptInputs` (taken from `built` when a spec with equal inputs built it
    /// there; restore-drill.sh, which names the spec's one-off files, is built every time), then given the spec's
    /// purpose line, spec file name, kubeconfig setting (and, when it runs helm, the Helm repository settings,
    /// `HelmRepositories`) and values (`ScriptValues.catalog`, with the Azure alert rules'
    /// JSON of `alerts`, built once for all of them). A fleet member's (`fleetMember`) deploy.sh cannot render the
    /// spec again by itself.
    static func scripts(_ spec: Spec, specFileName: String?, fleetMember: Bool = false, built: BuiltScripts?, alerts: [AlertTranslation.Alert]) -> [Script] {
        let inputs = ScriptInputs(spec, specFileName: specFileName, fleetMember: fleetMember)
        let variables = ScriptValues.catalog(spec, inputs, specFileName: specFileName, alerts: alerts)
        let kubeconfig = Kubeconfig.setting(spec)
        func headed(_ script: Script, purpose: String) -> Script {
            var script = script
            script.purpose = purpose
            script.specFileName = specFileName
            script.variables = variables
            script.environment.append(kubeconfig)
            if HelmRepositories.used(by: script) { script.environment += HelmRepositories.settings }
            return script
        }
        func shared(_ fileName: String, purpose: String, _ build: (ScriptInputs) -> Script) -> Script {
            let script = built?.script(fileName, inputs, build: { completed(build(inputs)) }) ?? completed(build(inputs))
            return headed(script, purpose: purpose)
        }
        var scripts = [shared(DeployScriptTranslation.fileName, purpose: DeployScriptTranslation.purpose(spec), DeployScriptTranslation.script)]
        if let backup = spec.backup, let recovery = spec.recovery {
            let drill = DrillScriptTranslation.restore(
                inputs, recoveryFile: Resource.fileName(for: ClusterTranslation.recovery(spec, recovery, backup)),
                onDemandFile: backup.onDemand ? Resource.fileName(for: BackupTranslation.onDemand(spec)) : nil
            )
            scripts.append(headed(completed(drill), purpose: DrillScriptTranslation.restorePurpose(spec, recovery)))
        }
        if spec.instances > 1 {
            scripts.append(shared(DrillScriptTranslation.failoverFileName, purpose: DrillScriptTranslation.failoverPurpose(spec),
                                  DrillScriptTranslation.failover))
        }
        scripts.append(shared(CleanupScriptTranslation.fileName, purpose: CleanupScriptTranslation.purpose(spec),
                              CleanupScriptTranslation.script))
        return scripts
    }

    /// The script with the kubeconfig check (`Kubeconfig.applied`) and the `probe` function its probes call, when it
    /// has any and does not carry it already (cleanup.sh calls it from its own code).
    private static func completed(_ script: Script) -> Script {
        func probes(_ steps: [Step]) -> Bool {
            steps.contains { if case .when = $0 { true } else { false } }
        }
        var script = script
        if probes(script.steps) && !script.functions.contains(ExistenceCheck.function) {
            script.functions.append(ExistenceCheck.function)
        }
        return Kubeconfig.applied(to: script)
    }

    /// The scripts as resources under `scripts/`.
    static func resources(_ spec: Spec, specFileName: String?, fleetMember: Bool, built: BuiltScripts?, alerts: [AlertTranslation.Alert]) -> [Resource] {
        scripts(spec, specFileName: specFileName, fleetMember: fleetMember, built: built, alerts: alerts).map { Resource(path: "\(folder)/\($0.fileName)", script: $0) }
    }
}
