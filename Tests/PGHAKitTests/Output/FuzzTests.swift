import Foundation
import Testing
import Yams
@testable import PGHAKit

/// Seeded, bounded mutation fuzzing of the examples: pgha never crashes, every input yields either
/// diagnostics with an error or a complete render, and writing never leaves an output directory half-written.
@Suite struct FuzzTests {
    static let tokens = [
        "0", "-1", "3", "99999999999999999999999", "1.5", "on", "off", "~", "null", "[]", "{}", "''", "\"\"", "&a", "*a",
        "!!binary", "|", ">", "#", "- x", ": y", "\t", "ö", "\u{202E}", "$(reboot)", "`id`", "a b", "0x1F", "1e400",
        "16GB", "8Gi", "5min", "0 * * * *", "@hourly", "0.0.0.0/0", "::/0", "2001:db8::/129", "PG_X", "a.b.c",
    ]

    static func mutate(_ text: String, using generator: inout TestSupport.SeededGenerator) -> String {
        var lines = text.components(separatedBy: "\n")
        let rounds = Int.random(in: 1...3, using: &generator)
        for _ in 0..<rounds where !lines.isEmpty {
            let index = Int.random(in: 0..<lines.count, using: &generator)
            switch Int.random(in: 0..<8, using: &generator) {
            case 0: lines.remove(at: index)
            case 1: lines.insert(lines[index], at: index)
            case 2: lines.swapAt(index, Int.random(in: 0..<lines.count, using: &generator))
            case 3:
                var line = Array(lines[index])
                let position = Int.random(in: 0...line.count, using: &generator)
                line.insert(contentsOf: tokens.randomElement(using: &generator)!, at: position)
                lines[index] = String(line)
            case 4:
                if let colon = lines[index].firstIndex(of: ":") {
                    lines[index] = String(lines[index][...colon]) + " " + tokens.randomElement(using: &generator)!
                }
            case 5: lines[index] = " " + lines[index]
            case 6: lines[index] = String(lines[index].dropFirst(Int.random(in: 0...4, using: &generator)))
            default: lines = Array(lines.prefix(index))
            }
        }
        return lines.joined(separator: "\n")
    }

    @Test func mutatedExamplesNeverCrashAndAlwaysGetAnAnswer() throws {
        var generator = TestSupport.SeededGenerator(state: 0x5EED)
        let examples = try TestSupport.exampleNames.map { String(decoding: try TestSupport.read("Examples/\($0)"), as: UTF8.self) }
        var rendered = 0
        var rejected = 0
        for _ in 0..<3000 {
            let input = Self.mutate(examples.randomElement(using: &generator)!, using: &generator)
            let result = Compiler.compile(Array(input.utf8))
            if result.succeeded {
                rendered += 1
                #expect(!result.artifacts.isEmpty, "a spec without errors rendered nothing:\n\(input)")
                for artifact in result.artifacts where artifact.path.hasSuffix(".yaml") {
                    #expect((try? Yams.load(yaml: artifact.contents)) != nil, "\(artifact.path) is not YAML for:\n\(input)")
                }
            } else {
                rejected += 1
                #expect(result.artifacts.isEmpty)
                #expect(result.diagnostics.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 })
            }
        }
        #expect(rendered > 100 && rejected > 100, "the mutations should produce both outcomes: \(rendered) rendered, \(rejected) rejected")
    }

    @Test func anOutputDirectoryIsEitherTheOldTreeOrTheNewOne() throws {
        var generator = TestSupport.SeededGenerator(state: 0xD1CE)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pgha-fuzz-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out")
        let example = String(decoding: try TestSupport.read("Examples/aks-ha.yaml"), as: UTF8.self)
        var current = Compiler.compile(Array(example.utf8)).artifacts
        try TestSupport.writeOutput(current, to: output)
        for _ in 0..<200 {
            let result = Compiler.compile(Array(Self.mutate(example, using: &generator).utf8))
            if result.succeeded {
                try TestSupport.writeOutput(result.artifacts, to: output)
                current = result.artifacts
            }
            let tree = try TestSupport.tree(at: output)
            #expect(tree == Dictionary(uniqueKeysWithValues: current.map { ($0.path, $0.contents) }))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["out"], "no staging directory is left behind")
    }

    @Test func aSymbolicLinkToTheOutputDirectoryIsFollowedAndKept() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pgha-link-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let real = root.appendingPathComponent("real")
        let link = root.appendingPathComponent("link")
        try TestSupport.writeOutput(Compiler.compile(try TestSupport.read("Examples/minimal.yaml")).artifacts, to: real)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        let artifacts = Compiler.compile(try TestSupport.read("Examples/aks-ha.yaml")).artifacts
        try TestSupport.writeOutput(artifacts, to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path)
        #expect(try TestSupport.tree(at: real) == Dictionary(uniqueKeysWithValues: artifacts.map { ($0.path, $0.contents) }))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["link", "real"])
    }

    @Test func aFailedWriteLeavesTheDirectoryAsItWas() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pgha-fuzz-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out")
        let artifacts = Compiler.compile(try TestSupport.read("Examples/minimal.yaml")).artifacts
        try TestSupport.writeOutput(artifacts, to: output)
        let before = try TestSupport.tree(at: output)
        let conflicting = artifacts + [Artifact(path: "kustomization.yaml/inside.yaml", contents: "x")]
        #expect(throws: OutputWriter.Failure.self) { try TestSupport.writeOutput(conflicting, to: output) }
        let escaping = artifacts + [Artifact(path: "../escape.yaml", contents: "x")]
        #expect(throws: OutputWriter.Failure.self) { try TestSupport.writeOutput(escaping, to: output) }
        #expect(try TestSupport.tree(at: output) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["out"])
    }
}
