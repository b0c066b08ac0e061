/// deploy.sh's and cleanup.sh's check, before anything is read or created, that the Azure CLI extensions their later
/// steps call are installed (checked against the extensions' and azure-cli 2.91's sources): `az extension show`, and
/// `az extension add` when it answers that the extension is not installed. An installed extension is used as it is.
enum CLIExtensionSteps {
    /// A CLI extension and why the scripts need it.
    struct Extension: Equatable {
        var name: String
        var reason: String
    }

    /// `az grafana create`, `show` and `dashboard import` (Azure Managed Grafana).
    static let managedGrafana = Extension(name: "amg", reason: "az grafana")
    /// `az alerts-management prometheus-rule-group` (the Azure Prometheus rule group).
    static let alertsManagement = Extension(name: "alertsmanagement", reason: "az alerts-management prometheus-rule-group")
    /// azure-cli's own `az aks update --enable-azure-container-storage` reads and installs Azure Container Storage's
    /// cluster extension through this CLI extension (it stops with "Please add CLI extension `k8s-extension`"
    /// without it), and deploy.sh asks `az k8s-extension show` whether Azure Container Storage is there.
    static let kubernetesExtension = Extension(name: "k8s-extension", reason: "Azure Container Storage")

    /// The extensions the spec's deploy.sh calls, in the order it first needs them.
    static func needed(_ inputs: ScriptInputs) -> [Extension] {
        var extensions: [Extension] = []
        if inputs.managedPrometheus { extensions.append(managedGrafana) }
        if inputs.localNVMe { extensions.append(kubernetesExtension) }
        if inputs.managedPrometheus && inputs.alerts { extensions.append(alertsManagement) }
        return extensions
    }

    /// The extensions the spec's cleanup.sh calls: those with which it reads and deletes what deploy.sh created
    /// (Managed Grafana, the Prometheus rule group); Azure Container Storage goes with the AKS cluster.
    static func neededByCleanup(_ inputs: ScriptInputs) -> [Extension] {
        needed(inputs).filter { $0 != kubernetesExtension }
    }

    /// deploy.sh's steps.
    static func steps(_ inputs: ScriptInputs) -> [Step] {
        steps(installing: needed(inputs))
    }

    /// cleanup.sh's steps.
    static func cleanupSteps(_ inputs: ScriptInputs) -> [Step] {
        steps(installing: neededByCleanup(inputs))
    }

    private static func steps(installing extensions: [Extension]) -> [Step] {
        guard !extensions.isEmpty else { return [] }
        return [.heading("Azure CLI extensions")] + extensions.map { extensionStep($0) }
    }

    private static func extensionStep(_ needed: Extension) -> Step {
        let name = ShellWord(needed.name)
        return .unlessExists(.succeeds(Command("az", "extension", "show", "--name", name)),
                             exists: "Azure CLI extension " + name + " (" + ShellWord(needed.reason) + ") is installed",
                             [.run(Command("az", "extension", "add", "--name", name, "--yes"))])
    }
}
