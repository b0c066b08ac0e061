import Testing
@testable import PGHAKit

/// The public endpoint's source ranges: the whole internet is refused however it is spelt, and repeats are flagged.
@Suite struct SourceRangeTests {
    static func expose(_ ranges: String) -> String {
        TestSupport.spec("expose:\n  allowedSourceRanges: \(ranges)\n  dnsLabel: pg-test-demo\n")
    }

    @Test func twoHalvesOfIPv4AreTheWholeInternet() {
        #expect(TestSupport.diagnostics(Self.expose("[\"0.0.0.0/1\", \"128.0.0.0/1\"]"), codes: .wholeInternet) == [
            "7:3 error[PGHA0413] expose.allowedSourceRanges: together, '0.0.0.0/1', '128.0.0.0/1' open the database to the whole IPv4 internet",
        ])
    }

    @Test func manyIPv6BlocksThatCoverEverythingAreTheWholeInternet() {
        let ranges = "[\"::/2\", \"4000::/2\", \"8000::/1\"]"
        #expect(TestSupport.diagnostics(Self.expose(ranges), codes: .wholeInternet) == [
            "7:3 error[PGHA0413] expose.allowedSourceRanges: together, '::/2', '4000::/2', '8000::/1' open the database to the whole IPv6 internet",
        ])
    }

    @Test func aGapMeansNotTheWholeInternet() {
        #expect(TestSupport.diagnostics(Self.expose("[\"0.0.0.0/1\", \"128.0.0.0/2\", \"224.0.0.0/3\"]"), codes: .wholeInternet) == [])
    }

    @Test func allowInternetAllowsTheCover() {
        let yaml = Self.expose("[\"0.0.0.0/1\", \"128.0.0.0/1\"]") + "  allowInternet: true\n"
        #expect(TestSupport.diagnostics(yaml, codes: .wholeInternet) == [])
    }

    @Test func repeatedAndNestedRangesAreWarnedAbout() {
        let yaml = Self.expose("[\"10.0.0.0/8\", \"10.1.0.0/16\", \"203.0.113.0/24\", \"203.0.113.0/24\"]")
        #expect(TestSupport.diagnostics(yaml, codes: .overlappingSourceRanges) == [
            "7:39 warning[PGHA0420] expose.allowedSourceRanges[1]: '10.1.0.0/16' lies within '10.0.0.0/8' (expose.allowedSourceRanges[0])",
            "7:72 warning[PGHA0420] expose.allowedSourceRanges[3]: '203.0.113.0/24' repeats '203.0.113.0/24' (expose.allowedSourceRanges[2])",
        ])
    }

    @Test func aWiderRangeAfterANarrowOneIsWarnedAbout() {
        #expect(TestSupport.diagnostics(Self.expose("[\"10.1.0.0/16\", \"10.0.0.0/8\"]"), codes: .overlappingSourceRanges) == [
            "7:40 warning[PGHA0420] expose.allowedSourceRanges[1]: '10.0.0.0/8' contains '10.1.0.0/16' (expose.allowedSourceRanges[0])",
        ])
    }
}
