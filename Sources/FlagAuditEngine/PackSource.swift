import FlagAuditLoading
import FlagAuditModel
import Foundation

/// Where a rule pack's files are read from: a folder (`--rules DIR`, a checkout's `rules/`), or
/// an archive stored at the end of the binary. Files are named by their path in the pack
/// (`vocabulary.yaml`, `models/claims.tsv`); diagnostics name them where an editor finds them.
public enum PackSource: Sendable, Equatable, CustomStringConvertible {
    case directory(String)
    case archive(PackArchive)

    /// The folder at `path`, which must be one.
    public static func folder(_ path: String) throws(DiagnosticError) -> PackSource {
        let base = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: base, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DiagnosticError(Diagnostic(.inputLimit, at: .start(of: base),
                "no rule pack directory here (pass --rules DIR, or leave it out for the pack built into flagaudit)"))
        }
        return .directory(base)
    }

    /// The top-level files of the pack (not in `models/`), sorted.
    public func topLevelNames() -> [String] {
        switch self {
        case .directory(let base):
            return ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).sorted()
        case .archive(let archive):
            return archive.names.filter { !$0.contains("/") }
        }
    }

    /// Every file of the pack, `models/` included, sorted; dotfiles left out.
    public func allNames() -> [String] {
        switch self {
        case .directory(let base):
            let walk = FileManager.default.enumerator(atPath: base)
            var names: [String] = []
            while let name = walk?.nextObject() as? String {
                var isDirectory: ObjCBool = false
                let hidden = name.split(separator: "/").contains { $0.hasPrefix(".") }
                if !hidden, FileManager.default.fileExists(atPath: base + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue {
                    names.append(name)
                }
            }
            return names.sorted()
        case .archive(let archive):
            return archive.names
        }
    }

    public func contains(_ name: String) -> Bool {
        switch self {
        case .directory(let base): FileManager.default.fileExists(atPath: base + "/" + name)
        case .archive(let archive): archive.entries[name] != nil
        }
    }

    /// The bytes of `name`, refused past `limit`.
    public func read(_ name: String, limit: Int) throws(DiagnosticError) -> [UInt8] {
        switch self {
        case .directory:
            return try FileInput.read(path(of: name), limit: limit)
        case .archive(let archive):
            guard let range = archive.entries[name] else {
                throw DiagnosticError(Diagnostic(.inputLimit, at: .start(of: path(of: name)), "no such file in the built-in pack"))
            }
            guard range.count <= limit else {
                throw DiagnosticError(Diagnostic(.inputLimit, at: .start(of: path(of: name)), "\(range.count) bytes is more than a pack file may hold (\(limit))"))
            }
            return try archive.read(name) ?? []
        }
    }

    /// How diagnostics and outputs name the file `name`: its path, or `(built-in)/name`.
    public func path(of name: String) -> String {
        switch self {
        case .directory(let base): base + "/" + name
        case .archive: "(built-in)/" + name
        }
    }

    public var description: String {
        switch self {
        case .directory(let base): base
        case .archive(let archive): "the pack built into \(archive.path)"
        }
    }
}
