/// Builds the StorageClass of Premium SSD v2 volumes.
enum StorageClassTranslation {
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
