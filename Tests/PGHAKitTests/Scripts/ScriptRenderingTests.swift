import Foundation
import Testing
@testable import PGHAKit

/// The rendered scripts as text: shellcheck, quoting, which scripts exist, the header, and spec values full of shell
/// metacharacters.
@Suite struct ScriptRenderingTests {
    /// Specs beyond the examples that reach the scripts' other branches.
    static let variants: [(name: String, yaml: String)] = [
        ("operator-config", """
        apiVersion: pgha/v1alpha1
        kind: PostgresCluster
        name: pg-test
        operator:
          config:
            CLUSTERS_ROLLOUT_DELAY: "120"
        backup:
          storageAccount: pgtestbackups
          onDemand: false
        recovery: {}
        azure:
          location: westus3
          authorizedIPRanges: ["203.0.113.0/24"]
          tags: {team: data, cost-center: "42"}

        """),
        ("single-instance", TestSupport.spec("instances: 1\nreplication: {syncReplicas: 0}\nzones: []\nnodeSelector: {}\n")),
    ]

    /// Every script of every example and variant, by `<spec>/<script>`.
    static func allScripts() throws -> [String: String] {
        var scripts: [String: String] = [:]
        var sources = try TestSupport.exampleNames.map { ($0, String(decoding: try TestSupport.read("Examples/\($0)"), as: UTF8.self)) }
        sources += variants.map { ($0.name, $0.yaml) }
        for (name, yaml) in sources {
            let result = TestSupport.compile(yaml, options: Compiler.Options(specFileName: name))
            try #require(result.succeeded, "\(name): \(result.diagnostics.map(TestSupport.summary))")
            for artifact in result.artifacts where artifact.path.hasPrefix("scripts/") {
                scripts["\(name)/\(artifact.path)"] = artifact.contents
            }
        }
        return scripts
    }

    /// Whether tests run in CI, where shellcheck must be installed (`.ci/run` installs it).
    static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Runs shellcheck (all its default checks, style included) on `scripts`. Without shellcheck: an issue in CI,
    /// nothing elsewhere (`shellcheckPassesOnEveryRenderedScript` is then skipped with a message).
    static func expectShellcheckPasses(_ scripts: [String: String]) throws {
        guard let shellcheck = ScriptHarness.shellcheck else {
            if inCI { Issue.record("shellcheck is not installed; .ci/run installs it with apt-get") }
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pgha-shellcheck-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [String] = []
        for (index, (name, contents)) in scripts.sorted(by: { $0.key < $1.key }).enumerated() {
            let file = directory.appendingPathComponent("\(index)-\(URL(fileURLWithPath: name).lastPathComponent)")
            try Data(contents.utf8).write(to: file)
            files.append(file.path)
        }
        let result = try ScriptHarness.execute(shellcheck, ["--shell=bash", "--severity=style"] + files)
        #expect(result.status == 0, "\(result.output)")
    }

    @Test(.enabled(if: ScriptHarness.shellcheck != nil || inCI, "shellcheck is not installed (apt-get install shellcheck)"))
    func shellcheckPassesOnEveryRenderedScript() throws {
        try Self.expectShellcheckPasses(try Self.allScripts())
    }

    @Test func bashParsesEveryRenderedScript() throws {
        for (name, contents) in try Self.allScripts() {
            let result = try ScriptHarness.execute("/usr/bin/env", ["bash", "-n", "-c", contents])
            #expect(result.status == 0, "\(name): \(result.output)")
        }
    }

    /// The review's repro: `sh deploy.sh` stopped at `set: Illegal option -o pipefail`. Every script now says, in
    /// POSIX sh that dash parses, to run it with bash.
    @Test func runWithShEveryScriptAsksForBash() throws {
        let harness = try ScriptHarness(example: "aks-ha.yaml")
        defer { harness.remove() }
        for name in ["deploy.sh", "cleanup.sh", "restore-drill.sh", "failover-drill.sh"] {
            let script = harness.output.appendingPathComponent("scripts/\(name)").path
            let result = try ScriptHarness.execute("/usr/bin/env", ["dash", script])
            #expect(result.status == 2, "\(name): \(result.output)")
            #expect(result.output == "run it with bash: bash \(script)\n")
        }
    }

    @Test func eachSpecGetsTheScriptsItHasUseFor() throws {
        func scripts(_ yaml: String) -> [String] {
            TestSupport.compile(yaml).artifacts.map(\.path).filter { $0.hasPrefix("scripts/") }
        }
        #expect(scripts(try String(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("Examples/aks-ha.yaml"), encoding: .utf8))
            == ["scripts/cleanup.sh", "scripts/deploy.sh", "scripts/failover-drill.sh", "scripts/restore-drill.sh"])
        #expect(scripts(TestSupport.spec()) == ["scripts/cleanup.sh", "scripts/deploy.sh", "scripts/failover-drill.sh"])
        #expect(scripts(Self.variants[1].yaml) == ["scripts/cleanup.sh", "scripts/deploy.sh"])
        let artifacts = TestSupport.compile(TestSupport.spec()).artifacts
        #expect(artifacts.filter { $0.path.hasPrefix("scripts/") }.allSatisfy { $0.isExecutable })
        let kustomization = try #require(artifacts.first { $0.path == "kustomization.yaml" })
        #expect(!kustomization.contents.contains("scripts"))
    }

    @Test func theHeaderNamesTheSpecFileAndThePGHAVersionAndNothingVaries() throws {
        let result = TestSupport.compile(TestSupport.spec(), options: Compiler.Options(specFileName: "orders.yaml"))
        let deploy = try #require(result.artifacts.first { $0.path == "scripts/deploy.sh" }).contents
        let lines = deploy.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "#!/usr/bin/env bash")
        #expect(lines[2] == "# Rendered by pgha \(PGHAVersion.current) from orders.yaml. Do not edit: change the spec and render again.")
        #expect(lines.contains("set -euo pipefail"))
        #expect(TestSupport.compile(TestSupport.spec(), options: Compiler.Options(specFileName: "orders.yaml")).artifacts == result.artifacts)
    }

    @Test func commentsReplaceEveryControlCharacterAndKeepOtherText() throws {
        #expect(BashRenderer.commentSafe("a\nb\tc\r\u{0}d\u{7F}e\u{80}f\u{85}g\u{9F}h") == "a?b?c??d?e?f?g?h")
        #expect(BashRenderer.commentSafe("naïve ‘quoted’ \u{A0}\u{2028}😀 é") == "naïve ‘quoted’ \u{A0}\u{2028}😀 é")
        let result = TestSupport.compile(TestSupport.spec(), options: Compiler.Options(specFileName: "new\nline.yaml"))
        let deploy = try #require(result.artifacts.first { $0.path == "scripts/deploy.sh" }).contents
        #expect(deploy.contains("# Rendered by pgha \(PGHAVersion.current) from new?line.yaml."))
    }

    @Test func theOperatorChartIsPinnedForEveryReleasedTargetVersion() throws {
        for release in OperatorRelease.all where release.isReleased {
            let chart = try #require(OperatorChart.forOperator(release.version), "no chart for \(release.version)")
            #expect(chart.appVersion.hasPrefix(release.version.description + "."))
        }
        #expect(OperatorChart.forOperator(OperatorVersion(major: 1, minor: 31)) == nil)
        #expect(OperatorChart.forOperator(OperatorVersion(major: 1, minor: 30)) == OperatorChart(version: "0.29.0", appVersion: "1.30.0"))
        let deploy = try #require(TestSupport.compile(TestSupport.spec()).artifacts.first { $0.path == "scripts/deploy.sh" }).contents
        #expect(deploy.contains("OPERATOR_CHART_VERSION='0.29.0'"))
        #expect(deploy.contains("  run helm upgrade cnpg cnpg/cloudnative-pg \\\n      --install \\\n"))
        #expect(deploy.contains("--set config.create=false"))
        #expect(!deploy.contains("podAnnotations"))
    }

    @Test func operatorSettingsAreAppliedBeforeTheChartWhichRollsTheOperatorWhenTheyChange() throws {
        func deploy(_ delay: String) throws -> String {
            let yaml = TestSupport.spec("operator:\n  config:\n    CLUSTERS_ROLLOUT_DELAY: \"\(delay)\"\n")
            return try #require(TestSupport.compile(yaml).artifacts.first { $0.path == "scripts/deploy.sh" }).contents
        }
        let first = try deploy("120"), second = try deploy("60")
        let apply = try #require(first.range(of: "run kubectl apply --kustomize \"$OUT_DIR/operator\" --context \"$AKS_CLUSTER\""))
        let install = try #require(first.range(of: "run helm upgrade cnpg"))
        #expect(apply.upperBound < install.lowerBound)
        let annotation = #/--set-string podAnnotations.checksum/operator-config=([0-9a-f]{16})/#
        let firstHash = try #require(first.firstMatch(of: annotation)).1
        let secondHash = try #require(second.firstMatch(of: annotation)).1
        #expect(firstHash != secondHash)
        #expect(OperatorChart.configFingerprint(["A": "1", "B": "2"]) == OperatorChart.configFingerprint(["B": "2", "A": "1"]))
    }

    // MARK: Quoting

    @Test func wordsAreQuotedSoEachStaysOneLiteralArgument() {
        #expect(BashRenderer.quote("rg-cnpg-demo") == "rg-cnpg-demo")
        #expect(BashRenderer.quote("api://AzureADTokenExchange") == "api://AzureADTokenExchange")
        #expect(BashRenderer.quote("") == "''")
        #expect(BashRenderer.quote("Storage Blob Data Contributor") == "'Storage Blob Data Contributor'")
        #expect(BashRenderer.quote("it's $(rm -rf ~) `id`") == "'it'\\''s $(rm -rf ~) `id`'")
        #expect(BashRenderer.quote("~root") == "'~root'")
        #expect(BashRenderer.quote("*") == "'*'")
        let subject: ShellWord = "system:serviceaccount:" + .variable("NAMESPACE") + ":" + .variable("CLUSTER_NAME")
        #expect(BashRenderer.word(subject) == "\"system:serviceaccount:$NAMESPACE:$CLUSTER_NAME\"")
        #expect(BashRenderer.word(.variable("NAME") + "_suffix") == "\"${NAME}_suffix\"")
        #expect(BashRenderer.word("cost $" + .variable("X") + " \"q\" `c` \\") == "\"cost \\$$X \\\"q\\\" \\`c\\` \\\\\"")
        #expect(BashRenderer.word(.arrayElements("ZONES")) == "\"${ZONES[@]}\"")
        #expect(BashRenderer.word("backups.postgresql.cnpg.io/" + "name") == "backups.postgresql.cnpg.io/name")
    }

    /// Single quotes anywhere in a value (first, last, repeated, alone), and `$` or `` ` `` only at a value's end or in
    /// an array's last element, found in the values of the variables block.
    @Test func quotesAndExpansionsAreFoundAnywhereInAValue() {
        #expect(BashRenderer.quote("'") == #"''\'''"#)
        #expect(BashRenderer.quote("''a''") == #"''\'''\''a'\'''\'''"#)
        #expect(BashRenderer.quote("a b'") == #"'a b'\'''"#)
        let long = String(repeating: "x ", count: 3_000) + "'"
        #expect(BashRenderer.quote(long) == "'" + String(repeating: "x ", count: 3_000) + #"'\'''"#)
        let script = Script(fileName: "t.sh", purpose: "Tests.", specFileName: nil, tools: [], variables: [
            Script.Variable("PLAIN", .scalar(String(repeating: "a", count: 5_000))),
            Script.Variable("DOLLAR", .scalar(String(repeating: "a", count: 5_000) + "$")),
            Script.Variable("TICKS", .array(["a", "b`"])),
        ], steps: [.note(.variable("PLAIN") + .variable("DOLLAR") + .arrayElements("TICKS"))])
        let rendered = BashRenderer.render(script)
        #expect(!rendered.contains("# shellcheck disable=SC2016 # PLAIN"))
        #expect(rendered.contains("# shellcheck disable=SC2016 # DOLLAR holds a literal $ or `, which single quotes keep\nDOLLAR='"))
        #expect(rendered.contains("# shellcheck disable=SC2016 # TICKS holds a literal $ or `, which single quotes keep\nTICKS=('a' 'b`')\n"))
    }

    @Test func longCommandsWrapBeforeEachOption() {
        let short = Command("az", "group", "show", "--name", .variable("RESOURCE_GROUP"))
        #expect(BashRenderer.layout(short, prefix: "run ", indent: 2) == "  run az group show --name \"$RESOURCE_GROUP\"")
        let long = Command("az", "storage", "account", "create", "--name", .variable("STORAGE_ACCOUNT"), "--sku", "Standard_ZRS",
                           "--kind", "StorageV2", "--allow-blob-public-access", "false", "--output", "none")
        #expect(BashRenderer.layout(long, prefix: "run ", indent: 2) == """
          run az storage account create \\
              --name "$STORAGE_ACCOUNT" \\
              --sku Standard_ZRS \\
              --kind StorageV2 \\
              --allow-blob-public-access false \\
              --output none
        """)
    }

    // MARK: Spec values with shell metacharacters

    @Test func metacharactersInNamesAreRejectedByValidation() {
        let cases: [(String, String)] = [
            ("azure:\n  location: westus3\n  resourceGroup: \"rg-$(touch pwned)\"\n", "azure.resourceGroup"),
            ("azure:\n  location: westus3\n  aksCluster: \"aks`id`\"\n", "azure.aksCluster"),
            ("azure:\n  location: westus3\n  identity: {name: \"id'; rm -rf ~; '\"}\n", "azure.identity.name"),
            ("azure:\n  location: westus3\n  tags: {team: \"a\\nb\"}\n", "azure.tags.team"),
            ("azure:\n  location: \"west us\"\n", "azure.location"),
            ("namespace: \"db $(id)\"\nazure:\n  location: westus3\n", "namespace"),
            ("bootstrap: {secret: \"s;id\"}\nazure:\n  location: westus3\n", "bootstrap.secret"),
        ]
        for (yaml, path) in cases {
            let source = "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\nname: pg-test\n" + yaml
            let result = TestSupport.compile(source)
            #expect(!result.succeeded && result.artifacts.isEmpty, "\(path) was accepted")
            #expect(result.diagnostics.contains { $0.severity == .error && $0.path == path },
                    "\(path): \(result.diagnostics.map(TestSupport.summary))")
        }
    }

    /// Tag keys and values are free text in Azure: they reach `--tags` as one literal argument each.
    @Test func metacharactersThatPassValidationArriveAsOneLiteralArgument() throws {
        let evil = "$(touch pwned) `touch pwned2` it's \"quoted\" a  b; echo injected | cat > pwned3 *"
        let yaml = TestSupport.spec("backup: {storageAccount: pgtestbackups}\n").replacingOccurrences(of: "  location: westus3\n", with: """
          location: westus3
          tags:
            "owner $(id)": '\(evil.replacingOccurrences(of: "'", with: "''"))'

        """)
        let fileName = "we'ird $(touch pwned4) `x`\nname.yaml"
        let harness = try ScriptHarness(source: yaml, specFileName: fileName)
        defer { harness.remove() }
        try Data(yaml.utf8).write(to: harness.work.appendingPathComponent(fileName))
        let run = try harness.run("deploy.sh", rules: FakeAzure.fresh(nodeResourceGroup: "MC_rg-pg-test_aks-pg-test_westus3"))
        #expect(run.status == 0, "\(run.stderr)")
        let create = try #require(run.calls.first { $0.starts(with: ["az", "group", "create"]) })
        #expect(create == ["az", "group", "create", "--name", "rg-pg-test", "--location", "westus3",
                           "--tags", "owner $(id)=\(evil)", "pgha.spec=cnpg-database/pg-test",
                           "pgha.member.cnpg-database.pg-test=cnpg-database/pg-test", "--output", "none"])
        #expect(run.calls.contains(["pgha", "render", fileName, "--output", harness.output.path, "--identity-client-id", FakeAzure.clientID]))
        let created = try FileManager.default.contentsOfDirectory(atPath: harness.work.path)
        #expect(created == [fileName], "the script created \(created)")
        for name in ["pwned", "pwned2", "pwned3", "pwned4"] {
            #expect(try harness.allFiles().keys.allSatisfy { !$0.hasSuffix(name) }, "a spec value ran: \(name) exists")
        }

        let deploy = try #require(try harness.allFiles()["out/scripts/deploy.sh"])
        #expect(deploy.contains("# Rendered by pgha \(PGHAVersion.current) from we'ird $(touch pwned4) `x`?name.yaml. Do not edit"))
        #expect(deploy.contains("SPEC_FILE='we'\\''ird $(touch pwned4) `x`\nname.yaml'"))
        try Self.expectShellcheckPasses(["evil/deploy.sh": deploy])
        #expect(try harness.run("deploy.sh", ["--help"], rules: []).status == 0)
    }

    /// A quote followed by a combining mark is one `Character` but two scalars: quoting works on bytes, so the quote
    /// is escaped for bash and for azure-cli's shorthand syntax alike (escaped by `Character`, it stayed bare, and
    /// bash ran what followed it).
    @Test func aQuoteFollowedByACombiningMarkIsEscaped() throws {
        let value = "x'\u{301}; touch pwned; echo '\u{301}"
        let yaml = TestSupport.spec("backup: {storageAccount: pgtestbackups}\n").replacingOccurrences(of: "  location: westus3\n", with: """
          location: westus3
          tags:
            "k'\u{301}": "\(value)"

        """)
        let harness = try ScriptHarness(source: yaml, specFileName: "spec.yaml")
        defer { harness.remove() }
        try Data(yaml.utf8).write(to: harness.work.appendingPathComponent("spec.yaml"))
        let run = try harness.run("deploy.sh", rules: FakeAzure.fresh(nodeResourceGroup: "MC_rg-pg-test_aks-pg-test_westus3"))
        #expect(run.status == 0, "\(run.stderr)")
        let group = try #require(run.calls.first { $0.starts(with: ["az", "group", "create"]) })
        #expect(OwnershipTagTests.tags(group).first == "k'\u{301}=\(value)")
        let identity = try #require(run.calls.first { $0.starts(with: ["az", "identity", "create"]) })
        #expect(OwnershipTagTests.tags(identity).first == "'k'/\u{301}'='x'/\u{301}; touch pwned; echo '/\u{301}'")
        #expect(try harness.allFiles().keys.allSatisfy { !$0.hasSuffix("pwned") }, "a spec value ran")
    }
}
