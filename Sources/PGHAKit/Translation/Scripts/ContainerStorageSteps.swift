/// deploy.sh's step that enables Azure Container Storage on the AKS cluster, for local NVMe volumes.
enum ContainerStorageSteps {
    private typealias V = ScriptValues

    static func steps(_ spec: Spec) -> [Step] {
        guard spec.storage.localNVMe else { return [] }
        return [
            .heading("Azure Container Storage on " + V.aksCluster),
            .run(Command("az", "aks", "update", "--name", V.aksCluster, "--resource-group", V.resourceGroup,
                         "--enable-azure-container-storage", "--output", "none")),
        ]
    }
}
