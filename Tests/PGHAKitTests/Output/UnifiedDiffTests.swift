import Testing
@testable import PGHAKit

/// `UnifiedDiff` prints what GNU `diff -u` prints (the expected texts below are its output, headers aside).
@Suite struct UnifiedDiffTests {
    static func diff(_ old: String?, _ new: String?, context: Int = 3) -> String {
        UnifiedDiff.diff(old: old.map { Array($0.utf8) }, new: new.map { Array($0.utf8) },
                         oldLabel: "a/f", newLabel: "b/f", context: context)
    }

    static let twenty = (1...20).map { "\($0)\n" }.joined()

    @Test func equalTextsGiveNothing() {
        #expect(Self.diff("a\nb\n", "a\nb\n") == "")
        #expect(Self.diff("", "") == "")
    }

    @Test func oneChangedLineWithContext() {
        let new = Self.twenty.replacingOccurrences(of: "\n10\n", with: "\nten\n")
        #expect(Self.diff(Self.twenty, new) == """
        --- a/f
        +++ b/f
        @@ -7,7 +7,7 @@
         7
         8
         9
        -10
        +ten
         11
         12
         13

        """)
    }

    @Test func changesSixLinesApartShareAHunk() {
        let new = Self.twenty.replacingOccurrences(of: "\n3\n", with: "\nthree\n").replacingOccurrences(of: "\n10\n", with: "\nten\n")
        #expect(Self.diff(Self.twenty, new) == """
        --- a/f
        +++ b/f
        @@ -1,13 +1,13 @@
         1
         2
        -3
        +three
         4
         5
         6
         7
         8
         9
        -10
        +ten
         11
         12
         13

        """)
    }

    @Test func changesSevenLinesApartGetTwoHunks() {
        let new = Self.twenty.replacingOccurrences(of: "\n3\n", with: "\nthree\n").replacingOccurrences(of: "\n11\n", with: "\neleven\n")
        #expect(Self.diff(Self.twenty, new) == """
        --- a/f
        +++ b/f
        @@ -1,6 +1,6 @@
         1
         2
        -3
        +three
         4
         5
         6
        @@ -8,7 +8,7 @@
         8
         9
         10
        -11
        +eleven
         12
         13
         14

        """)
    }

    @Test func deletionsComeBeforeInsertionsInARunOfChanges() {
        #expect(Self.diff("a\nb\nc\nd\n", "a\nx\ny\nd\n") == """
        --- a/f
        +++ b/f
        @@ -1,4 +1,4 @@
         a
        -b
        -c
        +x
        +y
         d

        """)
    }

    @Test func insertionsAndDeletionsAtTheEnds() {
        #expect(Self.diff("a\nb\nc\n", "b\nc\nd\n") == """
        --- a/f
        +++ b/f
        @@ -1,3 +1,3 @@
        -a
         b
         c
        +d

        """)
    }

    @Test func missingFinalNewlineIsMarked() {
        #expect(Self.diff("a\nb", "a\nc\n") == """
        --- a/f
        +++ b/f
        @@ -1,2 +1,2 @@
         a
        -b
        \\ No newline at end of file
        +c

        """)
    }

    @Test func newAndRemovedFilesDiffAgainstDevNull() {
        #expect(Self.diff(nil, "x\ny\n") == "--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n+x\n+y\n")
        #expect(Self.diff("x\n", nil) == "--- a/f\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n")
        #expect(Self.diff("", "x\n") == "--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+x\n")
    }

    @Test func contextCanBeZero() {
        #expect(Self.diff("a\nb\nc\n", "a\nB\nc\n", context: 0) == "--- a/f\n+++ b/f\n@@ -2 +2 @@\n-b\n+B\n")
    }

    @Test func binaryContentIsNotShownLineByLine() {
        let diff = UnifiedDiff.diff(old: [0x61, 0x00, 0x0A], new: Array("a\n".utf8), oldLabel: "a/f", newLabel: "b/f")
        #expect(diff == "Binary files a/f and b/f differ\n")
    }

    @Test func editScriptsAreShortest() {
        let cases: [(String, String, Int)] = [
            ("abcabba", "cbabac", 5),
            ("", "abc", 3),
            ("abc", "", 3),
            ("abc", "abc", 0),
            ("aaaa", "aa", 2),
        ]
        for (old, new, distance) in cases {
            let lines = { (text: String) in UnifiedDiff.lines(Array(text.map { "\($0)\n" }.joined().utf8)) }
            let script = UnifiedDiff.editScript(lines(old), lines(new))
            #expect(script.count(where: { $0 != .keep }) == distance, "\(old) -> \(new)")
            #expect(script.count(where: { $0 != .insert }) == old.count)
            #expect(script.count(where: { $0 != .delete }) == new.count)
        }
    }

    @Test func patchCoversAddedChangedAndRemovedFiles() {
        let rendered = [
            Artifact(path: "kept.yaml", contents: "same\n"),
            Artifact(path: "new.yaml", contents: "fresh\n"),
            Artifact(path: "x/changed.yaml", contents: "one\ntwo\n"),
            Artifact(path: "run.sh", contents: "echo\n", isExecutable: true),
        ]
        let existing: [String: ExistingFile] = [
            "kept.yaml": ExistingFile(bytes: Array("same\n".utf8)),
            "x/changed.yaml": ExistingFile(bytes: Array("one\n2\n".utf8)),
            "old.yaml": ExistingFile(bytes: Array("gone\n".utf8)),
            "run.sh": ExistingFile(bytes: Array("echo\n".utf8)),
            "link.yaml": ExistingFile(bytes: nil),
        ]
        #expect(Drift(rendered: rendered, existing: existing, diffContext: 3).patch == """
        Only in a: link.yaml
        --- /dev/null
        +++ b/new.yaml
        @@ -0,0 +1 @@
        +fresh
        --- a/old.yaml
        +++ /dev/null
        @@ -1 +0,0 @@
        -gone
        File a/run.sh is not executable while file b/run.sh is
        --- a/x/changed.yaml
        +++ b/x/changed.yaml
        @@ -1,2 +1,2 @@
         one
        -2
        +two

        """)
    }
}
