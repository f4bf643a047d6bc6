import ArgumentParser
import FlagAudit
import Foundation

enum Output {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// The terminal: reports to standard output, messages to standard error.
    static var console: Console { Console(write: Output.write, message: Output.error) }

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

    static func onDiagnostics<T>(_ body: () throws(DiagnosticError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            for diagnostic in error.diagnostics { Output.error(diagnostic.description) }
            throw ExitCode(ExitStatus.untrusted)
        }
    }
}
