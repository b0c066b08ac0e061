import Testing
@testable import PGHAKit

/// Premium SSD v2 volumes.
@Suite struct StorageRuleTests {
    @Test func premiumV2IsZonal() {
        #expect(TestSupport.errors(adding: "instances: 1\nzones: []\nstorage:\n  premiumV2: {}\n")
            == ["9:3 error[PGHA0147] storage.premiumV2: Premium SSD v2 disks are zonal: the cluster needs availability zones"])
    }

    @Test func premiumV2PerformanceFitsTheDisk() {
        #expect(TestSupport.errors(adding: "storage:\n  size: 16Gi\n  premiumV2:\n    iops: 9000\n    throughputMBps: 1000\n")
            == ["9:11 error[PGHA0148] storage.premiumV2.iops: 9000 IOPS exceed the 8000 a 16 GiB Premium SSD v2 disk can have"])
        #expect(TestSupport.errors(adding: "storage:\n  premiumV2:\n    iops: 3000\n    throughputMBps: 800\n")
            == ["9:21 error[PGHA0148] storage.premiumV2.throughputMBps: 800 MB/s need at least 3200 IOPS, not 3000"])
    }

    @Test func premiumV2ChoosesItsOwnStorageClass() {
        #expect(TestSupport.errors(adding: "storage:\n  storageClass: managed-csi-premium\n  premiumV2: {}\n")
            == ["7:17 error[PGHA0017] storage.storageClass: 'storage.storageClass' and 'storage.premiumV2' cannot both be set"])
    }

    @Test func localNVMeNeedsThreeInstancesAndBackups() {
        #expect(TestSupport.errors(adding: "instances: 1\nstorage:\n  localNVMe: true\n  premiumV2: {}\n") == [
            "8:14 error[PGHA0149] storage.localNVMe: local NVMe needs at least three instances, not 1: a lost node loses its instance's data",
            "8:14 error[PGHA0150] storage.localNVMe: local NVMe needs backups: losing the nodes loses the data",
            "9:3 error[PGHA0017] storage.premiumV2: 'storage.premiumV2' and 'storage.localNVMe' cannot both be set",
        ])
    }

    /// A StorageClass name is a DNS-1123 subdomain; Kubernetes refuses a claim naming anything else.
    @Test func storageClassesMustBeKubernetesNames() {
        #expect(TestSupport.errors(adding: "storage:\n  storageClass: Premium_SSD\n  wal:\n    size: 8Gi\n    storageClass: \"my class\"\n") == [
            "7:17 error[PGHA0102] storage.storageClass: 'Premium_SSD' is not a StorageClass name: Kubernetes refuses every volume claim that names it",
            "10:19 error[PGHA0102] storage.wal.storageClass: 'my class' is not a StorageClass name: Kubernetes refuses every volume claim that names it",
        ])
        #expect(TestSupport.errors(adding: "storage:\n  storageClass: managed-csi-premium\n  wal:\n    size: 8Gi\n    storageClass: acstor.nvme\n") == [])
    }
}
