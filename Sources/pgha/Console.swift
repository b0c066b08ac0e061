#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import PGHAKit

/// Standard output and standard error, written with plain `write(2)` calls: a failed write (a full disk, a closed
/// stream) ends pgha with exit status 3 and, where standard error still works, a one-line reason, never a crash.
enum Console {
    /// Writes `text` to standard output.
    static func out(_ text: String) throws {
        guard write(text, to: STDOUT_FILENO) else {
            let reason = String(cString: strerror(errno))
            _ = write("error: cannot write to standard output: \(reason)\n", to: STDERR_FILENO)
            throw ExitStatus.io.exitCode
        }
    }

    /// Writes `text` to standard error.
    static func error(_ text: String) throws {
        guard write(text, to: STDERR_FILENO) else { throw ExitStatus.io.exitCode }
    }

    /// Writes all of `text` to `descriptor`; false on failure.
    static func write(_ text: String, to descriptor: Int32) -> Bool {
        FileSystem.writeAll(text, to: descriptor)
    }
}
