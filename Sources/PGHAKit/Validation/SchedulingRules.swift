/// Node taints and the instances' tolerations: well formed, and matching each other.
enum SchedulingRules {
    static func check(_ context: inout ValidationContext) {
        let spec = context.spec
        let poolTaints = checkTaints(&context, spec.azure.nodePool.taints, path: "azure.nodePool.taints")
        let tolerations = checkTaints(&context, spec.tolerations, path: "tolerations")
        guard spec.sourceMap.contains("tolerations") else { return }
        for (index, toleration) in tolerations where !poolTaints.contains(where: { $0.taint == toleration }) {
            context.warning(.toleratedTaintMissing,
                            "no node pool pgha creates has the taint '\(spec.tolerations[index])'", at: "tolerations[\(index)]",
                            hint: "add it to azure.nodePool.taints, or remove it if no other pool of the AKS cluster has it")
        }
        guard !spec.nodeSelector.isEmpty else { return }
        for (index, taint) in poolTaints where taint.effect != "PreferNoSchedule" && !tolerations.contains(where: { $0.taint == taint }) {
            context.error(.poolTaintNotTolerated,
                          "the instances must run on the node pool (nodeSelector) but do not tolerate its taint '\(spec.azure.nodePool.taints[index])'",
                          at: "tolerations", hint: "add '\(spec.azure.nodePool.taints[index])' to tolerations, or leave tolerations out to tolerate the pool's taints")
        }
    }

    /// Reports malformed entries; returns the well-formed ones with their index.
    private static func checkTaints(_ context: inout ValidationContext, _ texts: [String], path: String) -> [(index: Int, taint: NodeTaint)] {
        var taints: [(index: Int, taint: NodeTaint)] = []
        for (index, text) in texts.enumerated() {
            guard let taint = NodeTaint(text), NameRules.isLabelKey(taint.key), !taint.value.isEmpty, NameRules.isLabelValue(taint.value),
                  NodeTaint.effects.contains(taint.effect) else {
                context.error(.invalidTaint, "'\(text)' is not a taint of the form key=value:Effect", at: "\(path)[\(index)]",
                              hint: "a label key, '=', a label value, ':' and NoSchedule, PreferNoSchedule or NoExecute, such as workload=postgres:NoSchedule")
                continue
            }
            taints.append((index, taint))
        }
        return taints
    }
}
