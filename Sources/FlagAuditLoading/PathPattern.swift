import FlagAuditModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A path pattern of `.flagaudit.yml`'s `exclude:`, as .gitignore-style tools read them:
/// '/'-separated segments where `*`, `?` and `[...]` match within a segment and `**` matches
/// any number of segments. A pattern names a file or a folder: `drafts` leaves out everything
/// under `drafts/`, `**/*.draft.yaml` every such file, `seeds/raw` one folder. Relative patterns
/// are read against the configuration's folder; absolute ones against absolute paths.
public struct PathPattern: Sendable, Equatable, CustomStringConvertible {
    public let description: String
    let isAbsolute: Bool
    let segments: [String]

    public init(_ text: String) {
        description = text
        var body = Substring(text)
        while body.hasPrefix("./") { body = body.dropFirst(2) }
        isAbsolute = body.hasPrefix("/")
        segments = body.split(separator: "/").filter { $0 != "." }.map(String.init)
    }

    /// Whether the file at `path` (segments of a path relative to the configuration's folder, or
    /// of an absolute one) or a folder above it matches.
    public func matches(_ path: [Substring]) -> Bool {
        guard !segments.isEmpty else { return false }
        return (1...max(1, path.count)).contains { PathPattern.match(segments[...], path.prefix($0)) }
    }

    static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            // Zero segments, or one more and still `**`.
            return match(pattern.dropFirst(), path) || (!path.isEmpty && match(pattern, path.dropFirst()))
        }
        guard let name = path.first, segment(first, matches: name) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    static func segment(_ pattern: String, matches name: Substring) -> Bool {
        if !pattern.contains(where: { "*?[\\".contains($0) }) { return pattern == name }
        return pattern.withCString { p in String(name).withCString { fnmatch(p, $0, FNM_PERIOD) == 0 } }
    }
}

/// Which paths `exclude:` leaves out: its patterns, read against the configuration's folder.
/// A path is compared by where it is, however it was written (`seeds/x.yaml`, `./seeds/x.yaml`,
/// `/atlas/seeds/x.yaml` from any folder), without following links.
public struct Exclusion: Sendable, Equatable {
    /// The configuration's folder, absolute.
    public var root: String
    public var patterns: [PathPattern]
    /// The folder relative paths are taken from (the process's current folder).
    public var currentFolder: String

    public init(root: String, patterns: [PathPattern], currentFolder: String) {
        self.root = PathText.absolute(root, from: currentFolder)
        self.patterns = patterns
        self.currentFolder = currentFolder
    }

    /// The pattern that leaves `path` out, if one does.
    public func pattern(excluding path: String) -> PathPattern? {
        let absolute = PathText.absolute(path, from: currentFolder)
        let parts = absolute.split(separator: "/")
        let rootParts = root.split(separator: "/")
        let relative: [Substring]? = parts.starts(with: rootParts) ? Array(parts.dropFirst(rootParts.count)) : nil
        return patterns.first { pattern in
            if pattern.isAbsolute { return pattern.matches(parts) }
            return relative.map(pattern.matches) ?? false
        }
    }
}
