/// Builds the PodMonitors that scrape the instances' `metrics` port (9187).
enum MonitoringTranslation {
    static func prometheus(_ spec: Spec) -> PodMonitor {
        PodMonitor(
            .prometheusOperator,
            metadata: ObjectMeta(name: spec.name, namespace: spec.namespace, labels: Labels.common(spec)),
            spec: PodMonitor.Spec(
                selector: LabelSelector(matchLabels: Labels.instances(of: spec.name)),
                podMetricsEndpoints: [PodMonitor.Endpoint(port: "metrics")]
            )
        )
    }

    /// Azure Managed Prometheus drops metrics past its default label limits unless the PodMonitor sets these.
    static func managedPrometheus(_ spec: Spec) -> PodMonitor {
        PodMonitor(
            .azureManagedPrometheus,
            metadata: ObjectMeta(name: "\(spec.name)-managed-prometheus", namespace: spec.namespace, labels: Labels.common(spec)),
            spec: PodMonitor.Spec(
                selector: LabelSelector(matchLabels: Labels.instances(of: spec.name)),
                podMetricsEndpoints: [PodMonitor.Endpoint(port: "metrics")],
                labelLimit: 63,
                labelNameLengthLimit: 511,
                labelValueLengthLimit: 1023
            )
        )
    }
}
