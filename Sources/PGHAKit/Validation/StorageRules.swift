/// Premium SSD v2: zonal only, and performance within what a disk of the volume's size can be given. Local NVMe:
/// only with enough instances and backups to survive losing a node's disk.
enum StorageRules {
    static func check(_ context: inout ValidationContext) {
        let spec = context.spec
        for (path, storageClass) in [("storage.storageClass", spec.storage.storageClass), ("storage.wal.storageClass", spec.storage.wal?.storageClass)]
            where spec.sourceMap.contains(path) {
            guard let storageClass, !NameRules.isDNS1123Subdomain(storageClass) else { continue }
            context.error(.invalidKubernetesName, "'\(storageClass)' is not a StorageClass name: Kubernetes refuses every volume claim that names it",
                          at: path, hint: "a StorageClass name is lowercase letters, digits, '-' and '.', such as managed-csi-premium (kubectl get storageclass lists them)")
        }
        if spec.storage.localNVMe { checkLocalNVMe(&context, spec) }
        guard let premiumV2 = spec.storage.premiumV2 else { return }
        if spec.sourceMap.contains("storage.storageClass") {
            context.error(.conflictingFields, "'storage.storageClass' and 'storage.premiumV2' cannot both be set", at: "storage.storageClass",
                          hint: "premiumV2 renders and uses the StorageClass \(spec.namespace)-\(spec.name)-premium-v2; remove storageClass")
        }
        if spec.zones.isEmpty {
            context.error(.premiumV2WithoutZones, "Premium SSD v2 disks are zonal: the cluster needs availability zones", at: "storage.premiumV2",
                          hint: "set zones (such as [\"1\", \"2\", \"3\"]) in a region with zones, or use Premium SSD (remove premiumV2)")
        }
        var sizes = [("storage.size", spec.storage.size)]
        if let wal = spec.storage.wal { sizes.append(("storage.wal.size", wal.size)) }
        let smallestGiB = sizes.compactMap { Quantity($0.1).map { Int($0.value / 1_073_741_824) } }.min() ?? 0
        let maximumIOPS = max(3000, 500 * smallestGiB)
        if premiumV2.iops > maximumIOPS {
            context.error(.premiumV2Performance, "\(premiumV2.iops) IOPS exceed the \(maximumIOPS) a \(smallestGiB) GiB Premium SSD v2 disk can have",
                          at: "storage.premiumV2.iops", hint: "Azure allows 500 IOPS per GiB above the free 3000; lower iops or grow the volume")
        }
        if premiumV2.throughputMBps * 4 > max(premiumV2.iops, 500) {
            context.error(.premiumV2Performance, "\(premiumV2.throughputMBps) MB/s need at least \(premiumV2.throughputMBps * 4) IOPS, not \(premiumV2.iops)",
                          at: "storage.premiumV2.throughputMBps", hint: "Azure allows 0.25 MB/s per provisioned IOPS; raise iops or lower the throughput")
        }
    }

    private static func checkLocalNVMe(_ context: inout ValidationContext, _ spec: Spec) {
        for field in ["storageClass", "premiumV2"] where spec.sourceMap.contains("storage.\(field)") {
            context.error(.conflictingFields, "'storage.\(field)' and 'storage.localNVMe' cannot both be set", at: "storage.\(field)",
                          hint: "localNVMe renders and uses the StorageClass \(spec.namespace)-\(spec.name)-local-nvme")
        }
        if spec.instances < 3 {
            context.error(.localNVMeTooFewInstances, "local NVMe needs at least three instances, not \(spec.instances): a lost node loses its instance's data",
                          at: "storage.localNVMe", hint: "raise instances to 3 or more, or use managed disks (remove localNVMe)")
        }
        if spec.backup == nil {
            context.error(.localNVMeWithoutBackup, "local NVMe needs backups: losing the nodes loses the data",
                          at: "storage.localNVMe", hint: "add a backup section, or use managed disks (remove localNVMe)")
        }
    }
}
