import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import PGHAKit

/// The impact report of `check` and `diff`: one line per operational consequence of the change above their output,
/// and `--fail-on`, which refuses the categories it names.
protocol ImpactOptions: DiagnosticOptions {
    var failOn: String? { get }
}

extension ArgumentHelp {
    /// The help of `--fail-on`.
    static let failOn = ArgumentHelp(
        "Exit 4 when the change has an impact in one of these comma-separated categories (empty: none).",
        discussion: "The categories: \(ImpactCategory.allCases.map(\.rawValue).joined(separator: ", ")).",
        valueName: "categories"
    )
}

extension ImpactOptions {
    /// The categories `--fail-on` names (an empty list, as a CI variable may give, refuses nothing); a usage error
    /// names the unknown ones and lists the categories.
    func failOnCategories() throws -> Set<ImpactCategory> {
        guard let failOn else { return [] }
        var categories: Set<ImpactCategory> = []
        var unknown: [String] = []
        for name in failOn.split(separator: ",").map({ String($0.trimmingBlanks) }) where !name.isEmpty {
            if let category = ImpactCategory(rawValue: name) { categories.insert(category) } else { unknown.append("'\(name)'") }
        }
        guard unknown.isEmpty else {
            throw ValidationError("--fail-on: unknown impact category \(unknown.joined(separator: ", ")); the categories are: "
                                  + ImpactCategory.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return categories
    }

    /// The impact lines as `--format` wants them above the command's output (`json` builds its own document).
    func impactLines(_ impacts: [Impact]) -> String {
        switch format {
        case .github:
            return impacts.map { "::notice title=pgha impact (\($0.category.rawValue))::\(githubEscaped($0.line))\n" }.joined()
        case .human, .json:
            return impacts.map { $0.line + "\n" }.joined()
        }
    }

    /// `impacts` as the JSON array of `--format json`.
    func impactJSON(_ impacts: [Impact]) -> String {
        impacts.isEmpty ? "[]" : "[\n" + impacts.map { "    " + $0.json }.joined(separator: ",\n") + "\n  ]"
    }

    /// Throws exit status 4 after naming the categories of `impacts` that `--fail-on` refuses, if any.
    func refuseImpacts(_ impacts: [Impact]) throws {
        let refused = Set(try failOnCategories()).intersection(impacts.map(\.category)).sorted()
        guard !refused.isEmpty else { return }
        let names = refused.map(\.rawValue).joined(separator: ", ")
        try printError("the change has impact in categories --fail-on refuses: \(names)")
        throw ExitStatus.impactRefused.exitCode
    }

    /// `text` escaped for a GitHub workflow command's message.
    private func githubEscaped(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": escaped += "%25"
            case "\r": escaped += "%0D"
            case "\n": escaped += "%0A"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}

private extension Substring {
    /// The text without the spaces and tabs around it.
    var trimmingBlanks: Substring {
        let isBlank: (Character) -> Bool = { $0.isWhitespace && !$0.isNewline }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else { return "" }
        return self[first...last]
    }
}
