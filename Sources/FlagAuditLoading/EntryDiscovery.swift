import FlagAuditModel
import Foundation

/// Finds entry files under the paths a user names: files as given, directories searched
/// recursively for `*.yaml` / `*.yml` in a stable order. Symlinked directories are followed
/// once each (by real path), so a link loop cannot recurse forever. In a directory, only
/// regular files are entries (a FIFO would block the audit, a device would never end), and a
/// link is followed only when it stays inside the directories given (a link to `/` would walk
/// the whole file system, one to a secret file would show its keys in annotations): what is
/// left out is named in `skipped`, with the reason.
public struct EntryDiscovery: Sendable {
    /// The configuration's `exclude:`: left out of walks, and named files it covers are skipped
    /// with a note (a pre-commit hook names files one by one).
    public var exclusion: Exclusion?
    /// File name endings searched for in directories.
    public var extensions: [String]

    public init(exclusion: Exclusion? = nil, extensions: [String] = [".yaml", ".yml"]) {
        self.exclusion = exclusion
        self.extensions = extensions
    }

    public struct Result: Sendable {
        public var files: [String]
        /// Paths that do not exist or cannot be listed.
        public var unreadable: [String]
        /// Entry-named paths left out of a directory's walk, with the reason.
        public var skipped: [(path: String, reason: String)] = []
    }

    public func files(under paths: [String]) -> Result {
        var result = Result(files: [], unreadable: [])
        var visited: Set<String> = []
        let roots = paths.map(RawPath.resolved)
        for path in paths {
            let (exists, isDirectory) = RawPath.status(path)
            guard exists else {
                result.unreadable.append(path)
                continue
            }
            if let pattern = exclusion?.pattern(excluding: path) {
                result.skipped.append((path, "excluded by '\(pattern)' in the configuration"))
            } else if isDirectory {
                walk(path, roots: roots, into: &result, visited: &visited)
            } else {
                result.files.append(path)
            }
        }
        // A file named and reached again through its directory (`check d d/x.yaml`, `./d/x.yaml`)
        // is audited once, where it first came: twice, it would be a duplicate id of itself.
        var seen: Set<String> = []
        result.files = result.files.filter { seen.insert(EntryDiscovery.lexicallyNormalized($0)).inserted }
        return result
    }

    /// A path without `.` components and repeated slashes (`..` is kept: it may cross a link).
    static func lexicallyNormalized(_ path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    private func walk(_ directory: String, roots: [String], into result: inout Result, visited: inout Set<String>) {
        let real = RawPath.resolved(directory)
        guard visited.insert(real).inserted else { return }
        guard let entries = EntryDiscovery.list(directory) else {
            result.unreadable.append(directory)
            return
        }
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        for (name, kind) in entries.sorted(by: { $0.name < $1.name }) where !name.hasPrefix(".") {
            let path = base + "/" + name
            if exclusion?.pattern(excluding: path) != nil { continue }
            let isEntryName = extensions.contains(where: name.hasSuffix)
            // The listing's own file type spares a stat per file (most of a walk over a large
            // atlas); links and file systems that do not say are asked.
            if kind == DT_REG {
                if isEntryName { result.files.append(path) }
                continue
            }
            if kind == DT_DIR {
                walk(path, roots: roots, into: &result, visited: &visited)
                continue
            }
            if kind != DT_LNK && kind != DT_UNKNOWN {
                if isEntryName { result.skipped.append((path, "not a regular file (a FIFO, a socket or a device)")) }
                continue
            }
            var status = stat()
            guard RawPath.withCString(path, { stat($0, &status) }) == 0 else {
                // A dangling link to an entry is still an entry the user meant: audit it, so it
                // shows as an unreadable file instead of vanishing.
                if isEntryName { result.files.append(path) }
                continue
            }
            let type = status.st_mode & S_IFMT
            guard type == S_IFDIR || type == S_IFREG else {
                if isEntryName { result.skipped.append((path, "not a regular file (a FIFO, a socket or a device)")) }
                continue
            }
            if type == S_IFREG && !isEntryName { continue }
            var link = stat()
            if kind == DT_LNK || (RawPath.withCString(path, { lstat($0, &link) }) == 0 && link.st_mode & S_IFMT == S_IFLNK) {
                let target = RawPath.resolved(path)
                guard roots.contains(where: { target == $0 || target.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) else {
                    result.skipped.append((path, "a link to \(target), outside the folders audited"))
                    continue
                }
            }
            if type == S_IFDIR {
                walk(path, roots: roots, into: &result, visited: &visited)
            } else {
                result.files.append(path)
            }
        }
    }

    /// A directory's names with their file types as the listing gives them (`DT_UNKNOWN` when it does not).
    private static func list(_ directory: String) -> [(name: String, kind: Int)]? {
        guard let stream = RawPath.withCString(directory, { opendir($0) }) else { return nil }
        defer { closedir(stream) }
        var entries: [(name: String, kind: Int)] = []
        // `d_name` is read in place up to its terminator: glibc packs records by `d_reclen`, so
        // copying the declared 256-byte array can read past the end of the listing's buffer.
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        while let entry = readdir(stream) {
            let bytes = (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self)
            let name = RawPath.decode(UnsafeRawBufferPointer(start: bytes, count: strlen(bytes)))
            if name == "." || name == ".." { continue }
            entries.append((name, Int(entry.pointee.d_type)))
        }
        return entries
    }
}
