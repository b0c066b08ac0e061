import Testing
@testable import PGHAKit

/// The review's repro: two specs named `orders`, in the namespaces team-a and team-b, rendered separately (not as one
/// fleet, where PGHA0702 refuses them), sharing the resource group, the AKS cluster and the default identity
/// `orders-identity`, both need the federated credential `orders`. team-b's deploy.sh found team-a's and moved its
/// subject to team-b's ServiceAccount (team-a's backups lost their identity), and team-b's cleanup.sh deleted it. A
/// credential whose subject is another ServiceAccount's is now neither changed nor deleted.
@Suite struct FederatedCredentialTests {
    /// Examples/aks-ha.yaml's cluster pg-primary, when another namespace's pg-primary holds the credential.
    static let otherSubject = "system:serviceaccount:team-a:pg-primary"
    /// That cluster's credential, as deploy.sh reads it.
    static let otherCredential = FakeAzure.credential(of: "pg-primary", namespace: "team-a")

    @Test func deployStopsAtAnotherClustersCredentialOfTheSameName() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.existing(
            nodeResourceGroup: DeployScriptTests.guideNodeResourceGroup, credential: Self.otherCredential))
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: the federated credential pg-primary of managed identity pg-primary-identity is for \(Self.otherSubject), not for system:serviceaccount:cnpg-database:pg-primary: it is another cluster's (one of the same name in another namespace uses this identity), and pgha does not take it. Give this spec an identity of its own (set azure.identity.name, say to cnpg-database-pg-primary-identity) and render again; or, if nothing uses that credential any more, delete it with az identity federated-credential delete --name pg-primary --identity-name pg-primary-identity --resource-group rg-cnpg-demo --yes and run this script again\n"), "\(run.stderr)")
        let credentialCalls = run.lines.filter { $0.hasPrefix("az identity federated-credential") }
        #expect(credentialCalls == [
            "az identity federated-credential show --name pg-primary --identity-name pg-primary-identity --resource-group rg-cnpg-demo --query 'join('\\'' '\\'', [issuer, subject])' --output tsv",
            "az identity federated-credential show --name pg-primary --identity-name pg-primary-identity --resource-group rg-cnpg-demo --query subject --output tsv",
        ])
        #expect(!run.lines.contains { $0.hasPrefix("kubectl apply") })

        let plan = try harness.run("deploy.sh", ["--dry-run"], rules: FakeAzure.existing(
            nodeResourceGroup: DeployScriptTests.guideNodeResourceGroup, credential: Self.otherCredential))
        #expect(plan.status == 1)
        #expect(plan.stderr.contains("error: the federated credential pg-primary of managed identity pg-primary-identity is for \(Self.otherSubject), "))
        #expect(!plan.stdout.contains("federated-credential update"))
    }

    /// restore-drill.sh's credential (`<name>-recovered-db`) is checked alike: the drill stops before it changes anything.
    @Test func theRestoreDrillStopsAtAnotherClustersCredentialOfTheSameName() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml", options: DrillAndCleanupScriptTests.deployed)
        defer { harness.remove() }
        let other = "system:serviceaccount:team-a:pg-primary-recovered-db"
        let run = try harness.run("restore-drill.sh", rules: [
            .init(pattern: "az identity federated-credential show * --query join* --output tsv", output: FakeAzure.issuer + " " + other),
            .init(pattern: "az identity federated-credential show * --query subject --output tsv", output: other),
        ] + DrillAndCleanupScriptTests.clusterRules() + FakeAzure.deployed(nodeResourceGroup: DrillAndCleanupScriptTests.nodeResourceGroup))
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: the federated credential pg-primary-recovered-db of managed identity pg-primary-identity is for \(other), not for system:serviceaccount:cnpg-database:pg-primary-recovered-db: "), "\(run.stderr)")
        #expect(run.lines.last == "az identity federated-credential show --name pg-primary-recovered-db --identity-name pg-primary-identity --resource-group rg-cnpg-demo --query subject --output tsv")
    }

    @Test func cleanupKeepsAnotherClustersCredentialOfTheSameName() throws {
        let run = try CleanupScriptTests.run(["--yes"], [
            .init(pattern: "az identity federated-credential show --name pg-primary --identity-name * --query subject --output tsv", output: Self.otherSubject),
            CleanupScriptTests.tags("az identity show --name pg-primary-identity", CleanupScriptTests.identity,
                                    members: CleanupScriptTests.mine + " pgha.member.team-a.pg-primary"),
        ] + CleanupScriptTests.sharedAKSAndGroup)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines.filter { $0.hasPrefix("az identity federated-credential delete") } == [
            "az identity federated-credential delete --name pg-primary-recovered-db --identity-name pg-primary-identity --resource-group rg-cnpg-demo --yes",
        ])
        #expect(run.stdout.contains("  - federated credential pg-primary-recovered-db of managed identity pg-primary-identity\n"))
        #expect(!run.stdout.contains("  - federated credential pg-primary of managed identity pg-primary-identity\n"))
        #expect(run.stdout.contains("  - federated credential pg-primary of managed identity pg-primary-identity: it is for \(Self.otherSubject), not for system:serviceaccount:cnpg-database:pg-primary\n"))
    }
}
