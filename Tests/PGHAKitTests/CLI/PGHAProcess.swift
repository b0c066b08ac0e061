import Foundation

/// Runs the `pgha` executable SwiftPM built beside the test bundle, from the repository root.
enum PGHAProcess {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The pgha binary SwiftPM built beside the test bundle.
    static var executable: URL {
        var directory = Bundle.main.bundleURL
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("pgha").path), directory.path != "/" {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("pgha")
    }

    /// Runs pgha with `arguments` in `directory` (the repository root by default), `stdin` on its standard input.
    /// With `shell`, the arguments go to `/bin/sh` instead (for redirections), pgha's path passed in.
    static func run(_ arguments: [String], in directory: URL = TestSupport.repositoryRoot, stdin: String? = nil,
                    shell: Bool = false) throws -> Run {
        let process = Process()
        process.executableURL = shell ? URL(fileURLWithPath: "/bin/sh") : executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let input = Pipe()
        process.standardInput = input
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }
}
