/// deploy.sh's steps that give Azure Managed Prometheus the same alerting rules as the PrometheusRule: an Azure
/// Prometheus rule group on the Azure Monitor workspace (the `alertsmanagement` CLI extension, which
/// `CLIExtensionSteps` installs), created once with the ownership tags and given the current rules and this spec's member
/// tag on every later run (it is created after `AzureOwnership.join`, which therefore leaves it out).
enum AzureAlertRuleSteps {
    private typealias V = ScriptValues

    /// The rule group's name, after the cluster's namespace and name: clusters of one name in two namespaces may share
    /// a resource group.
    static let ruleGroup: ShellWord = V.namespace + "-" + V.clusterName + "-alerts"

    /// `ruleGroup` for a spec.
    static func ruleGroupName(_ spec: Spec) -> String { "\(spec.namespace)-\(spec.name)-alerts" }

    static func steps(_ inputs: ScriptInputs) -> [Step] {
        let group: [ShellWord] = ["--name", ruleGroup, "--resource-group", V.resourceGroup]
        let create = Command(["az", "alerts-management", "prometheus-rule-group", "create"] + group + [
            "--location", V.location, "--cluster-name", V.aksCluster, "--scopes", .variable(V.monitorWorkspaceID),
            "--interval", "PT1M", "--enabled",
            "--description", "Alerts of the PostgreSQL cluster " + V.clusterName + " (Docs/runbooks.md)",
            "--rules", V.alertRules,
        ] + ScriptSteps.tags(inputs, shorthand: true) + ["--output", "none"])
        let update = Command(["az", "alerts-management", "prometheus-rule-group", "update"] + group
                             + ["--rules", V.alertRules, "--output", "none"])
        return [
            .heading("Azure Prometheus alert rules " + ruleGroup),
            .when(.succeeds(Command(["az", "alerts-management", "prometheus-rule-group", "show"] + group)),
                  then: [.run(update)] + AzureOwnership.join(AzureOwnership.alertRuleGroup), otherwise: [.run(create)]),
        ]
    }

    /// The spec's `alerts` as the rule group's JSON: Azure severities 0 (critical) and 2 (warning), ISO 8601 durations,
    /// the PrometheusRule's annotations.
    static func rulesJSON(_ spec: Spec, _ alerts: [AlertTranslation.Alert]) -> String {
        var json: [UInt8] = []
        json.reserveCapacity(8192)
        let runbookBaseURL = spec.monitoring.alerts.runbookBaseURL
        func literal(_ text: StaticString) {
            json.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
        json.append(UInt8(ascii: "["))
        for alert in alerts {
            if json.count > 1 { json.append(UInt8(ascii: ",")) }
            literal("{\"alert\":")
            appendJSONString(alert.name, to: &json)
            literal(",\"expression\":")
            appendJSONString(alert.expression, to: &json)
            literal(",\"for\":")
            appendJSONString("PT\(alert.minutes)M", to: &json)
            literal(",\"severity\":")
            json.append(alert.severity == "critical" ? UInt8(ascii: "0") : UInt8(ascii: "2"))
            literal(",\"enabled\":true,\"labels\":{\"cluster\":")
            appendJSONString(spec.name, to: &json)
            literal(",\"severity\":")
            appendJSONString(alert.severity, to: &json)
            literal("},\"annotations\":{")
            for (index, annotation) in alert.annotations(runbookBaseURL: runbookBaseURL).entries.enumerated() {
                if index > 0 { json.append(UInt8(ascii: ",")) }
                appendJSONString(annotation.key, to: &json)
                json.append(UInt8(ascii: ":"))
                appendJSONString(annotation.value, to: &json)
            }
            literal("},\"resolveConfiguration\":{\"autoResolved\":true,\"timeToResolve\":\"PT10M\"}}")
        }
        json.append(UInt8(ascii: "]"))
        return String(decoding: json, as: UTF8.self)
    }
}
