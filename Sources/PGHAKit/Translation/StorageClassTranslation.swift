/// Builds the StorageClass of Premium SSD v2 or local NVMe volumes.
enum StorageClassTranslation {
    /// The annotation with which a pod accepts volumes that do not outlive its node (Azure Container Storage).
    static let acceptEphemeralStorage = "localdisk.csi.acstor.io/accept-ephemeral-storage"

    /// Local NVMe disks through Azure Container Storage 2.x: no parameters; a disk cannot grow past its device.
    static func localNVMe(_ spec: Spec) -> StorageClass {
        StorageClass(
            metadata: ObjectMeta(name: localNVMeClassName(spec), labels: Labels.common(spec)),
            provisioner: "localdisk.csi.acstor.io",
            parameters: nil,
            reclaimPolicy: "Delete",
            allowVolumeExpansion: false,
            volumeBindingMode: "WaitForFirstConsumer"
        )
    }

    /// The Premium SSD v2 StorageClass. From Kubernetes 1.34 its performance parameters are the free baseline, which
    /// never changes (a StorageClass's parameters cannot), and the spec's IOPS and throughput come from the volumes'
    /// VolumeAttributesClass (`premiumV2Performance`), which the Azure Disk CSI driver applies when it creates a disk
    /// and whenever a claim moves to another class. Before 1.34 the StorageClass carries the spec's performance.
    static func premiumV2(_ spec: Spec, _ premiumV2: Spec.Storage.PremiumV2) -> StorageClass {
        let modifiable = KubernetesSupport.hasVolumeAttributesClasses(spec.azure.kubernetesVersion)
        return StorageClass(
            metadata: ObjectMeta(name: premiumV2ClassName(spec), labels: Labels.common(spec)),
            provisioner: azureDiskDriver,
            parameters: [
                "skuName": "PremiumV2_LRS",
                "cachingMode": "None",
                "DiskIOPSReadWrite": String(modifiable ? baselineIOPS : premiumV2.iops),
                "DiskMBpsReadWrite": String(modifiable ? baselineThroughputMBps : premiumV2.throughputMBps),
            ],
            reclaimPolicy: "Delete",
            allowVolumeExpansion: true,
            volumeBindingMode: "WaitForFirstConsumer"
        )
    }

    /// The VolumeAttributesClass of Premium SSD v2 volumes with the spec's performance, named after it (its parameters
    /// cannot change, so other performance is another class); nil before Kubernetes 1.34, or without Premium SSD v2.
    static func premiumV2Performance(_ spec: Spec) -> VolumeAttributesClass? {
        guard let premiumV2 = spec.storage.premiumV2, KubernetesSupport.hasVolumeAttributesClasses(spec.azure.kubernetesVersion) else {
            return nil
        }
        return VolumeAttributesClass(
            metadata: ObjectMeta(name: "\(premiumV2ClassName(spec))-\(premiumV2.iops)iops-\(premiumV2.throughputMBps)mbps", labels: Labels.common(spec)),
            driverName: azureDiskDriver,
            parameters: [
                "DiskIOPSReadWrite": String(premiumV2.iops),
                "DiskMBpsReadWrite": String(premiumV2.throughputMBps),
            ]
        )
    }

    /// The VolumeAttributesClass a volume of `storageClass` names: the Premium SSD v2 one for volumes of that class.
    static func volumeAttributesClassName(_ spec: Spec, storageClass: String) -> String? {
        guard storageClass == premiumV2ClassName(spec) else { return nil }
        return premiumV2Performance(spec)?.metadata.name
    }

    /// The names of the StorageClasses, which are cluster-scoped: after the cluster's namespace and name, so that
    /// clusters of one name in two namespaces of an AKS cluster do not share (and clean up) one class. The same names
    /// are `storage.storageClass`'s defaults (`SpecBuilder`).
    static func premiumV2ClassName(_ spec: Spec) -> String { "\(spec.namespace)-\(spec.name)-premium-v2" }
    static func localNVMeClassName(_ spec: Spec) -> String { "\(spec.namespace)-\(spec.name)-local-nvme" }

    /// The Azure Disk CSI driver.
    private static let azureDiskDriver = "disk.csi.azure.com"
    /// The IOPS and throughput every Premium SSD v2 disk has for free.
    private static let baselineIOPS = 3000, baselineThroughputMBps = 125
}
