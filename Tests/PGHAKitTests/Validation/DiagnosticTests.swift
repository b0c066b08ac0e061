import Foundation
import Testing
@testable import PGHAKit

/// Bad input gets exact diagnostics: code, location, spec path and message.
@Suite struct DiagnosticTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let yaml: String
        let expected: [String]
        var testDescription: String { name }
    }

    static let header = "apiVersion: pgha/v1alpha1\nkind: PostgresCluster\n"

    static let cases: [Case] = [
        Case(name: "misspelt key", yaml: header + "name: pg-a\ninstaces: 3\nazure:\n  location: westus3\n", expected: [
            "4:1 error[PGHA0010] instaces: unknown key 'instaces'",
        ]),
        Case(name: "wrong types", yaml: header + "name: pg-a\ninstances: \"three\"\nmonitoring:\n  prometheus: maybe\nazure:\n  location: westus3\n", expected: [
            "4:12 error[PGHA0011] instances: 'instances' must be an integer, not the string 'three'",
            "6:15 error[PGHA0011] monitoring.prometheus: 'monitoring.prometheus' must be a boolean, not the string 'maybe'",
        ]),
        Case(name: "missing required fields", yaml: header + "instances: 3\n", expected: [
            "1:1 error[PGHA0012] azure: the spec is missing the required field 'azure'",
            "1:1 error[PGHA0012] name: the spec is missing the required field 'name'",
        ]),
        Case(name: "unsupported apiVersion", yaml: "apiVersion: pgha/v1\nkind: PostgresCluster\nname: pg-a\nazure:\n  location: westus3\n", expected: [
            "1:13 error[PGHA0014] apiVersion: 'apiVersion' must be one of 'pgha/v1alpha1', not 'pgha/v1'",
        ]),
        Case(name: "duplicate key", yaml: header + "name: pg-a\nname: pg-b\nazure:\n  location: westus3\n", expected: [
            "4:1 error[PGHA0013] name: the key 'name' appears again in this mapping (first at 3:1)",
        ]),
        Case(name: "unquoted version string", yaml: header + "name: pg-a\nazure:\n  location: westus3\n  kubernetesVersion: 1.32\n", expected: [
            "6:22 error[PGHA0011] azure.kubernetesVersion: 'azure.kubernetesVersion' must be a string, not the number '1.32'",
        ]),
        Case(name: "bad cluster name", yaml: header + "name: PG_Primary\nazure:\n  location: westus3\n", expected: [
            "3:7 error[PGHA0101] name: 'PG_Primary' is not a valid cluster name",
        ]),
        Case(name: "too many sync replicas", yaml: header + "name: pg-a\ninstances: 2\nreplication:\n  syncReplicas: 2\nazure:\n  location: westus3\n", expected: [
            "6:17 error[PGHA0103] replication.syncReplicas: 2 synchronous replicas need at least 3 instances, not 2",
        ]),
        Case(name: "bad quantities", yaml: header + "name: pg-a\nresources:\n  memory: 8GB\n  limits:\n    cpu: 1\n  cpu: 2\nazure:\n  location: westus3\n", expected: [
            "5:11 error[PGHA0104] resources.memory: '8GB' is not a Kubernetes quantity",
            "7:10 error[PGHA0105] resources.limits.cpu: the cpu request 2 is larger than its limit 1",
        ]),
        Case(name: "shared_buffers above memory", yaml: header + "name: pg-a\nresources:\n  memory: 1Gi\npostgres:\n  parameters:\n    shared_buffers: 2GB\nazure:\n  location: westus3\n", expected: [
            "8:21 error[PGHA0109] postgres.parameters.shared_buffers: shared_buffers 2GB is larger than the memory request 1Gi",
        ]),
        Case(name: "operator-managed parameters", yaml: header + "name: pg-a\npostgres:\n  parameters:\n    port: \"5433\"\n    listen_addresses: \"*\"\n    shared_preload_libraries: pg_cron\n    logging_collector: \"on\"\nazure:\n  location: westus3\n", expected: [
            "6:5 error[PGHA0202] postgres.parameters.port: 'port' is managed by the CloudNativePG operator",
            "7:5 error[PGHA0203] postgres.parameters.listen_addresses: CloudNativePG does not allow 'listen_addresses' to be set",
            "8:5 error[PGHA0204] postgres.parameters.shared_preload_libraries: shared_preload_libraries cannot be set as a parameter",
        ]),
        Case(name: "five-field schedule", yaml: header + "name: pg-a\nbackup:\n  storageAccount: pgabackups\n  schedule: \"0 * * * *\"\noperator:\n  version: \"1.25\"\nazure:\n  location: westus3\n", expected: [
            "6:13 error[PGHA0302] backup.schedule: '0 * * * *' has 5 fields: CloudNativePG reads the first as seconds, not minutes",
        ]),
        Case(name: "whole internet and bad CIDR", yaml: header + "name: pg-a\nexpose:\n  dnsLabel: pg-a-demo\n  allowedSourceRanges: [\"0.0.0.0/0\", \"10.0.0.1/8\"]\nazure:\n  location: westus3\n", expected: [
            "6:25 error[PGHA0413] expose.allowedSourceRanges[0]: '0.0.0.0/0' opens the database to the whole internet",
            "6:38 error[PGHA0412] expose.allowedSourceRanges[1]: '10.0.0.1/8' is not a CIDR block",
        ]),
        Case(name: "recovery without backup", yaml: header + "name: pg-a\nrecovery: {}\nazure:\n  location: westus3\n", expected: [
            "4:1 error[PGHA0120] recovery: 'recovery' needs 'backup': the recovery cluster restores from the backups",
        ]),
        Case(name: "anchors", yaml: header + "name: &n pg-a\nnamespace: *n\nazure:\n  location: westus3\n", expected: [
            "3:7 error[PGHA0005] : YAML anchors and aliases are not allowed in a spec (found '&n')",
        ]),
        Case(name: "not a mapping", yaml: "- a\n- b\n", expected: [
            "1:1 error[PGHA0011] : 'spec' must be a mapping, not a list",
        ]),
        Case(name: "two documents", yaml: header + "name: pg-a\n---\nname: pg-b\n", expected: [
            "5:1 error[PGHA0004] : the file holds more than one YAML document",
        ]),
        Case(name: "empty file", yaml: "", expected: [
            "1:1 error[PGHA0003] : the file is empty",
        ]),
        Case(name: "invalid YAML", yaml: header + "name: [pg-a\n", expected: [
            "4:1 error[PGHA0001] : invalid YAML: while parsing a flow sequence, did not find expected ',' or ']'",
        ]),
    ]

    @Test(arguments: cases)
    func reportsExactDiagnostics(_ testCase: Case) {
        let errors = Compiler.check(Array(testCase.yaml.utf8)).diagnostics.filter { $0.severity == .error }
        #expect(errors.map(TestSupport.summary) == testCase.expected)
    }

    @Test func anAliasBombIsRefusedBeforeItExpands() {
        var yaml = DiagnosticTests.header + "name: pg-a\nazure:\n  location: westus3\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1..<12 {
            yaml += "x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        #expect(TestSupport.diagnostics(yaml) == ["6:5 error[PGHA0005] : YAML anchors and aliases are not allowed in a spec (found '&a0')"])
    }

    /// Ways found in review to hide an anchor from a naive scan: bare carriage returns, quote escapes, a flow
    /// colon with no space, and a tag before the anchor. Each would otherwise hang the composer.
    @Test(arguments: [
        "# spec\rname: &l0 [a, a]\rk: {*l0 : 1}\r",
        "name: pg\nb: ['x'' #', &l1 [a, a]]\n",
        "name: pg\nb: [\"x\\\" #\", &l1 [a, a]]\n",
        "name: pg\nb: {\"a\":*n}\n",
        "name: pg\nb: !!seq &a [a, a]\n",
        "name: pg\nb: [a\n 'b, &c [a]]\n",
        "name: pg\u{2028}b: &a [a]\n",
    ])
    func anchorsCannotHideFromTheScan(_ yaml: String) {
        #expect(Compiler.check(Array(yaml.utf8)).diagnostics.map(\.code) == [.anchorsNotAllowed], "\(yaml.debugDescription)")
    }

    /// ASCII text is scanned in its UTF-8 bytes, other text by its scalars: columns count scalars either way.
    @Test func theScanCountsColumnsInScalars() {
        #expect(LexicalScan.firstProblem(in: "a: ['e', &x [b]]\n", maximumFlowDepth: 32) == .anchorOrAlias("&x", SourceLocation(line: 1, column: 10)))
        #expect(LexicalScan.firstProblem(in: "a: ['é', &x [b]]\n", maximumFlowDepth: 32) == .anchorOrAlias("&x", SourceLocation(line: 1, column: 10)))
        #expect(LexicalScan.firstProblem(in: "e: [[[x]]]\n", maximumFlowDepth: 2) == .tooDeep(SourceLocation(line: 1, column: 6), limit: 2))
        #expect(LexicalScan.firstProblem(in: "é: [[[x]]]\n", maximumFlowDepth: 2) == .tooDeep(SourceLocation(line: 1, column: 6), limit: 2))
        #expect(LexicalScan.firstProblem(in: "a: b\n", maximumFlowDepth: 2) == nil)
    }

    @Test func asterisksInsidePlainScalarsAreText() {
        let yaml = DiagnosticTests.header + "name: pg-a\nbackup:\n  storageAccount: pgabackups\n  schedule: 0 15 * ? * *\nazure:\n  location: westus3 # a * comment &x\n"
        #expect(TestSupport.diagnostics(yaml).filter { $0.contains("error") } == [])
    }

    @Test func hostileNestingIsRefused() {
        let flow = Self.header + "name: " + String(repeating: "[", count: 100_000) + "\n"
        #expect(TestSupport.diagnostics(flow) == ["3:39 error[PGHA0006] : collections are nested more than 32 levels deep"])
        let block = Self.header + "name: x\nzones:\n" + String(repeating: "- ", count: 300_000) + "a\n"
        #expect(TestSupport.diagnostics(block) == ["5:257 error[PGHA0006] : collections are nested more than 256 levels deep"])
    }

    @Test func binaryAndOversizedInputAreRefused() {
        #expect(Compiler.check([0x61, 0x3A, 0x20, 0xFF, 0xFE]).diagnostics.map(TestSupport.summary)
            == ["1:4 error[PGHA0002] : the file is not UTF-8 text"])
        #expect(Compiler.check([UInt8](repeating: 0x20, count: (1 << 20) + 1)).diagnostics.map(\.code) == [.inputTooLarge])
    }

    @Test func everyErrorHasAHintOrIsSelfExplanatory() {
        let result = Compiler.check(Array((DiagnosticTests.header + "name: pg-a\ninstaces: 3\nazure:\n  location: westus3\n").utf8))
        #expect(result.diagnostics.first?.hint == "did you mean 'instances'?")
    }

    @Test func humanFormatShowsTheLineAndACaret() {
        let source = Array((DiagnosticTests.header + "name: pg-a\ninstaces: 3\nazure:\n  location: westus3\n" + TestSupport.closedAPIServer).utf8)
        let diagnostics = Compiler.check(source).diagnostics
        let text = DiagnosticFormatter(format: .human).format(diagnostics, file: "spec.yaml", source: source)
        #expect(text == """
        spec.yaml:4:1: error[PGHA0010]: unknown key 'instaces'
         4 | instaces: 3
           | ^
          = spec path: instaces
          = hint: did you mean 'instances'?

        """)
    }

    @Test func jsonAndGitHubFormats() {
        let diagnostic = Diagnostic(.error, .unknownKey, "unknown key 'a,b'", path: "a", at: SourceLocation(line: 2, column: 3), hint: "say \"x\"")
        let json = DiagnosticFormatter(format: .json).format([diagnostic], file: "s.yaml", source: [])
        #expect(json == #"{"file":"s.yaml","line":2,"column":3,"severity":"error","code":"PGHA0010","message":"unknown key 'a,b'","path":"a","hint":"say \"x\""}"# + "\n")
        let github = DiagnosticFormatter(format: .github).format([diagnostic], file: "s.yaml", source: [])
        #expect(github == "::error file=s.yaml,line=2,col=3,title=PGHA0010::unknown key 'a,b' (spec path: a)%0Ahint: say \"x\"\n")
    }

    /// A GitHub workflow command ends at a line break: a CR LF pair in a message (one `Character`) and in a file name
    /// is escaped byte by byte, as are `%`, and `:` and `,` in a property.
    @Test func gitHubFormatEscapesLineBreaksInPairs() {
        let diagnostic = Diagnostic(.error, .unknownKey, "value 'a\r\nb' 100%", path: "a", at: SourceLocation(line: 2, column: 3), hint: "x\r\ny")
        let github = DiagnosticFormatter(format: .github).format([diagnostic], file: "s\r\n:1,2.yaml", source: [])
        #expect(github == "::error file=s%0D%0A%3A1%2C2.yaml,line=2,col=3,title=PGHA0010::value 'a%0D%0Ab' 100%25 (spec path: a)%0Ahint: x%0D%0Ay\n")
    }

    @Test func structuralErrorsDoNotHideOtherProblems() {
        let lines = TestSupport.diagnostics(DiagnosticTests.header + "name: pg-a\ninstaces: 3\nbackup:\n  storageAccount: Bad\nazure:\n  location: westus3\n")
        #expect(lines.contains("4:1 error[PGHA0010] instaces: unknown key 'instaces'"))
        #expect(lines.contains("6:19 error[PGHA0406] backup.storageAccount: 'Bad' is not a valid storage account name"))
    }

    /// `pgha render --strict` passes on every example: nothing pgha renders by default warns about itself.
    @Test func examplesHaveNoWarnings() throws {
        for example in TestSupport.exampleNames {
            let warnings = Compiler.check(try TestSupport.read("Examples/\(example)")).diagnostics.filter { $0.severity >= .warning }
            #expect(warnings.isEmpty, "\(example): \(warnings.map(TestSupport.summary))")
        }
    }

    @Test func warningsDoNotFailAndValidExamplesHaveNoErrors() throws {
        for example in TestSupport.exampleNames {
            let result = Compiler.check(try TestSupport.read("Examples/\(example)"))
            #expect(!result.diagnostics.containsErrors, "\(example): \(result.diagnostics.map(TestSupport.summary))")
        }
    }
}
