/// The alerting thresholds: each must be able to fire, and something must evaluate them; the runbook links must open.
enum AlertRules {
    static func check(_ context: inout ValidationContext) {
        let spec = context.spec
        let alerts = spec.monitoring.alerts
        for (field, value, metric) in [("connectionsPercent", alerts.connectionsPercent, "connections never exceed max_connections"),
                                       ("diskUsagePercent", alerts.diskUsagePercent, "a volume is never more than full")]
        where value >= 100 {
            context.error(.alertCannotFire, "the alert fires above \(value)%, which it can never reach: \(metric)",
                          at: "monitoring.alerts.\(field)", hint: "use a threshold below 100, such as 80 or 90")
        }
        let written = spec.sourceMap.contains("monitoring.alerts")
        if written && alerts.enabled && !spec.monitoring.prometheus && !spec.monitoring.managedPrometheus {
            context.warning(.alertsWithoutPrometheus, "no Prometheus evaluates these alerts: monitoring.prometheus and managedPrometheus are off",
                            at: "monitoring.alerts", hint: "turn on monitoring.prometheus or monitoring.managedPrometheus, or remove 'alerts'")
        }
        checkRunbookBaseURL(&context, spec)
    }

    /// `runbookBaseURL` lands in the PrometheusRule's YAML and in the JSON deploy.sh hands to Azure, followed by
    /// `#<anchor>`: an absolute http(s) URL of RFC 3986's characters, without a fragment or credentials. With alerts
    /// off it does nothing; without a Prometheus, PGHA0811 already says that no alert is evaluated.
    private static func checkRunbookBaseURL(_ context: inout ValidationContext, _ spec: Spec) {
        guard let url = spec.monitoring.alerts.runbookBaseURL else { return }
        let path = "monitoring.alerts.runbookBaseURL"
        if let problem = HTTPURL.problem(url) {
            let (message, hint) = describe(problem, of: url)
            context.error(.invalidRunbookURL, message, at: path, hint: hint)
        }
        if !spec.monitoring.alerts.enabled {
            context.warning(.runbookURLWithoutAlerts, "'runbookBaseURL' does nothing with alerts off (monitoring.alerts.enabled: false)",
                            at: path, hint: "remove it, or turn the alerts on")
        }
    }

    private static func describe(_ problem: HTTPURL.Problem, of url: String) -> (message: String, hint: String) {
        let example = "the address of the published Docs/runbooks.md, such as https://git.example.com/platform/pgha/blob/main/Docs/runbooks.md"
        switch problem {
        case .whitespace:
            return ("'\(url)' contains a space, another whitespace character or a control character", "percent-encode it: %20 for a space")
        case .notHTTP:
            return ("'\(url)' is not an absolute http:// or https:// URL", example)
        case .noHost:
            return ("'\(url)' has no host", example)
        case .invalidHost(let host):
            return ("'\(host)' in '\(url)' is not a host name or IP address", example)
        case .credentials:
            return ("the URL holds a user name or password before its host ('user@'), which every alert would carry in the PrometheusRule and in Azure",
                    "remove them: link a page the on-call engineer opens with their own login")
        case .invalidPort(let port):
            return ("the port '\(port)' in '\(url)' is not a number from 1 to 65535", example)
        case .fragment:
            return ("'\(url)' has a fragment ('#'): pgha appends '#<anchor>' of each alert's section", "remove the '#' and what follows it")
        case .character(let character):
            let escaped = character.utf8.map { "%" + String($0, radix: 16, uppercase: true) }.joined()
            return ("'\(url)' contains '\(character)', which a URL cannot hold", "percent-encode it: \(escaped)")
        case .invalidEscape:
            return ("'\(url)' has a '%' that is not followed by two hexadecimal digits", "write a '%' itself as %25")
        }
    }
}
