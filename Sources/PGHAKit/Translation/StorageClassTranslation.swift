/// Builds the StorageClass of Premium SSD v2 or local NVMe volumes.
enum StorageClassTranslation {
    /// The annotation with which a pod accepts volumes that do not outlive its node (Azure Container Storage).
    static let acceptEphemeralStorage = "localdisk.csi.acstor.io/accept-ephemeral-storage"

    /// Local NVMe disks through Azure Container Storage 2.x: no parameters; a disk cannot grow past its device.
    static func localNVMe(_ spec: Spec) -> StorageClass {
        StorageClass(
            metadata: ObjectMeta(name: "\(spec.name)-local-nvme", labels: Labels.common(spec)),
            provisioner: "localdisk.csi.acstor.io",
            parameters: nil,
            reclaimPolicy: "Delete",
            allowVolumeExpansion: false,
            volumeBindingMode: "WaitForFirstConsumer"
        )
    }

    static func premiumV2(_ spec: Spec, _ premiumV2: Spec.Storage.PremiumV2) -> StorageClass {
        StorageClass(
            metadata: ObjectMeta(name: "\(spec.name)-premium-v2", labels: Labels.common(spec)),
            provisioner: "disk.csi.azure.com",
            parameters: [
                "skuName": "PremiumV2_LRS",
                "cachingMode": "None",
                "DiskIOPSReadWrite": String(premiumV2.iops),
                "DiskMBpsReadWrite": String(premiumV2.throughputMBps),
            ],
            reclaimPolicy: "Delete",
            allowVolumeExpansion: true,
            volumeBindingMode: "WaitForFirstConsumer"
        )
    }
}
