import Testing
@testable import PGHAKit

@Suite struct ReplacingEveryTests {
    @Test func replacesEveryOccurrenceFromTheLeft() {
        #expect("a\nb\n".replacingEvery("\n", with: "\n  ") == "a\n  b\n  ")
        #expect("NAME_x NAME_ yNAME_".replacingEvery("NAME_", with: "rw_") == "rw_x rw_ yrw_")
        #expect("aaaa".replacingEvery("aa", with: "b") == "bb")
        #expect("aaa".replacingEvery("aa", with: "a") == "aa")
    }

    @Test func leavesTextWithoutTheTargetAsItIs() {
        #expect("".replacingEvery("x", with: "y") == "")
        #expect("NAME".replacingEvery("NAME_", with: "y") == "NAME")
        #expect("café → 🐘".replacingEvery("\n", with: "-") == "café → 🐘")
        #expect("abc".replacingEvery("", with: "y") == "abc")
    }

    @Test func keepsMultiByteTextAroundAReplacement() {
        #expect("é'🐘'".replacingEvery("'", with: "'/") == "é'/🐘'/")
    }

    @Test func containsBytesFindsTheTargetAnywhereOnBytes() {
        #expect("host all all ${podselector:app=x} trust".containsBytes("${podselector:"))
        #expect("${podselector:".containsBytes("${podselector:"))
        #expect("ends with ${podselector:".containsBytes("${podselector:"))
        #expect(!"${podselector".containsBytes("${podselector:"))
        #expect(!"$${podselect${podselecto".containsBytes("${podselector:"))
        #expect("aab".containsBytes("ab"))
        #expect("anything".containsBytes(""))
        #expect(!"".containsBytes("a"))
        // A combining mark after the target makes another `Character`, but the target's bytes are still there.
        #expect("${podselector:\u{301}".containsBytes("${podselector:"))
    }
}
