import Foundation
import Testing
@testable import PGHAKit

/// deploy.sh run against fake tools: the exact commands, the re-run that creates nothing, --dry-run, the password,
/// and the client ID flow.
@Suite struct DeployScriptTests {
    /// The calls of a run, with the temporary output directory written as `$OUT`.
    static func lines(_ run: ScriptHarness.Run, _ harness: ScriptHarness) -> [String] {
        run.lines.map { $0.replacingOccurrences(of: harness.output.path, with: "$OUT") }
    }

    static let guideNodeResourceGroup = "MC_rg-cnpg-demo_aks-pg-primary_westus3"

    @Test func aFreshDeploymentOfTheGuideRunsEveryStepInTheGuidesOrder() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.fresh(nodeResourceGroup: Self.guideNodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        let lines = Self.lines(run, harness)
        try ExpectedScriptCalls.check(lines, "deploy-aks-ha-fresh")
    }

    @Test func aReRunFindsEverythingAndCreatesNothing() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.existing(nodeResourceGroup: Self.guideNodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        let lines = Self.lines(run, harness)
        try ExpectedScriptCalls.check(lines, "deploy-aks-ha-rerun")
        #expect(!lines.contains { $0.contains(" create ") || $0.contains(" add ") && !$0.hasPrefix("helm repo add") && !$0.hasPrefix("az extension add") })
        #expect(run.stdout.contains("= resource group rg-cnpg-demo exists"))
        #expect(run.stdout.contains("= AKS cluster aks-pg-primary exists"))
    }

    /// A federated credential left from a recreated AKS cluster (another OIDC issuer) is updated in place; workload
    /// identity would fail with it as it is. (One with another subject is another cluster's: FederatedCredentialTests.)
    @Test func aStaleFederatedCredentialIsUpdated() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let credential = "https://westus3.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000002/99999999-0000-0000-0000-000000000000/ system:serviceaccount:cnpg-database:pg-primary"
        let run = try harness.run("deploy.sh", rules: FakeAzure.existing(nodeResourceGroup: Self.guideNodeResourceGroup, credential: credential))
        #expect(run.status == 0, "\(run.stderr)")
        let credentialCalls = Self.lines(run, harness).filter { $0.hasPrefix("az identity federated-credential") }
        #expect(credentialCalls == [
            "az identity federated-credential show --name pg-primary --identity-name pg-primary-identity --resource-group rg-cnpg-demo --query 'join('\\'' '\\'', [issuer, subject])' --output tsv",
            "az identity federated-credential show --name pg-primary --identity-name pg-primary-identity --resource-group rg-cnpg-demo --query subject --output tsv",
            "az identity federated-credential update --name pg-primary --identity-name pg-primary-identity --resource-group rg-cnpg-demo --issuer \(FakeAzure.issuer) --subject system:serviceaccount:cnpg-database:pg-primary --audiences api://AzureADTokenExchange --output none",
        ])
    }

    /// Whether a call only reads (what --dry-run may run).
    static func isRead(_ argv: [String]) -> Bool {
        argv.starts(with: ["az", "rest", "--method", "get"]) || argv.starts(with: ["az", "account", "get-access-token"])
            || argv.starts(with: ["kubectl", "get"])
            || argv.starts(with: ["helm", "status"]) || argv.starts(with: ["helm", "list"]) || argv.starts(with: ["helm", "version"])
            || (argv.first == "az" && argv.contains { ["show", "list", "list-locations", "get-versions", "check-name"].contains($0) })
    }

    /// The issue's repro: --dry-run printed the plan of an empty subscription, whatever existed. It now runs the
    /// read-only probes, changes nothing, and plans every command a run would then execute.
    @Test(arguments: TestSupport.exampleNames)
    func dryRunReadsOnlyAndPlansExactlyTheCommandsOfAFreshRun(example: String) throws {
        let harness = try ScriptHarness(example: example)
        defer { harness.remove() }
        let spec = try #require(Compiler.compile(try TestSupport.read("Examples/\(example)")).spec)
        let rules = FakeAzure.fresh(nodeResourceGroup: spec.azure.nodeResourceGroup)
        let dryRun = try harness.run("deploy.sh", ["--dry-run"], rules: rules)
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(dryRun.stdout.hasPrefix("PLAN (--dry-run): read-only probes run;"))
        #expect(dryRun.stdout.hasSuffix("End of the plan: nothing was changed.\n"))
        #expect(!dryRun.calls.isEmpty && dryRun.calls.allSatisfy(Self.isRead), "--dry-run ran \(dryRun.lines)")

        let fresh = try harness.run("deploy.sh", rules: rules)
        #expect(fresh.status == 0, "\(fresh.stderr)")
        let placeholders = [
            "<CLIENT_ID>": FakeAzure.clientID, "<PRINCIPAL_ID>": FakeAzure.principalID, "<OIDC_ISSUER>": FakeAzure.issuer,
        ]
        var printed: [[String]] = []
        for line in dryRun.stdout.split(separator: "\n") {
            guard let start = line.range(of: #"^(\+|plan: (create|update|delete|run):) "#, options: .regularExpression)?.upperBound else { continue }
            var text = String(line[start...])
            if let assignment = text.range(of: #"^[A-Z_]+=\$\("#, options: .regularExpression) {
                text = String(text[assignment.upperBound...].dropLast())
            }
            for command in text.components(separatedBy: " | ") {
                printed.append(try ShellWords.split(command).map { placeholders[$0] ?? $0.replacingOccurrences(of: harness.home.path, with: "$HOME") })
            }
        }
        let executed = fresh.calls.map { $0.filter { !$0.hasPrefix("<stdin") } }
        let resolved = printed.map { argv in argv.map { $0.hasPrefix("<") ? "?" : $0 } }
        #expect(resolved.count == executed.count)
        for (dry, real) in zip(resolved, executed) {
            #expect(dry.count == real.count && zip(dry, real).allSatisfy { $0 == "?" || $0 == $1 },
                    "dry run printed \(dry), the run executed \(real)")
        }
    }

    @Test func dryRunOnAnExistingDeploymentPlansNoCreation() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", ["--dry-run"], rules: FakeAzure.existing(nodeResourceGroup: Self.guideNodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.calls.allSatisfy(Self.isRead))
        #expect(run.stdout.contains("= AKS cluster aks-pg-primary exists"))
        #expect(run.stdout.contains("= federated credential pg-primary exists"))
        // deploy.sh merges its member tag into every resource it uses (AzureOwnership.join) and sets the alert rule
        // group's rules (AzureAlertRuleSteps) on every run: the only updates an existing deployment plans.
        let planned = run.stdout.split(separator: "\n").filter {
            ($0.hasPrefix("plan: create: az ") || $0.hasPrefix("plan: update: az ")) && !$0.hasPrefix("plan: create: az extension add")
                && !($0.hasPrefix("plan: update: az tag update ") && $0.hasSuffix("--operation merge --tags pgha.member.cnpg-database.pg-primary=cnpg-database/pg-primary --output none"))
                && !$0.hasPrefix("plan: update: az alerts-management prometheus-rule-group update --name cnpg-database-pg-primary-alerts ")
        }
        #expect(planned == [], "\(planned)")
    }

    /// The issue's repro: AKS no longer creates the version the spec names (1.32 after its end of life).
    @Test func aKubernetesVersionAKSDoesNotOfferStopsBeforeAnythingIsCreated() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let rules = [ScriptHarness.Rule(pattern: "az aks get-versions *", output: "lines:1.34,1.35")]
            + FakeAzure.fresh(nodeResourceGroup: Self.guideNodeResourceGroup)
        let run = try harness.run("deploy.sh", rules: rules)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: AKS does not create Kubernetes 1.36 in westus3; it offers 1.34, 1.35. Set azure.kubernetesVersion to one of them that CloudNativePG supports and render again"))
        #expect(Self.lines(run, harness) == [
            "az account show --query name --output tsv",
            "az account show --query id --output tsv",
            "az aks show --name aks-pg-primary --resource-group rg-cnpg-demo",
            "az aks get-versions --location westus3 --query 'values[?!isPreview && contains(capabilities.supportPlan, '\\''KubernetesOfficial'\\'')].version' --output tsv",
        ])
    }

    /// Helm before 3.13 has no --labels: deploy.sh stops before its first release, naming the version, rather than at
    /// Helm's own flag error.
    @Test func aHelmWithoutLabelsStopsBeforeTheFirstRelease() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml", options: Compiler.Options(identityClientID: FakeAzure.clientID))
        defer { harness.remove() }
        let rules = [ScriptHarness.Rule(pattern: "helm version *", output: "v3.12.3")] + FakeAzure.fresh(nodeResourceGroup: Self.guideNodeResourceGroup)
        let run = try harness.run("deploy.sh", rules: rules)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: Helm v3.12.3 cannot label the releases deploy.sh installs (helm --labels): install Helm 3.13 or later, then run deploy.sh again"))
        #expect(run.lines.last == "helm version --template '{{.Version}}'")
        #expect(!run.lines.contains { $0.hasPrefix("helm upgrade") || $0.hasPrefix("helm repo") })
    }

    /// A region without availability zones (West US, UK West, ...) refused the spec's zones only at az aks create,
    /// after the resource group, identities and storage account were made; deploy.sh now stops before anything.
    @Test func zonesInARegionWithoutThemStopBeforeAnythingIsCreated() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let rules = [ScriptHarness.Rule(pattern: "az account list-locations *", output: "0")]
            + FakeAzure.fresh(nodeResourceGroup: Self.guideNodeResourceGroup)
        let run = try harness.run("deploy.sh", rules: rules)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: westus3 has no availability zones (az account list-locations lists none for this subscription), but the spec spreads the cluster over zones 1 2 3: set zones: [] in the spec (and remove storage.premiumV2, which needs zones) and render again, or choose a region with zones"))
        #expect(Self.lines(run, harness).last == "az account list-locations --query 'length([?name=='\\''westus3'\\''].availabilityZoneMappings[])' --output tsv")
        #expect(!run.lines.contains { $0.contains(" create ") })
    }

    /// --dry-run asks too (a read), and plans the stop rather than the resources it would not create.
    @Test func aDryRunAsksForTheRegionsZones() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let rules = [ScriptHarness.Rule(pattern: "az account list-locations *", output: "0")]
            + FakeAzure.fresh(nodeResourceGroup: Self.guideNodeResourceGroup)
        let run = try harness.run("deploy.sh", ["--dry-run"], rules: rules)
        #expect(run.lines.contains { $0.hasPrefix("az account list-locations ") })
        #expect(run.stdout.contains("plan: stop here: westus3 has no availability zones, but the spec spreads the cluster over zones 1 2 3"))
        #expect(run.stdout.contains("--sku Standard_LRS"))
    }

    /// Without zones, a region that has none gets a locally redundant storage account: Azure offers no ZRS there.
    @Test func theBackupStorageIsZoneRedundantOnlyWhereTheRegionHasZones() throws {
        let source = TestSupport.spec("zones: []\nbackup:\n  storageAccount: pgtestbackups\n")
        for (zones, sku) in [("0", "Standard_LRS"), ("3", "Standard_ZRS")] {
            let harness = try ScriptHarness(source: source, options: Compiler.Options(identityClientID: FakeAzure.clientID))
            defer { harness.remove() }
            let rules = [ScriptHarness.Rule(pattern: "az account list-locations *", output: zones)]
                + FakeAzure.fresh(nodeResourceGroup: "MC_rg-pg-test_aks-pg-test_westus3")
            let run = try harness.run("deploy.sh", rules: rules)
            #expect(run.status == 0, "\(run.stderr.suffix(600))")
            #expect(run.lines.contains { $0.hasPrefix("az storage account create ") && $0.contains("--sku \(sku) ") }, "\(zones)")
        }
    }

    /// The spec's version early in a long list AKS offers is found: `printf | grep -q` under pipefail took it for
    /// absent when grep stopped reading and printf died of SIGPIPE (flaky with a short list, certain with this one).
    @Test func anOfferedVersionEarlyInALongListIsFound() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let offered = ["1.36"] + (1...20_000).map { "1.\(100 + $0)" }
        let rules = [ScriptHarness.Rule(pattern: "az aks get-versions *", output: "lines:" + offered.joined(separator: ","))]
            + FakeAzure.fresh(nodeResourceGroup: Self.guideNodeResourceGroup)
        let run = try harness.run("deploy.sh", rules: rules)
        #expect(run.status == 0, "\(run.stderr.prefix(300))")
        #expect(run.lines.contains { $0.hasPrefix("az aks create --name aks-pg-primary ") })
    }

    /// The issue's repro: azure-cli rejects --enable-cluster-autoscaler with bounds that leave out its default node
    /// count of 3 (pools of 1..2 or 5..9) unless --node-count lies within them.
    @Test func poolsStartAtTheirMinimumSoTheNodeCountIsWithinTheAutoscalerBounds() throws {
        let source = TestSupport.spec().replacingOccurrences(of: "azure:\n  location: westus3\n", with: """
        azure:
          location: westus3
          systemPool:
            minCount: 1
            maxCount: 2
          nodePool:
            minCount: 5
            maxCount: 9

        """)
        let harness = try ScriptHarness(source: source)
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.fresh(nodeResourceGroup: "MC_rg-pg-test_aks-pg-test_westus3"))
        #expect(run.status == 0, "\(run.stderr)")
        let create = try #require(run.lines.first { $0.hasPrefix("az aks create ") })
        #expect(create.contains(" --node-count 1 --enable-cluster-autoscaler --min-count 1 --max-count 2 "))
        let addPool = try #require(run.lines.first { $0.hasPrefix("az aks nodepool add ") })
        #expect(addPool.contains(" --node-count 5 --enable-cluster-autoscaler --min-count 5 --max-count 9 "))
    }

    @Test func theGeneratedPasswordIsPipedToKubectlAndAppearsInNoFileAndNoLogLine() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.fresh(nodeResourceGroup: Self.guideNodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        let secretCalls = run.calls.filter { $0.starts(with: ["kubectl", "create", "secret"]) }
        #expect(secretCalls.count == 2)
        #expect(secretCalls.allSatisfy { $0.last == "<stdin: the secret>" })
        #expect(secretCalls.contains { $0.contains("--from-file=password=/dev/stdin") }, "the application user's Secret")
        // Grafana's admin password is generated too, before the chart that reads it: not CloudNativePG's values'
        // publicly known `adminPassword`.
        let grafanaSecret = try #require(run.lines.firstIndex { $0.hasPrefix("kubectl create secret generic kube-prometheus-stack-grafana-admin --namespace monitoring --from-literal=admin-user=admin --from-file=admin-password=/dev/stdin ") })
        let stack = try #require(run.lines.firstIndex { $0.contains("kube-prometheus-stack --install") })
        #expect(grafanaSecret < stack)
        #expect(run.lines[stack].contains(" --set grafana.admin.existingSecret=kube-prometheus-stack-grafana-admin "))
        #expect(!run.stdout.contains(ScriptHarness.secret))
        #expect(!run.stderr.contains(ScriptHarness.secret))
        for (path, contents) in try harness.allFiles() {
            #expect(!contents.contains(ScriptHarness.secret), "the password is in \(path)")
        }
    }

    @Test func anExistingSecretIsKeptAndNoPasswordIsGenerated() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.existing(nodeResourceGroup: Self.guideNodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.calls.contains { $0.first == "openssl" || $0.starts(with: ["kubectl", "create"]) })
    }

    @Test func aClientIDThatIsNotTheIdentitysStopsBeforeAnythingUsesIt() throws {
        let example = String(decoding: try TestSupport.read("Examples/aks-ha.yaml"), as: UTF8.self)
        let harness = try ScriptHarness(source: example.replacingOccurrences(
            of: "    name: pg-primary-identity\n", with: "    name: pg-primary-identity\n    clientID: \(FakeAzure.clientID)\n"))
        defer { harness.remove() }
        let other = "99999999-8888-7777-6666-555555555555"
        let run = try harness.run("deploy.sh", rules: FakeAzure.fresh(nodeResourceGroup: Self.guideNodeResourceGroup, clientID: other))
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: azure.identity.clientID is \(FakeAzure.clientID) but pg-primary-identity has client ID \(other)"))
        #expect(run.stderr.contains("deploy.sh stopped before the end. Fix the cause and run it again"))
        #expect(Self.lines(run, harness).last == "az identity show --name pg-primary-identity --resource-group rg-cnpg-demo --query principalId --output tsv")
    }

    @Test func withoutAClientIDInTheSpecDeployRendersTheManifestsAgainWithTheIdentitys() throws {
        let harness = try ScriptHarness(example: "internal-only.yaml")
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.fresh(nodeResourceGroup: "MC_rg-payments_aks-payments_northeurope"))
        #expect(run.status == 0, "\(run.stderr)")
        let lines = Self.lines(run, harness)
        try ExpectedScriptCalls.check(lines, "deploy-internal-only-fresh")
        #expect(run.stdout.contains("add clientID: \(FakeAzure.clientID) under azure.identity in the spec"))
    }

    /// A review's repro: a fleet member's deploy.sh ran `pgha render SPEC --output <its folder> --identity-client-id`,
    /// which refuses that folder (the fleet's listing owns its files), exit 3 after creating the identity. It now
    /// stops right after the identity, before any other resource, saying what to add to the spec; `--dry-run` plans it.
    @Test func aFleetMembersDeployStopsForTheClientIDRightAfterCreatingTheIdentity() throws {
        var options = Compiler.Options()
        options.fleetMember = true
        let harness = try ScriptHarness(example: "internal-only.yaml", options: options)
        defer { harness.remove() }
        let rules = FakeAzure.fresh(nodeResourceGroup: "MC_rg-payments_aks-payments_northeurope")
        let run = try harness.run("deploy.sh", rules: rules)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: this fleet's manifests need the client ID of billing-identity: add clientID: \(FakeAzure.clientID) under azure.identity in the spec internal-only.yaml, render the fleet again and run its new deploy.sh (it skips what already exists)"))
        #expect(!run.lines.contains { $0.hasPrefix("pgha") || $0.hasPrefix("az storage account create") || $0.hasPrefix("az aks create") })
        #expect(run.lines.last == "az identity show --name billing-identity --resource-group rg-payments --query principalId --output tsv")
        let plan = try harness.run("deploy.sh", ["--dry-run"], rules: rules)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("plan: stop here until azure.identity.clientID in the spec internal-only.yaml names the client ID of billing-identity"))
        let script = try String(contentsOf: harness.output.appendingPathComponent("scripts/deploy.sh"), encoding: .utf8)
        #expect(!script.contains("--spec FILE") && !script.contains("PGHA_SPEC"))
    }

    @Test func theSpecToRenderAgainComesFromSpecOrPGHASpecAndItsAbsenceStopsBeforeAnyChange() throws {
        let harness = try ScriptHarness(example: "internal-only.yaml")
        defer { harness.remove() }
        let rules = FakeAzure.fresh(nodeResourceGroup: "MC_rg-payments_aks-payments_northeurope")
        try FileManager.default.removeItem(at: harness.work.appendingPathComponent("internal-only.yaml"))
        let missing = try harness.run("deploy.sh", rules: rules)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot find the spec to render again with the identity's client ID: pass --spec FILE or set PGHA_SPEC"))
        #expect(missing.lines == ["az account show --query name --output tsv", "az account show --query id --output tsv"])

        let elsewhere = harness.root.appendingPathComponent("specs/billing.yaml")
        try FileManager.default.createDirectory(at: elsewhere.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestSupport.repositoryRoot.appendingPathComponent("Examples/internal-only.yaml"), to: elsewhere)
        for (arguments, environment) in [(["--spec", elsewhere.path], [:]), ([], ["PGHA_SPEC": elsewhere.path])] {
            let run = try harness.run("deploy.sh", arguments, rules: rules, environment: environment)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.calls.contains(["pgha", "render", elsewhere.path, "--output", harness.output.path,
                                        "--identity-client-id", FakeAzure.clientID]))
        }
        let custom = try harness.run("deploy.sh", ["--spec", elsewhere.path], rules: rules, environment: ["PGHA": "/nonexistent/pgha"])
        #expect(custom.status == 1)
        #expect(custom.stderr.contains("missing on PATH: /nonexistent/pgha"))
    }

    /// The issue's repro: run from a folder holding another team's spec under the same file name, deploy.sh rendered
    /// that spec over its output and applied it, exit 0.
    @Test func aForeignSpecInTheWorkingDirectoryIsRefusedUnlessSpecNamesIt() throws {
        let harness = try ScriptHarness(example: "internal-only.yaml")
        defer { harness.remove() }
        let example = String(decoding: try TestSupport.read("Examples/internal-only.yaml"), as: UTF8.self)
        let foreign = harness.work.appendingPathComponent("internal-only.yaml")
        try Data(example.replacingOccurrences(of: "name: billing\n", with: "name: other-team-db\n").utf8).write(to: foreign)
        let rules = FakeAzure.fresh(nodeResourceGroup: "MC_rg-payments_aks-payments_northeurope")
        let refused = try harness.run("deploy.sh", rules: rules)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("error: internal-only.yaml is not the spec this script was rendered from (its SHA-256 differs): another cluster's spec, or this one changed since. Render it again and run the new deploy.sh, or pass --spec internal-only.yaml to use it as it is"))
        #expect(!refused.lines.contains { $0.hasPrefix("pgha") || $0.contains(" create ") })

        let named = try harness.run("deploy.sh", ["--spec", foreign.path], rules: rules)
        #expect(named.status == 0, "\(named.stderr)")
        #expect(named.calls.contains(["pgha", "render", foreign.path, "--output", harness.output.path, "--identity-client-id", FakeAzure.clientID]))
    }

    /// The issue's repro: the example's storage account and DNS label must be unique in Azure, so the second person
    /// to deploy it got StorageAccountAlreadyTaken halfway through.
    @Test(arguments: [
        ("az storage account check-name *", "error: the storage account name pgprimarybackups is taken in Azure (storage account names are global): set backup.storageAccount to another name and render again"),
        ("az rest --method get --url *CheckDnsNameAvailability* --query available --output tsv", "error: the DNS label pg-primary-demo is taken in westus3 (pg-primary-demo.westus3.cloudapp.azure.com): set expose.dnsLabel to another label and render again"),
    ])
    func aGloballyUniqueNameTakenBySomeoneElseStopsBeforeAnythingIsCreated(check: String, message: String) throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let rules = [ScriptHarness.Rule(pattern: check, output: "false")] + FakeAzure.fresh(nodeResourceGroup: Self.guideNodeResourceGroup)
        let run = try harness.run("deploy.sh", rules: rules)
        #expect(run.status == 1)
        #expect(run.stderr.contains(message))
        #expect(!run.lines.contains { $0.contains(" create ") || $0.hasPrefix("pgha") })
    }

    /// The review's repro: the poolers' LoadBalancer DNS labels were never checked, so a taken one surfaced only as a
    /// Service stuck without an address. The read-only pooler's label (`-ro`) is checked too.
    @Test(arguments: ["pg-prod-pooler", "pg-prod-pooler-ro"])
    func aTakenPoolerDNSLabelStopsBeforeAnythingIsCreated(label: String) throws {
        let harness = try ScriptHarness(example: "production.yaml")
        defer { harness.remove() }
        let check = "az rest --method get --url *CheckDnsNameAvailability?domainNameLabel=\(label)&* --query available --output tsv"
        let rules = [ScriptHarness.Rule(pattern: check, output: "false")] + FakeAzure.fresh(nodeResourceGroup: Self.productionNodeResourceGroup)
        let run = try harness.run("deploy.sh", rules: rules)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: the DNS label \(label) is taken in westeurope (\(label).westeurope.cloudapp.azure.com): set pooler.expose.dnsLabel to another label and render again"))
        #expect(!run.lines.contains { $0.contains(" create ") || $0.hasPrefix("pgha") })
    }

    static let productionNodeResourceGroup = "MC_rg-pg-prod_aks-pg-prod_westeurope"

    /// A pooler label a public IP of the node resource group already has is this deployment's: not checked again.
    @Test func aPoolerDNSLabelThisDeploymentHoldsIsNotCheckedAgain() throws {
        let harness = try ScriptHarness(example: "production.yaml")
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.existing(nodeResourceGroup: Self.productionNodeResourceGroup,
                                                                      credential: FakeAzure.credential(of: "pg-prod", namespace: "databases")))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines.contains("az network public-ip list --resource-group \(Self.productionNodeResourceGroup) --query '[?dnsSettings.domainNameLabel=='\\''pg-prod-pooler-ro'\\''].id' --output tsv"))
        #expect(!run.lines.contains { $0.contains("CheckDnsNameAvailability") })
    }

    /// The review's repro: `--generate-ssh-keys` wrote ~/.ssh/id_rsa on the machine that ran deploy.sh, for nodes
    /// nobody reaches over SSH.
    @Test func theAKSClusterIsCreatedWithoutAnSSHKey() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.fresh(nodeResourceGroup: Self.guideNodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        let create = try #require(run.calls.first { $0.starts(with: ["az", "aks", "create"]) })
        #expect(create.contains("--no-ssh-key"))
        #expect(!run.calls.contains { $0.contains("--generate-ssh-keys") })
    }

    /// The review's repro: `az aks wait --created` on a cluster whose provisioning failed stopped deploy.sh with no
    /// hint of what to do.
    @Test func anAKSClusterThatFailedToProvisionStopsWithItsStateAndWhatToDo() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let rules: [ScriptHarness.Rule] = [
            .init(pattern: "az aks wait *", status: 1, output: "stderr:ERROR: Wait operation failed: the cluster is in a Failed state"),
            .init(pattern: "az aks show --name aks-pg-primary --resource-group rg-cnpg-demo --query provisioningState --output tsv", output: "Failed"),
        ] + FakeAzure.existing(nodeResourceGroup: Self.guideNodeResourceGroup)
        let run = try harness.run("deploy.sh", rules: rules)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: AKS cluster aks-pg-primary is not running (provisioningState: Failed): reconcile it with az aks update --name aks-pg-primary --resource-group rg-cnpg-demo, or delete it with az aks delete --name aks-pg-primary --resource-group rg-cnpg-demo so that deploy.sh creates it again; then run deploy.sh again"))
        #expect(!run.lines.contains { $0.hasPrefix("az aks nodepool") || $0.hasPrefix("kubectl") })
    }

    static let nodePoolWait = "az aks nodepool wait --cluster-name aks-pg-primary --name postgres --resource-group rg-cnpg-demo --created"

    /// The review's repro: after an interrupted `az aks nodepool add`, the re-run found the pool and its next write to
    /// the cluster (the pool's taints, the monitoring add-on, the tags) failed with OperationNotAllowed while the pool
    /// was still being created. deploy.sh now waits for a found pool before it changes anything, as it does for the
    /// cluster, and after adding one.
    @Test func aFoundNodePoolIsWaitedForBeforeTheClusterIsChanged() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let rules: [ScriptHarness.Rule] = [
            .init(pattern: "az aks show * --query addonProfiles.omsagent.enabled || addonProfiles.omsAgent.enabled --output tsv", output: "false"),
        ] + FakeAzure.existing(nodeResourceGroup: Self.guideNodeResourceGroup, nodeTaints: "")
        let run = try harness.run("deploy.sh", rules: rules)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.lines
        #expect(lines.filter { $0.hasPrefix("az aks nodepool wait") } == [Self.nodePoolWait])
        let wait = try #require(lines.firstIndex(of: Self.nodePoolWait))
        let poolShow = try #require(lines.firstIndex(of: "az aks nodepool show --cluster-name aks-pg-primary --name postgres --resource-group rg-cnpg-demo"))
        let writes = lines.indices.filter { index in
            ["az aks nodepool update", "az aks enable-addons", "az tag update"].contains { lines[index].hasPrefix($0) }
        }
        #expect(lines.contains { $0.hasPrefix("az aks nodepool update") } && lines.contains { $0.hasPrefix("az aks enable-addons") }, "\(lines)")
        #expect(poolShow < wait && writes.allSatisfy { wait < $0 }, "\(lines)")

        let fresh = try harness.run("deploy.sh", rules: FakeAzure.fresh(nodeResourceGroup: Self.guideNodeResourceGroup))
        #expect(fresh.status == 0, "\(fresh.stderr)")
        let add = try #require(fresh.lines.firstIndex { $0.hasPrefix("az aks nodepool add ") })
        #expect(fresh.lines.filter { $0.hasPrefix("az aks nodepool wait") } == [Self.nodePoolWait])
        #expect(fresh.lines.firstIndex(of: Self.nodePoolWait) == add + 1)
    }

    /// A node pool whose provisioning failed stops deploy.sh with its state and what to do, as a failed cluster does.
    @Test func aNodePoolThatFailedToProvisionStopsWithItsStateAndWhatToDo() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let rules: [ScriptHarness.Rule] = [
            .init(pattern: "az aks nodepool wait *", status: 1, output: "stderr:ERROR: Wait operation failed: the node pool is in a Failed state"),
            .init(pattern: "az aks nodepool show --cluster-name aks-pg-primary --name postgres --resource-group rg-cnpg-demo --query provisioningState --output tsv", output: "Failed"),
        ] + FakeAzure.existing(nodeResourceGroup: Self.guideNodeResourceGroup, nodeTaints: "")
        let run = try harness.run("deploy.sh", rules: rules)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: node pool postgres of AKS cluster aks-pg-primary is not running (provisioningState: Failed): reconcile it with az aks nodepool update --cluster-name aks-pg-primary --name postgres --resource-group rg-cnpg-demo, or delete it with az aks nodepool delete --cluster-name aks-pg-primary --name postgres --resource-group rg-cnpg-demo so that deploy.sh adds it again; then run deploy.sh again\n"))
        #expect(run.lines.last == "az aks nodepool show --cluster-name aks-pg-primary --name postgres --resource-group rg-cnpg-demo --query provisioningState --output tsv")
    }

    @Test func namesThisDeploymentAlreadyHoldsAreNotCheckedAgain() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        let run = try harness.run("deploy.sh", rules: FakeAzure.existing(nodeResourceGroup: Self.guideNodeResourceGroup))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.lines.contains { $0.contains("check-name") || $0.contains("CheckDnsNameAvailability") })
    }

    /// The issue's repro: specs in different namespaces on one AKS cluster each installed kube-prometheus-stack, under
    /// one release name, into their own namespace; the second install failed Helm's ownership check.
    @Test func specsSharingAnAKSClusterInstallOneKubePrometheusStack() throws {
        var installs: [[String]] = []
        for namespace in ["team-a", "team-b"] {
            let source = TestSupport.spec("namespace: \(namespace)\n").replacingOccurrences(
                of: "name: pg-test\n", with: "name: pg-\(namespace)\n").replacingOccurrences(
                of: "  location: westus3\n", with: "  location: westus3\n  resourceGroup: rg-shared\n  aksCluster: aks-shared\n")
            let harness = try ScriptHarness(source: source)
            defer { harness.remove() }
            let run = try harness.run("deploy.sh", rules: FakeAzure.existing(nodeResourceGroup: "MC_rg-shared_aks-shared_westus3"))
            #expect(run.status == 0, "\(run.stderr)")
            installs.append(run.lines.filter { $0.contains("kube-prometheus-stack --install") })
        }
        #expect(installs[0] == [
            "helm upgrade kube-prometheus-stack prometheus-community/kube-prometheus-stack --install --namespace monitoring --version 88.5.3 --kube-context aks-shared --values https://raw.githubusercontent.com/cloudnative-pg/cloudnative-pg/v1.30.0/docs/src/samples/monitoring/kube-stack-config.yaml --set grafana.admin.existingSecret=kube-prometheus-stack-grafana-admin --labels pgha.io/installed-by=pgha --wait --timeout 15m",
        ])
        #expect(installs[1] == installs[0])
    }

    @Test func theSpecsDigestIsItsSHA256() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array(String(repeating: "a", count: 1000).utf8)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        // Around the padding's block boundaries (Python's hashlib): 55 bytes pad into one block, 56 to 64 into two.
        let text = Array(String(repeating: "abcdefghij", count: 12).utf8)
        #expect(SHA256.hex(Array(text[..<55])) == "4406b9931051072b50b3245d51f9f57baf7b39acf85b1cce452ec6c81d2a384f")
        #expect(SHA256.hex(Array(text[..<56])) == "bfcf8730342196aeae0adaed61dabec7e8261428b5220ae5f3d1a9fa9621cd12")
        #expect(SHA256.hex(Array(text[..<63])) == "4cdd0f4b4d356151ccf3d9e7909b91aeddb233ef5e1fb0a83369c81677aa1d6c")
        #expect(SHA256.hex(Array(text[..<64])) == "2a94c28f8bed8b9015dbfd25bb5ebde8bf5a38e88d18e287c4050a07f3367527")
        #expect(SHA256.hex(Array(text[..<119])) == "2cf6d6bcf35eba96d4d10d2aef3758a8d94a617e884681d74e5be766bdf98fbe")
    }

    /// The digest agrees with coreutils' sha256sum on seeded random inputs of up to about 20 blocks, every length
    /// modulo 64 among them.
    @Test func theDigestMatchesSha256sum() throws {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            seed &+= 0x9E37_79B9_7F4A_7C15
            var mixed = (seed ^ (seed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [URL] = [], expected: [String] = []
        for index in 0..<160 {
            let bytes = (0..<(index * 8 + Int(next() % 64))).map { _ in UInt8(truncatingIfNeeded: next()) }
            let file = directory.appendingPathComponent("\(index)")
            try Data(bytes).write(to: file)
            files.append(file)
            expected.append("\(SHA256.hex(bytes))  \(file.path)")
        }
        let sum = Process()
        sum.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sum.arguments = ["sha256sum"] + files.map(\.path)
        let out = Pipe()
        sum.standardOutput = out
        try sum.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        sum.waitUntilExit()
        #expect(sum.terminationStatus == 0)
        #expect(printed.split(separator: "\n").map(String.init) == expected)
    }

    @Test func aMissingToolIsReportedBeforeAnythingRuns() throws {
        let harness = try ScriptHarness(example: "minimal.yaml")
        defer { harness.remove() }
        let empty = harness.root.appendingPathComponent("empty-bin")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let run = try harness.run("deploy.sh", rules: [], path: "\(empty.path):/usr/bin:/bin", environment: [:])
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: missing on PATH:"))
        #expect(run.stderr.contains(" az ") && run.stderr.contains(" helm "))
        #expect(run.calls.isEmpty)
    }

    @Test func unknownOptionsAreRejectedAndHelpListsTheOptions() throws {
        let harness = try ScriptHarness(example: "internal-only.yaml")
        defer { harness.remove() }
        let unknown = try harness.run("deploy.sh", ["--force"], rules: [])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("error: unknown option --force (see --help)"))
        let help = try harness.run("deploy.sh", ["--help"], rules: [])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Usage: scripts/deploy.sh [--dry-run] [--spec FILE]"))
        #expect(help.stdout.contains("PGHA  The pgha binary (default: pgha on PATH)."))
        #expect(help.calls.isEmpty)
    }
}

/// Splits a line of `printf %q` words back into argv (backslash escapes, single and `$'...'` quotes).
enum ShellWords {
    struct Malformed: Error {}

    static func split(_ line: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var started = false
        var characters = Array(line)[...]
        while let character = characters.popFirst() {
            switch character {
            case " ":
                if started { words.append(current) }
                current = ""
                started = false
            case "\\":
                guard let next = characters.popFirst() else { throw Malformed() }
                current.append(next)
                started = true
            case "'":
                while let next = characters.popFirst(), next != "'" { current.append(next) }
                started = true
            case "$" where characters.first == "'":
                characters.removeFirst()
                while let next = characters.popFirst(), next != "'" {
                    if next == "\\", let escaped = characters.popFirst() {
                        current.append(["n": "\n", "t": "\t", "r": "\r"][escaped] ?? escaped)
                    } else {
                        current.append(next)
                    }
                }
                started = true
            default:
                current.append(character)
                started = true
            }
        }
        if started { words.append(current) }
        return words
    }
}
