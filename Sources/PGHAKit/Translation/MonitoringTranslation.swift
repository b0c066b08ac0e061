/// Builds the PodMonitors that scrape the instances' `metrics` port (9187) and the poolers' (9127).
enum MonitoringTranslation {
    static func prometheus(_ spec: Spec) -> PodMonitor {
        prometheus(spec, name: spec.name, selecting: Labels.instances(of: spec.name))
    }

    static func managedPrometheus(_ spec: Spec) -> PodMonitor {
        managedPrometheus(spec, name: spec.name, selecting: Labels.instances(of: spec.name))
    }

    /// The PodMonitors of one pooler's PgBouncer pods, for each scraper the spec uses.
    static func pooler(_ spec: Spec, _ pooler: Pooler) -> [PodMonitor] {
        let selector: SortedMap = [Labels.poolerName: pooler.metadata.name]
        var monitors: [PodMonitor] = []
        if spec.monitoring.prometheus { monitors.append(prometheus(spec, name: pooler.metadata.name, selecting: selector)) }
        if spec.monitoring.managedPrometheus {
            monitors.append(managedPrometheus(spec, name: pooler.metadata.name, selecting: selector))
        }
        return monitors
    }

    private static func prometheus(_ spec: Spec, name: String, selecting selector: SortedMap) -> PodMonitor {
        PodMonitor(
            .prometheusOperator,
            metadata: ObjectMeta(name: name, namespace: spec.namespace, labels: Labels.common(spec)),
            spec: PodMonitor.Spec(
                selector: LabelSelector(matchLabels: selector),
                podMetricsEndpoints: [PodMonitor.Endpoint(port: "metrics")]
            )
        )
    }

    /// Azure Managed Prometheus drops metrics past its default label limits unless the PodMonitor sets these.
    private static func managedPrometheus(_ spec: Spec, name: String, selecting selector: SortedMap) -> PodMonitor {
        PodMonitor(
            .azureManagedPrometheus,
            metadata: ObjectMeta(name: "\(name)-managed-prometheus", namespace: spec.namespace, labels: Labels.common(spec)),
            spec: PodMonitor.Spec(
                selector: LabelSelector(matchLabels: selector),
                podMetricsEndpoints: [PodMonitor.Endpoint(port: "metrics")],
                labelLimit: 63,
                labelNameLengthLimit: 511,
                labelValueLengthLimit: 1023
            )
        )
    }
}
