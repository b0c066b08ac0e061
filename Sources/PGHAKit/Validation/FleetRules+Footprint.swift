/// What the fleet rules keep of each spec while the rest of a fleet renders.
extension FleetRules {
    /// A valid spec as the fleet rules compare it, in a few hundred bytes where its `Member` spells out about 2.5 KB:
    /// the resources only it may use and its clusters' names as hashes (`hash(_:)`), which are confirmed against the
    /// texts of a `Member` rebuilt from the spec only where two meet; the shared resources, their settings and the
    /// identity of its federated credentials as numbers into the fleet's `Texts`, which keeps each text once.
    struct Footprint: Sendable {
        /// The spec file, as named on the command line or found in a directory.
        var path: String
        /// The folder, relative to the output directory, that the spec renders into.
        var folder: String
        /// Where the spec writes its name, which the fleet's diagnostics point at.
        var nameLocation: SourceLocation
        /// The hashes of `Member.exclusiveResources`.
        var exclusiveResources: [UInt64]
        /// `Member.sharedSettings`, numbered.
        var sharedSettings: [(resource: UInt32, settings: UInt32)]
        /// The hashes of the keys of `Member.clusters`.
        var clusters: [UInt64]
        /// `Member.federatedCredentials`, the identity numbered.
        var federatedCredentials: (identity: UInt32, count: Int)?

        init(_ member: Member, texts: Texts) {
            path = member.path
            folder = member.folder
            nameLocation = member.nameLocation
            exclusiveResources = member.exclusiveResources.map(FleetRules.hash)
            sharedSettings = member.sharedSettings.map { (texts.number(of: $0.resource), texts.number(of: $0.settings)) }
            clusters = member.clusters.map { FleetRules.hash($0.key) }
            federatedCredentials = member.federatedCredentials.map { (texts.number(of: $0.identity), $0.count) }
        }
    }

    /// The texts the specs of a fleet share (the AKS cluster, its operator and node pools, their settings, the
    /// identities), each kept once and numbered; numbers are equal exactly when texts are. Used from several threads.
    final class Texts: @unchecked Sendable {
        private let lock = Lock()
        private var numbers: [String: UInt32] = [:]
        private var texts: [String] = []

        /// The number of `text`, given on first use.
        func number(of text: String) -> UInt32 {
            lock.withLock {
                if let number = numbers[text] { return number }
                let number = UInt32(texts.count)
                numbers[text] = number
                texts.append(text)
                return number
            }
        }

        /// The text numbered `number`.
        subscript(number: UInt32) -> String {
            lock.withLock { texts[Int(number)] }
        }
    }

    /// The 64-bit FNV-1a hash of `text`'s UTF-8 bytes: the same for the same text in every run.
    static func hash(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}

extension FleetRules.Member {
    /// Whether this is the member `footprint` was made of (nil: none), as far as the hashes tell; a spec rebuilt
    /// after its file changed on disk may not be.
    func matches(_ footprint: FleetRules.Footprint?) -> Bool {
        guard let footprint else { return false }
        return exclusiveResources.map(FleetRules.hash) == footprint.exclusiveResources
            && clusters.map { FleetRules.hash($0.key) } == footprint.clusters
    }
}
