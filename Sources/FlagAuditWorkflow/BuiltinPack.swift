import FlagAuditEngine
import FlagAuditLoading
import FlagAuditModel
import Foundation

/// The rule pack a run uses when neither `--rules` nor the configuration names one. A release
/// binary carries it (`scripts/release` appends the pack to the stripped executable); a binary
/// from `swift build` reads the `rules/` folder of the checkout it was compiled from, as
/// SwiftPM's own resource lookup falls back to the build tree, so a developer's edits to the
/// pack take effect without a rebuild.
public enum BuiltinPack {
    /// The checkout's `rules/`, known when this file was compiled.
    public static let checkoutRules: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // BuiltinPack.swift, FlagAuditWorkflow, Sources
        return url.appendingPathComponent("rules").path
    }()

    /// The running executable, when the system says which it is.
    public static var executable: String? {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        return Bundle.main.executablePath
    }

    /// The pack stored at the end of `executable`, else the checkout's folder.
    public static func source(executable: String? = BuiltinPack.executable, checkout: String = checkoutRules) throws(DiagnosticError) -> PackSource {
        if let executable, let archive = try PackArchive(endOf: executable) { return .archive(archive) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: checkout, isDirectory: &isDirectory), isDirectory.boolValue {
            return .directory(PathText.shown(checkout))
        }
        throw DiagnosticError(Diagnostic(.inputLimit, at: .start(of: executable ?? "flagaudit"),
            "this flagaudit carries no rule pack, and the checkout it was built from has none at \(checkout): pass --rules DIR, or build a binary that carries it with scripts/release"))
    }

    /// Appends `source`'s files as an archive to the file at `binary` (which must carry none yet).
    public static func embed(_ source: PackSource, into binary: String) throws(DiagnosticError) {
        if try PackArchive(endOf: binary) != nil {
            throw DiagnosticError(Diagnostic(.inputLimit, at: .start(of: binary), "this file already carries a rule pack"))
        }
        var files: [(name: String, bytes: [UInt8])] = []
        for name in source.allNames() { files.append((name, try source.read(name, limit: 1 << 30))) }
        let descriptor = binary.withCString { open($0, O_WRONLY | O_APPEND | O_CLOEXEC) }
        guard descriptor >= 0 else {
            throw DiagnosticError(Diagnostic(.inputLimit, at: .start(of: binary), "cannot open it for writing: \(String(cString: strerror(errno)).lowercased())"))
        }
        defer { close(descriptor) }
        let archive = PackArchive.serialize(files)
        var written = 0
        while written < archive.count {
            let count = archive[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                throw DiagnosticError(Diagnostic(.inputLimit, at: .start(of: binary), "cannot append the pack: \(String(cString: strerror(errno)).lowercased())"))
            }
            written += count
        }
    }

    /// Writes every file of `source` under `directory`, which must not exist or be empty; returns
    /// how many were written.
    public static func export(_ source: PackSource, to directory: String) throws(FileError) -> Int {
        let manager = FileManager.default
        if let present = try? manager.contentsOfDirectory(atPath: directory), !present.isEmpty {
            throw FileError(at: .start(of: directory), "the folder is not empty; export writes only into a new or empty folder")
        }
        let names = source.allNames()
        for name in names {
            let path = directory + "/" + name
            do {
                try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            } catch {
                throw FileError(at: .start(of: path), "cannot create its folder: \(error.localizedDescription)")
            }
            let bytes: [UInt8]
            do { bytes = try source.read(name, limit: 1 << 30) } catch { throw FileError(error) }
            try AtomicFile.write(bytes: bytes, to: path)
        }
        return names.count
    }
}
