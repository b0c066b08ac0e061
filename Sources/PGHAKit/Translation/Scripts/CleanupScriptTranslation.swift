/// Builds `scripts/cleanup.sh`: deletes the recovery cluster's federated credential and the resource group.
enum CleanupScriptTranslation {
    private typealias V = ScriptValues

    static let fileName = "cleanup.sh"

    static func script(_ spec: Spec, specFileName: String?) -> Script {
        var contents: ShellWord = "the AKS cluster " + V.aksCluster + " with its databases, the managed identity " + V.identityName
        if spec.backup != nil { contents = contents + ", the storage account " + V.storageAccount + " with every backup" }
        if spec.monitoring.managedPrometheus {
            contents = contents + ", " + V.grafana + ", " + V.monitorWorkspace + " and " + V.logAnalyticsWorkspace
        }
        let group: [ShellWord] = ["--name", V.resourceGroup]
        var steps = ScriptSteps.signIn
        steps.append(.code(description: "ask for the resource group's name unless --yes", """
        if [ "$ASSUME_YES" != 1 ]; then
          log "This deletes the resource group $RESOURCE_GROUP and everything in it: \(inString: contents)."
          printf 'Type the resource group name to go on: '
          local answer=''
          read -r answer || true
          [ "$answer" = "$RESOURCE_GROUP" ] || fail 'not confirmed: nothing was deleted'
        fi
        """))
        if spec.backup != nil, spec.recovery != nil {
            let credential: [ShellWord] = ["--name", V.recoveryName, "--identity-name", V.identityName, "--resource-group", V.resourceGroup]
            steps += [
                .heading("Federated credential " + V.recoveryName),
                .when(.stillExists(Command(["az", "identity", "federated-credential", "show"] + credential)),
                      then: [.run(Command(["az", "identity", "federated-credential", "delete"] + credential + ["--yes"]))],
                      otherwise: [.note("= federated credential " + V.recoveryName + " does not exist")]),
            ]
        }
        steps += BackupPluginSteps.uninstall(spec)
        steps += [
            .heading("Resource group " + V.resourceGroup),
            .when(.stillExists(Command(["az", "group", "show"] + group)),
                  then: [
                      .run(Command(["az", "group", "delete"] + group + ["--yes", "--no-wait"])),
                      .note("deletion started; follow it with: az group wait --deleted --name " + V.resourceGroup),
                  ],
                  otherwise: [.note("= resource group " + V.resourceGroup + " does not exist")]),
        ]
        return Script(
            fileName: fileName,
            purpose: "Deletes everything deploy.sh created for \(spec.name): the recovery cluster's federated credential and the resource group.",
            specFileName: specFileName,
            options: [Script.Option(flag: "--yes", variable: "ASSUME_YES", initialValue: "0",
                                    help: "Delete without asking for the resource group's name.")],
            tools: BackupPluginSteps.applies(to: spec) ? ["az", "kubectl", "helm"] : ["az"],
            variables: V.catalog(spec, specFileName: specFileName),
            steps: steps
        )
    }
}
