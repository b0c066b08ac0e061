import Testing
@testable import PGHAKit

/// `FleetRules.Footprint`: what the fleet rules keep of a spec (hashes, numbered shared texts), and the check that
/// confirms every meeting of hashes on the texts of the rebuilt members.
@Suite struct FleetFootprintTests {
    static func member(_ path: String, _ yaml: String) throws -> FleetRules.Member {
        FleetRules.Member(path: path, spec: try #require(Compiler.check(Array(yaml.utf8)).spec))
    }

    @Test func theHashIsFNV1aOfTheUTF8Bytes() {
        #expect(FleetRules.hash("") == 0xcbf2_9ce4_8422_2325)
        #expect(FleetRules.hash("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(FleetRules.hash("foobar") == 0x8594_4171_f739_67e8)
        #expect(FleetRules.hash("é") != FleetRules.hash("e\u{301}"))
    }

    @Test func equalTextsGetEqualNumbersAndTheirTextsBack() {
        let texts = FleetRules.Texts()
        let numbers = ["a", "b", "a", "c", "b"].map(texts.number(of:))
        #expect(numbers[0] == numbers[2] && numbers[1] == numbers[4])
        #expect(Set(numbers).count == 3)
        #expect(numbers.map { texts[$0] } == ["a", "b", "a", "c", "b"])
    }

    /// Texts whose hashes meet (here: all of them) are owned apart; a later spec naming one of them finds its owner.
    @Test func ownersAreFoundByHashButOnlyForTheSameText() {
        let named = ["x", "y", "x", "y", "z"]
        var owners = FleetRules.HashOwners()
        let found = named.indices.map { index in owners.owner(of: 7, index: index) { named[$0] == named[index] } }
        #expect(found == [nil, nil, 0, 1, nil])
    }

    @Test func aFootprintKeepsHashesAndNumbersOfItsMembersTexts() throws {
        let texts = FleetRules.Texts()
        let member = try Self.member("a.yaml", TestSupport.spec("backup:\n  storageAccount: fleetbackups\n", name: "pg-a"))
        let footprint = FleetRules.Footprint(member, texts: texts)
        #expect(footprint.path == "a.yaml" && footprint.folder == member.folder && footprint.nameLocation == member.nameLocation)
        #expect(footprint.exclusiveResources == member.exclusiveResources.map(FleetRules.hash))
        #expect(footprint.clusters == member.clusters.map { FleetRules.hash($0.key) })
        #expect(footprint.sharedSettings.map { [texts[$0.resource], texts[$0.settings]] } == member.sharedSettings.map { [$0.resource, $0.settings] })
        #expect(footprint.federatedCredentials.map { "\(texts[$0.identity]) \($0.count)" }
            == member.federatedCredentials.map { "\($0.identity) \($0.count)" })
        #expect(member.matches(footprint))
    }

    /// A conflict is reported when the rebuilt members confirm it; a spec whose file no longer gives the member its
    /// footprint was made of (it changed on disk since), or cannot be read again, is an error of its own (PGHA0706),
    /// never a pass: the conflict it may hide would otherwise reach the output.
    @Test func aMeetingOfHashesIsConfirmedOnTheRebuiltMembers() throws {
        let backup = "backup:\n  storageAccount: fleetbackups\n"
        let members = [
            try Self.member("a.yaml", TestSupport.spec(backup, name: "pg-a", namespace: "one")),
            try Self.member("b.yaml", TestSupport.spec(backup, name: "pg-a", namespace: "two")),
        ]
        let texts = FleetRules.Texts()
        let footprints = members.map { FleetRules.Footprint($0, texts: texts) }
        let confirmed = FleetRules.check(footprints, texts: texts) { members[$0] }
        #expect(confirmed[1].map(\.code) == [.sharedAzureResource, .sharedAzureResource])
        let changed = try Self.member("b.yaml", TestSupport.spec(backup, name: "pg-b", namespace: "two"))
        #expect(!changed.matches(footprints[1]))
        let unconfirmed = FleetRules.check(footprints, texts: texts) { $0 == 0 ? members[0] : changed }
        #expect(unconfirmed.map { $0.map(\.code) } == [[], [.specChangedDuringFleetCheck]])
        #expect(unconfirmed[1].first?.message == "b.yaml changed, or could not be read again, while pgha compared it with the other specs of the fleet")
        let unreadable = FleetRules.check(footprints, texts: texts) { $0 == 0 ? members[0] : nil }
        #expect(unreadable.map { $0.map(\.code) } == [[], [.specChangedDuringFleetCheck]])
    }
}
