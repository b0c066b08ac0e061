/// The alerting thresholds: each must be able to fire, and something must evaluate them.
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
    }
}
