import ArgumentParser
import FlagAudit
import Foundation

enum Output {
    static func write(_ text: String) { write(text, to: STDOUT_FILENO, named: "standard output") }

    static func error(_ text: String) { write(text + "\n", to: STDERR_FILENO, named: "standard error") }

    static func writeError(_ text: String) { write(text, to: STDERR_FILENO, named: "standard error") }

    /// Writes all of `text` or stops the tool: output that cannot be delivered (a full disk,
    /// a closed descriptor) ends the run with a message and exit status 2, never a crash.
    private static func write(_ text: String, to descriptor: Int32, named name: String) {
        var text = text
        let failure: Int32? = text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return nil }
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return written < 0 ? errno : EIO
                }
            }
            return nil
        }
        guard let failure else { return }
        let message = "error: cannot write \(name): \(String(cString: strerror(failure)).lowercased())\n"
        if descriptor != STDERR_FILENO {
            _ = message.withCString { Glibc.write(STDERR_FILENO, $0, strlen($0)) }
        }
        Glibc.exit(ExitStatus.untrusted)
    }

    /// The terminal: reports to standard output, messages to standard error.
    static var console: Console { Console(write: Output.write, message: Output.error, writeError: Output.writeError) }

    /// Ends a command with a run's exit status (0 returns normally).
    static func exit(_ status: Int32) throws {
        if status != ExitStatus.clean { throw ExitCode(status) }
    }
}

/// Turns located diagnostics and file errors into messages on standard error and exit status 2.
enum Stopping {
    static func onFileError<T>(_ body: () throws(FileError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            Output.error(error.description)
            throw ExitCode(ExitStatus.untrusted)
        }
    }

    static func onRunFailure<T>(_ body: () throws(RunFailure) -> T) throws -> T {
        do {
            return try body()
        } catch {
            error.lines.forEach(Output.error)
            throw ExitCode(ExitStatus.untrusted)
        }
    }

    static func onDiagnostics<T>(_ body: () throws(DiagnosticError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            for diagnostic in error.diagnostics { Output.error(diagnostic.description) }
            throw ExitCode(ExitStatus.untrusted)
        }
    }
}
