import Testing
@testable import PGHAKit

/// `pgha init`'s starter spec validates as written, without a single warning: only the note that its AKS API server is
/// open until the user lists their address.
@Suite struct StarterSpecTests {
    @Test(arguments: [StarterSpec.defaultName, "orders", "abc", "billing-db-" + String(repeating: "x", count: 18)])
    func theStarterValidatesWithoutDiagnostics(name: String) throws {
        let text = StarterSpec.text(name: name)
        let checked = Compiler.check(Array(text.utf8))
        #expect(checked.diagnostics.map(\.code) == [.openAPIServer], "\(checked.diagnostics.map(TestSupport.summary))")
        #expect(checked.spec?.name == name)
        #expect(Compiler.compile(Array(text.utf8)).succeeded)
        #expect(checked.spec?.backup?.method == .plugin)
        #expect(checked.spec?.recovery != nil)
    }

    @Test(arguments: ["billing-db-" + String(repeating: "x", count: 39), "a"])
    func aNameTooLongOrShortForTheDerivedAzureNamesFailsTheCheck(name: String) {
        #expect(StarterSpec.isValidName(name))
        #expect(Compiler.check(Array(StarterSpec.text(name: name).utf8)).diagnostics.containsErrors)
    }

    @Test func theCommentedOutBlocksValidateWhenUncommented() {
        var uncommenting = false
        let uncommented = StarterSpec.text(name: "orders").split(separator: "\n", omittingEmptySubsequences: false).map { line in
            if line == "# expose:" { uncommenting = true }
            let rest = line.dropFirst(2)
            let isField = ["  ", "backup:", "recovery:", "expose:"].contains { rest.hasPrefix($0) }
            return uncommenting && line.hasPrefix("# ") && isField ? rest : line
        }.joined(separator: "\n")
        let checked = Compiler.check(Array(uncommented.utf8))
        #expect(checked.spec?.backup?.storageAccount == "ordersbackups")
        #expect(checked.spec?.recovery != nil)
        #expect(checked.spec?.expose?.dnsLabel == "orders-db")
        #expect(!checked.diagnostics.containsErrors, "\(checked.diagnostics.map(TestSupport.summary))")
    }

    @Test func namesThatCannotNameAClusterAreRejected() {
        #expect(StarterSpec.isValidName("pg-main"))
        #expect(!StarterSpec.isValidName(""))
        #expect(!StarterSpec.isValidName("Pg"))
        #expect(!StarterSpec.isValidName("1pg"))
        #expect(!StarterSpec.isValidName("pg-"))
        #expect(!StarterSpec.isValidName("pg: x"))
        #expect(!StarterSpec.isValidName(String(repeating: "a", count: 51)))
    }
}
