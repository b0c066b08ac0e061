/// Commands and steps more than one script uses.
enum ScriptSteps {
    private typealias V = ScriptValues

    /// The audience Azure expects in a workload identity token exchange.
    static let tokenAudience: ShellWord = "api://AzureADTokenExchange"

    /// A Secret holding a password generated here and passed on kubectl's stdin (never in argv, a log or a file),
    /// created unless it exists, so later runs keep the password. `data` are the rest of `kubectl create secret
    /// generic`'s arguments (type, literals, and the password's key as `--from-file=<key>=/dev/stdin`); the Secret is
    /// in the spec's namespace unless `namespace` names another.
    static func generatedPasswordSecret(_ secret: ShellWord, namespace: ShellWord? = nil, _ data: [ShellWord]) -> Step {
        let placement: [ShellWord] = namespace.map { ["--namespace", $0] } ?? []
        return .unlessExists(
            .succeeds(kubectl(["get", "secret", secret] + placement, namespaced: namespace == nil)),
            exists: "Secret " + secret + " exists",
            [.pipeSecret(
                from: Command("openssl", "rand", "-base64", "24"),
                into: kubectl(["create", "secret", "generic", secret] + placement + data, namespaced: namespace == nil)
            )]
        )
    }

    /// Stops the script with `message`; with --dry-run, which goes on planning, logs `plan: stop here` and `plan`
    /// instead. Each line is indented by `indent`, for code nested in a condition.
    static func stop(_ message: ShellCode, plan: ShellCode, indent: String = "") -> ShellCode {
        ShellCode(segments: [.code(indent + "if [ \"$DRY_RUN\" = 1 ]; then\n" + indent + "  log \"plan: stop here")] + plan.segments
                  + [.code("\"\n" + indent + "else\n" + indent + "  fail \"")] + message.segments
                  + [.code("\"\n" + indent + "fi")])
    }

    /// `kubectl <arguments> --namespace <ns> --context <aks> [-- <command>]`: every kubectl call names its cluster, so
    /// a different current context never receives the objects.
    static func kubectl(_ arguments: [ShellWord], namespaced: Bool = true, then command: [ShellWord] = []) -> Command {
        var words: [ShellWord] = ["kubectl"] + arguments
        if namespaced { words += ["--namespace", V.namespace] }
        words += ["--context", V.aksCluster]
        if !command.isEmpty { words += ["--"] + command }
        return Command(words)
    }

    /// `--tags`, the spec's tags and the ownership tags (`pgha.spec` and this spec's `pgha.member.` tag) of a resource
    /// deploy.sh creates. Commands built on azure-cli's AAZ framework (`shorthand`: az identity, az monitor account, az
    /// monitor log-analytics workspace, az alerts-management) read `--tags` in its shorthand syntax, where a dot in a
    /// name is a path (`pgha.spec=x` fails with "'AAZStrArg' object is not subscriptable"): there every name and value
    /// is single-quoted (`ShorthandSyntax`).
    static func tags(_ inputs: ScriptInputs, shorthand: Bool = false) -> [ShellWord] {
        guard shorthand else {
            return ["--tags"] + (inputs.hasTags ? [V.tags] : []) + [AzureOwnership.creatorTag, AzureOwnership.memberTag]
        }
        return ["--tags"] + (inputs.hasTags ? [V.shorthandTags] : [])
            + [AzureOwnership.shorthandCreatorTag, AzureOwnership.shorthandMemberTag]
    }

    /// The CNPG Cluster object `name` as a kubectl resource (the full name, never confused with another `cluster` kind).
    static func cluster(_ name: ShellWord) -> ShellWord { "clusters.postgresql.cnpg.io/" + name }

    /// Reads the signed-in subscription (az fails with `az login` advice when nobody is signed in). With
    /// `azure.subscription`, stops on any other subscription before anything is read or changed; without it, says how
    /// to pin the one in use.
    static func signIn(_ inputs: ScriptInputs) -> [Step] {
        let steps: [Step] = [
            .heading("Azure subscription"),
            .capture(variable: V.subscription, Command("az", "account", "show", "--query", "name", "--output", "tsv")),
            .capture(variable: V.subscriptionID, Command("az", "account", "show", "--query", "id", "--output", "tsv")),
            .note("subscription: " + .variable(V.subscription) + " (" + .variable(V.subscriptionID) + ")"),
        ]
        guard inputs.pinsSubscription else {
            return steps + [.note("azure.subscription is not set: add 'subscription: " + .variable(V.subscriptionID)
                                  + "' under azure in the spec so that every script refuses another subscription")]
        }
        return steps + [.check("""
        if [ "$DRY_RUN" = 0 ] && [ "$SUBSCRIPTION_ID" != \(V.azureSubscription) ]; then
          fail "az is signed in to the subscription $SUBSCRIPTION ($SUBSCRIPTION_ID), but the spec pins azure.subscription \(inString: V.azureSubscription): run az account set --subscription \(inString: V.azureSubscription) and run this script again"
        fi
        """)]
    }

    /// Writes the AKS cluster's credentials to the spec's own kubeconfig (`Kubeconfig`; context named after the cluster).
    static let credentials: [Step] = [
        .heading("Kubernetes credentials for " + V.aksCluster),
        .run(Kubeconfig.getCredentials),
    ]

    /// `az identity show ... --query <field> --output tsv` of the workload identity, or of the identity `name`.
    static func identity(_ field: ShellWord, name: ShellWord = V.identityName) -> Command {
        Command("az", "identity", "show", "--name", name, "--resource-group", V.resourceGroup,
                "--query", field, "--output", "tsv")
    }

    /// The subject of the Cluster `name`'s federated credential: its ServiceAccount, which the operator names after it.
    static func serviceAccountSubject(_ name: ShellWord) -> ShellWord {
        "system:serviceaccount:" + V.namespace + ":" + name
    }

    /// Creates the federated credential of the Cluster `name` (issuer the AKS cluster's OIDC issuer, subject
    /// `serviceAccountSubject`), or updates its issuer when it is stale (the AKS cluster was recreated). A credential of
    /// that name with another subject is another Cluster's: a spec of the same name in another namespace, rendered
    /// apart from this one (a fleet refuses the pair, PGHA0702), whose identity this spec uses too. The script stops
    /// rather than take it, saying what to do.
    static func federatedCredential(for name: ShellWord) -> [Step] {
        let credential: [ShellWord] = ["--name", name, "--identity-name", V.identityName, "--resource-group", V.resourceGroup]
        let subject = serviceAccountSubject(name)
        let settings: [ShellWord] = ["--issuer", .variable(V.oidcIssuer), "--subject", subject, "--audiences", tokenAudience, "--output", "none"]
        let show: [ShellWord] = ["az", "identity", "federated-credential", "show"] + credential
        let suggestion: ShellWord = V.namespace + "-" + V.clusterName + "-identity"
        return [
            .heading("Federated credential for " + name),
            .capture(variable: V.oidcIssuer, Command("az", "aks", "show", "--name", V.aksCluster, "--resource-group", V.resourceGroup,
                                                     "--query", "oidcIssuerProfile.issuerUrl", "--output", "tsv")),
            .when(
                .prints(Command(show + ["--query", "join(' ', [issuer, subject])", "--output", "tsv"]), .variable(V.oidcIssuer) + " " + subject),
                then: [.note("= federated credential " + name + " exists")],
                otherwise: [
                    .when(.printsSomething(Command(show + ["--query", "subject", "--output", "tsv"])),
                          then: [
                              .check("""
                              if [ "$PROBE_OUTPUT" != \(subject) ]; then
                                fail "the federated credential \(inString: name) of managed identity \(inString: V.identityName) is for $PROBE_OUTPUT, not for \(inString: subject): it is another cluster's (one of the same name in another namespace uses this identity), and pgha does not take it. Give this spec an identity of its own (set azure.identity.name, say to \(inString: suggestion)) and render again; or, if nothing uses that credential any more, delete it with az identity federated-credential delete --name \(inString: name) --identity-name \(inString: V.identityName) --resource-group \(inString: V.resourceGroup) --yes and run this script again"
                              fi
                              """),
                              .run(Command(["az", "identity", "federated-credential", "update"] + credential + settings)),
                          ],
                          otherwise: [.run(Command(["az", "identity", "federated-credential", "create"] + credential + settings))]),
                ]
            ),
        ]
    }

    /// Reads the current primary pod of the Cluster `name` into `variable`.
    static func currentPrimary(of name: ShellWord, into variable: String) -> Step {
        .capture(variable: variable, kubectl(["get", cluster(name), "--output", "jsonpath={.status.currentPrimary}"]))
    }

    /// `kubectl exec <pod> -c postgres -- psql -d postgres -X -A -t -v ON_ERROR_STOP=1 -c <sql>...`.
    static func psql(in pod: ShellWord, _ statements: [ShellWord]) -> Command {
        kubectl(["exec", pod, "--container", "postgres"],
                then: ["psql", "--dbname", "postgres", "--no-psqlrc", "--no-align", "--tuples-only", "--set", "ON_ERROR_STOP=1"]
                    + statements.flatMap { ["--command", $0] })
    }
}
