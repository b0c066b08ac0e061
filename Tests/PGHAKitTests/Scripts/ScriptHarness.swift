import Foundation
import Testing
@testable import PGHAKit

/// Renders a spec into a temporary directory and runs its scripts with fake `az`, `kubectl`, `helm`, `jq`, `openssl`
/// and `pgha` first on PATH. Each fake records its argv and answers from a list of rules.
struct ScriptHarness {
    /// An answer of the fakes: the first rule whose glob matches the call (`tool arg arg...` joined by spaces) wins.
    struct Rule {
        var pattern: String
        var status: Int32 = 0
        var output: String = ""
        /// How many calls the rule answers; nil for all.
        var times: Int?
        /// A glob an earlier call must have matched (the call that creates what the rule reads); nil for none.
        var after: String?
    }

    /// What running a script did.
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Every fake call, argv by argv, in order.
        var calls: [[String]]
        /// `KUBECONFIG` in each call's environment (`<unset>` when it was not set), in the order of `calls`.
        var kubeconfigs: [String]
        /// `HELM_REPOSITORY_CONFIG` and `HELM_REPOSITORY_CACHE` in each call's environment, joined by a space (each
        /// `<unset>` when it was not set), in the order of `calls`.
        var helmRepositories: [String]

        /// The calls as `tool arg...` lines, each argument quoted as the scripts quote them.
        var lines: [String] { calls.map { $0.map(BashRenderer.quote).joined(separator: " ") } }
    }

    /// The secret the fake `openssl rand -base64` prints.
    static let secret = "Pgha-Canary-Secret-7Q2x9Zr4"
    /// The tools the fakes stand in for.
    static let fakes = ["az", "kubectl", "helm", "jq", "openssl", "pgha"]

    let root: URL
    let output: URL
    let work: URL
    private let bin: URL

    /// Renders `source` (spec YAML) into `root/out`, as `pgha render` does with `specFileName`.
    init(source: String, specFileName: String? = "spec.yaml", options: Compiler.Options = Compiler.Options()) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("pgha-scripts-\(UUID().uuidString)")
        output = root.appendingPathComponent("out")
        work = root.appendingPathComponent("work")
        bin = root.appendingPathComponent("bin")
        for directory in [work, bin, home, root.appendingPathComponent("fake")] {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        var options = options
        options.specFileName = specFileName
        let result = Compiler.compile(Array(source.utf8), options: options)
        try #require(result.succeeded, "\(result.diagnostics.map(TestSupport.summary))")
        try TestSupport.writeOutput(result.artifacts, to: output)
        let fake = bin.appendingPathComponent("fake-tool")
        try Data(Self.fakeTool.utf8).write(to: fake)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        for tool in Self.fakes {
            try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent(tool), withDestinationURL: fake)
        }
    }

    /// Renders the example `name` (such as `aks-ha.yaml`), with a copy of it in the working directory, where
    /// deploy.sh finds the spec to render again.
    init(example name: String, options: Compiler.Options = Compiler.Options()) throws {
        try self.init(source: String(decoding: try TestSupport.read("Examples/\(name)"), as: UTF8.self), specFileName: name,
                      options: options)
        try FileManager.default.copyItem(at: TestSupport.repositoryRoot.appendingPathComponent("Examples/\(name)"),
                                         to: work.appendingPathComponent(name))
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    /// Runs `scripts/<script>` with `arguments`, the fakes answering by `rules` (unmatched calls succeed silently).
    func run(_ script: String, _ arguments: [String] = [], rules: [Rule], stdin: String = "",
             path: String? = nil, environment: [String: String] = [:]) throws -> Run {
        let fakeState = root.appendingPathComponent("fake")
        try? FileManager.default.removeItem(at: fakeState)
        try FileManager.default.createDirectory(at: fakeState, withIntermediateDirectories: true)
        let ruleLines = rules.map { "\($0.pattern)\t\($0.status)\t\($0.times.map(String.init) ?? "*")\t\($0.after ?? "-")\t\($0.output)\n" }
        try Data(ruleLines.joined().utf8).write(to: fakeState.appendingPathComponent("rules"))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["bash", output.appendingPathComponent("scripts/\(script)").path] + arguments
        process.currentDirectoryURL = work
        process.environment = [
            "PATH": path ?? "\(bin.path):/usr/bin:/bin",
            "HOME": home.path,
            "LANG": "C.UTF-8",
            "FAKE_DIR": fakeState.path,
            "FAKE_SECRET": Self.secret,
        ].merging(environment) { $1 }
        let files = ["stdin", "stdout", "stderr"].map { fakeState.appendingPathComponent("script.\($0)") }
        try Data(stdin.utf8).write(to: files[0])
        for file in files.dropFirst() { try Data().write(to: file) }
        let handles = try (FileHandle(forReadingFrom: files[0]), FileHandle(forWritingTo: files[1]), FileHandle(forWritingTo: files[2]))
        process.standardInput = handles.0
        process.standardOutput = handles.1
        process.standardError = handles.2
        try process.run()
        process.waitUntilExit()
        try handles.0.close()
        try handles.1.close()
        try handles.2.close()
        func record(_ name: String) -> String {
            (try? Data(contentsOf: fakeState.appendingPathComponent(name))).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        let calls = record("calls")
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: files[1]), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: files[2]), as: UTF8.self),
            calls: calls.split(separator: "\u{1E}").map { $0.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(atHome) },
            kubeconfigs: record("kubeconfigs").split(separator: "\u{1E}", omittingEmptySubsequences: false).dropLast().map(atHome),
            helmRepositories: record("helm-repositories").split(separator: "\u{1E}", omittingEmptySubsequences: false).dropLast().map(atHome)
        )
    }

    /// The fakes' HOME, which the recorded calls write as `$HOME` (so the calls read the same on every machine).
    var home: URL { root.appendingPathComponent("home") }

    /// The kubeconfig the scripts write and every kubectl and helm call reads, unless PGHA_KUBECONFIG says otherwise.
    func defaultKubeconfig(namespace: String = "cnpg-database", name: String = "pg-primary") -> URL {
        home.appendingPathComponent(".cache/pgha/\(namespace)/\(name)/kubeconfig")
    }

    /// `text` with the fakes' HOME written as `$HOME`.
    private func atHome(_ text: Substring) -> String {
        text.replacingOccurrences(of: home.path, with: "$HOME")
    }

    /// Every file under the temporary root (rendered tree, working directory, HOME, the fakes' records), by path.
    func allFiles() throws -> [String: String] {
        try TestSupport.tree(at: root)
    }

    /// The fake tool: appends `tool<US>arg<US>arg...<RS>` to `$FAKE_DIR/calls`, `$KUBECONFIG<RS>` to
    /// `$FAKE_DIR/kubeconfigs` and `$HELM_REPOSITORY_CONFIG $HELM_REPOSITORY_CACHE<RS>` to
    /// `$FAKE_DIR/helm-repositories`; `az aks get-credentials` writes a file where az would (`--file`, else
    /// `~/.kube/config`), and `helm repo add NAME URL --force-update` sets NAME's line to `NAME URL` in the repository
    /// list helm would (`$HELM_REPOSITORY_CONFIG`, else `~/.config/helm/repositories.yaml`); then it answers with the first rule of
    /// `$FAKE_DIR/rules` (`glob<TAB>status<TAB>times<TAB>after<TAB>output`) that matches `tool arg arg...` and, unless
    /// `after` is `-`, whose `after` glob an earlier call line (in `$FAKE_DIR/lines`) matched. An output of
    /// `env:NAME` prints that environment variable, one of `stderr:TEXT` prints TEXT on standard error, one of `lines:A,B` prints A and B on lines of their own. `kubectl create secret` reads its stdin and records only whether
    /// it equals `$FAKE_SECRET`.
    static let fakeTool = #"""
    #!/usr/bin/env bash
    set -u
    tool=$(basename "$0")
    line=$tool
    for argument in "$@"; do line="$line $argument"; done
    record=$tool
    for argument in "$@"; do record="$record"$'\037'"$argument"; done
    if [[ $line == "kubectl create secret "* ]]; then
      input=$(cat)
      if [ "$input" = "$FAKE_SECRET" ]; then record="$record"$'\037'"<stdin: the secret>"; else record="$record"$'\037'"<stdin: something else>"; fi
    fi
    printf '%s\036' "$record" >> "$FAKE_DIR/calls"
    printf '%s\036' "${KUBECONFIG-<unset>}" >> "$FAKE_DIR/kubeconfigs"
    printf '%s %s\036' "${HELM_REPOSITORY_CONFIG-<unset>}" "${HELM_REPOSITORY_CACHE-<unset>}" >> "$FAKE_DIR/helm-repositories"
    printf '%s\n' "$line" >> "$FAKE_DIR/lines"
    if [[ $line == "az aks get-credentials "* ]]; then
      file="$HOME/.kube/config"
      previous=''
      for argument in "$@"; do
        if [ "$previous" = --file ]; then file=$argument; fi
        previous=$argument
      done
      mkdir -p "$(dirname "$file")" && printf 'fake kubeconfig of %s\n' "$line" > "$file"
    fi
    if [[ $line == "helm repo add "* ]]; then
      file="${HELM_REPOSITORY_CONFIG:-${XDG_CONFIG_HOME:-$HOME/.config}/helm/repositories.yaml}"
      mkdir -p "$(dirname "$file")" && touch "$file"
      { grep -v "^$3 " "$file" || true; printf '%s %s\n' "$3" "$4"; } > "$file.new" && mv "$file.new" "$file"
    fi
    index=0
    while IFS=$'\t' read -r pattern status times after output; do
      index=$((index + 1))
      # shellcheck disable=SC2053
      [[ $line == $pattern ]] || continue
      if [ "$after" != - ]; then
        seen=0
        while IFS= read -r earlier; do
          # shellcheck disable=SC2053
          if [[ $earlier == $after ]]; then seen=1; break; fi
        done < "$FAKE_DIR/lines"
        [ "$seen" = 1 ] || continue
      fi
      if [ "$times" != '*' ]; then
        used=$(cat "$FAKE_DIR/hits.$index" 2>/dev/null || echo 0)
        [ "$used" -lt "$times" ] || continue
        echo $((used + 1)) > "$FAKE_DIR/hits.$index"
      fi
      case $output in
        env:*) name=${output#env:}; printf '%s\n' "${!name}" ;;
        stderr:*) printf '%s\n' "${output#stderr:}" >&2 ;;
        lines:*) printf '%s\n' "${output#lines:}" | tr ',' '\n' ;;
        '') ;;
        *) printf '%s\n' "$output" ;;
      esac
      exit "$status"
    done < "$FAKE_DIR/rules"
    exit 0
    """#

    /// Whether shellcheck is on PATH. Tests that need it fail when `CI=true` and it is missing, and skip otherwise.
    static var shellcheck: String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = "\(directory)/shellcheck"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs a program to completion and returns its exit status and combined output.
    static func execute(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// Canned answers for a deployment in which nothing exists yet, or everything does.
enum FakeAzure {
    static let clientID = "3f2a7c1e-5b8d-4e9a-9c6f-1d2e3f4a5b6c"
    static let principalID = "0b6f5c1d-2e3f-4a5b-8c9d-0e1f2a3b4c5d"
    /// The principal ID of the AKS cluster's own identity (`<aksCluster>-identity`), distinct from the workload identity's.
    static let controlPlanePrincipalID = "7c1d2e3f-4a5b-4c6d-9e7f-8a9b0c1d2e3f"
    static let controlPlaneIdentityID = subscription + "/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks-identity"
    static let subscriptionID = "00000000-0000-0000-0000-000000000001"
    static let subscription = "/subscriptions/" + subscriptionID
    /// The object ID of the principal az is signed in as (the `oid` claim of its access token).
    static let signedInObjectID = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a"
    /// The Managed Grafana's resource ID.
    static let grafanaID = subscription + "/resourceGroups/rg/providers/Microsoft.Dashboard/grafana/grafana"

    /// An access token as `az account get-access-token --query accessToken --output tsv` prints it: a JWT whose claims
    /// (base64url, unpadded) hold `oid`.
    static func accessToken(objectID: String = signedInObjectID) -> String {
        let claims = Data("{\"aud\":\"https://management.core.windows.net/\",\"oid\":\"\(objectID)\",\"tid\":\"00000000-0000-0000-0000-000000000002\"}".utf8)
            .base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9." + claims + ".c2lnbmF0dXJl"
    }
    /// The Kubernetes versions AKS creates, as `az aks get-versions --query ... --output tsv` prints them.
    static let offeredVersions = ["1.34", "1.35", "1.36", "1.37"]
    static let issuer = "https://westus3.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000002/11111111-2222-3333-4444-555555555555/"

    /// The values the scripts read, for a spec whose AKS node resource group is `nodeResourceGroup`. With `created`,
    /// a resource's values are answered only once a call that creates it was made (the rest falls to `fresh`'s "not
    /// found"), so a script that reads a resource before creating it fails as it would on Azure.
    static func values(nodeResourceGroup: String, clientID: String = clientID, created: Bool = false) -> [ScriptHarness.Rule] {
        func after(_ create: String) -> String? { created ? create : nil }
        let identity = after("az identity create *"), controlPlane = after("az identity create --name aks-*-identity *")
        let aks = after("az aks create *"), group = after("az group create *"), publicIP = after("az network public-ip create *")
        return [
            .init(pattern: "az account show --query name --output tsv", output: "Demo subscription"),
            .init(pattern: "az account show --query id --output tsv", output: subscriptionID),
            .init(pattern: "az account show --query user.type --output tsv", output: "user"),
            .init(pattern: "az account get-access-token --query accessToken --output tsv", output: accessToken()),
            .init(pattern: "az storage account check-name * --query nameAvailable --output tsv", output: "true"),
            .init(pattern: "az rest --method get --url *CheckDnsNameAvailability* --query available --output tsv", output: "true"),
            .init(pattern: "az aks get-versions --location * --output tsv", output: "lines:" + offeredVersions.joined(separator: ",")),
            .init(pattern: "az account list-locations --query length(*) --output tsv", output: "3"),
            .init(pattern: "helm version --template {{.Version}}", output: "v3.19.0"),
            .init(pattern: "az identity show --name aks-*-identity * --query principalId --output tsv", output: controlPlanePrincipalID, after: controlPlane),
            .init(pattern: "az identity show --name aks-*-identity * --query id --output tsv", output: controlPlaneIdentityID, after: controlPlane),
            .init(pattern: "az identity show * --query clientId --output tsv", output: clientID, after: identity),
            .init(pattern: "az identity show * --query principalId --output tsv", output: principalID, after: identity),
            .init(pattern: "az identity show * --query id --output tsv", output: subscription + "/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/identity", after: identity),
            .init(pattern: "az storage account show * --query id --output tsv", output: subscription + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/account", after: after("az storage account create *")),
            .init(pattern: "az grafana show * --query id --output tsv", output: grafanaID, after: after("az grafana create *")),
            .init(pattern: "az monitor account show * --query id --output tsv", output: subscription + "/resourceGroups/rg/providers/microsoft.monitor/accounts/prometheus", after: after("az monitor account create *")),
            .init(pattern: "az alerts-management prometheus-rule-group show * --query id --output tsv", output: subscription + "/resourceGroups/rg/providers/Microsoft.AlertsManagement/prometheusRuleGroups/alerts", after: after("az alerts-management prometheus-rule-group create *")),
            .init(pattern: "az monitor log-analytics workspace show * --query id --output tsv", output: subscription + "/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs", after: after("az monitor log-analytics workspace create *")),
            .init(pattern: "az aks show * --query nodeResourceGroup --output tsv", output: nodeResourceGroup, after: aks),
            .init(pattern: "az aks show * --query oidcIssuerProfile.issuerUrl --output tsv", output: issuer, after: aks),
            .init(pattern: "az group show --name \(nodeResourceGroup) --query id --output tsv", output: subscription + "/resourceGroups/" + nodeResourceGroup, after: aks),
            .init(pattern: "az group show --name * --query id --output tsv", output: subscription + "/resourceGroups/rg", after: group),
            .init(pattern: "az group show --name * --query tags.* --output tsv", output: "cnpg-database/pg-primary", after: group),
            .init(pattern: "az aks show * --query id --output tsv", output: subscription + "/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks", after: aks),
            .init(pattern: "az network public-ip show * --query id --output tsv", output: subscription + "/resourceGroups/" + nodeResourceGroup + "/providers/Microsoft.Network/publicIPAddresses/pip", after: publicIP),
            .init(pattern: "az network public-ip show * --query ipAddress --output tsv", output: "20.0.0.7", after: publicIP),
            .init(pattern: "openssl rand -base64 24", output: "env:FAKE_SECRET"),
        ]
    }

    /// How az answers a `show` of something that does not exist.
    static let notFound = "ERROR: (ResourceNotFound) The Resource was not found."

    /// How `az extension show --name <name>` answers for an extension that is not installed (azure-cli 2.91).
    static func extensionNotInstalled(_ name: String) -> String {
        "stderr:ERROR: The extension \(name) is not installed. Please install the extension via `az extension add -n \(name)`."
    }

    /// Nothing exists: every probe answers "not found" or prints nothing, and no CLI extension is installed.
    static func fresh(nodeResourceGroup: String, clientID: String = clientID) -> [ScriptHarness.Rule] {
        values(nodeResourceGroup: nodeResourceGroup, clientID: clientID, created: true)
            + ["amg", "alertsmanagement", "k8s-extension"].map {
                .init(pattern: "az extension show --name \($0)", status: 1, output: extensionNotInstalled($0))
            } + [
            .init(pattern: "az role assignment list *"),
            .init(pattern: "az aks show * --query addonProfiles.omsagent.enabled || addonProfiles.omsAgent.enabled --output tsv", output: "false"),
            .init(pattern: "az aks show * --query azureMonitorProfile.containerInsights.enabled --output tsv"),
            .init(pattern: "az * show *", status: 3, output: "stderr:" + notFound),
            .init(pattern: "kubectl get namespace *", status: 1, output: "stderr:Error from server (NotFound): namespaces \"x\" not found"),
            .init(pattern: "kubectl get secret *", status: 1, output: "stderr:Error from server (NotFound): secrets \"x\" not found"),
            .init(pattern: "kubectl get clusters.postgresql.cnpg.io/* --output jsonpath={.metadata.annotations.*", status: 1,
                  output: "stderr:Error from server (NotFound): clusters.postgresql.cnpg.io \"x\" not found"),
            .init(pattern: "helm status *", status: 1, output: "stderr:Error: release: not found"),
        ]
    }

    /// deploy.sh has run: every value the scripts read is there, and every other probe answers as in `fresh`.
    static func deployed(nodeResourceGroup: String, clientID: String = clientID) -> [ScriptHarness.Rule] {
        values(nodeResourceGroup: nodeResourceGroup, clientID: clientID) + fresh(nodeResourceGroup: nodeResourceGroup, clientID: clientID)
    }

    /// The Helm releases deploy.sh installs (on the guide's example, every one of them).
    static let pghaReleases = ["cnpg", "cert-manager", "plugin-barman-cloud", "kube-prometheus-stack", "cnpg-grafana-dashboard"]

    /// `helm list --selector pgha.io/installed-by=pgha --short` finding `release`: pgha installed it.
    static func installedByPGHA(_ release: String) -> ScriptHarness.Rule {
        .init(pattern: "helm list * --filter ^\(release)$ --selector pgha.io/installed-by=pgha --short", output: release)
    }

    /// The federated credential of the Cluster `name` in `namespace` as deploy.sh's `az identity federated-credential
    /// show --query` prints it: issuer and subject.
    static func credential(of name: String, namespace: String = "cnpg-database") -> String {
        issuer + " system:serviceaccount:\(namespace):\(name)"
    }

    /// The guide's cluster's federated credential.
    static let guideCredential = credential(of: "pg-primary")

    /// The PostgreSQL node pool's taints as deploy.sh's `az aks nodepool show --query` prints them: sorted, joined by commas.
    static let defaultTaints = "workload=postgres:NoSchedule"

    /// Everything exists: every probe succeeds, the federated credential prints `credential` (issuer and subject), the
    /// PostgreSQL node pool has `nodeTaints`, the AKS cluster has Azure Monitor metrics enabled and pgha installed
    /// every Helm release.
    static func existing(nodeResourceGroup: String, credential: String = guideCredential,
                         nodeTaints: String = defaultTaints) -> [ScriptHarness.Rule] {
        values(nodeResourceGroup: nodeResourceGroup) + [
            .init(pattern: "az identity federated-credential show * --query join* --output tsv", output: credential),
            .init(pattern: "az identity federated-credential show * --query subject --output tsv",
                  output: String(credential.split(separator: " ").last ?? "")),
            .init(pattern: "az aks nodepool show * --query join* --output tsv", output: nodeTaints),
            .init(pattern: "az aks show * --query identity.userAssignedIdentities* --output tsv", output: controlPlaneIdentityID),
            .init(pattern: "az role assignment list *", output: subscription + "/providers/Microsoft.Authorization/roleAssignments/1"),
            .init(pattern: "az network public-ip list --resource-group * --query *", output: subscription + "/resourceGroups/node/providers/Microsoft.Network/publicIPAddresses/pooler"),
            .init(pattern: "az aks show * --query addonProfiles.omsagent.enabled || addonProfiles.omsAgent.enabled --output tsv", output: "true"),
            .init(pattern: "az aks show * --query azureMonitorProfile.metrics.enabled --output tsv", output: "true"),
            .init(pattern: "kubectl get deployments --all-namespaces --selector app.kubernetes.io/name=cert-manager *", output: "deployment.apps/cert-manager"),
            .init(pattern: "kubectl get services * --selector cnpg.io/pluginName=barman-cloud.cloudnative-pg.io *", output: "service/plugin-barman-cloud"),
        ] + pghaReleases.map(installedByPGHA)
    }
}
