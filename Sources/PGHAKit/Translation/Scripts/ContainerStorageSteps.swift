/// deploy.sh's step that enables Azure Container Storage on the AKS cluster, for local NVMe volumes. azure-cli refuses
/// `--enable-azure-container-storage` on a cluster that has it ("already enabled"), so the step first asks for the
/// cluster extension it installs (`acstor`, through the `k8s-extension` CLI extension that `CLIExtensionSteps`
/// installs).
enum ContainerStorageSteps {
    private typealias V = ScriptValues

    /// The name under which azure-cli installs Azure Container Storage 2.x as a cluster extension.
    static let clusterExtension: ShellWord = "acstor"

    static func steps(_ inputs: ScriptInputs) -> [Step] {
        guard inputs.localNVMe else { return [] }
        return [
            .heading("Azure Container Storage on " + V.aksCluster),
            .unlessExists(
                .succeeds(Command("az", "k8s-extension", "show", "--cluster-type", "managedClusters", "--cluster-name", V.aksCluster,
                                  "--resource-group", V.resourceGroup, "--name", clusterExtension)),
                exists: "Azure Container Storage is enabled on " + V.aksCluster,
                [.run(Command("az", "aks", "update", "--name", V.aksCluster, "--resource-group", V.resourceGroup,
                              "--enable-azure-container-storage", "--output", "none"))]
            ),
        ]
    }
}
