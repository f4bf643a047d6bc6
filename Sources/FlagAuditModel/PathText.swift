import Foundation

/// Paths as the tool resolves and shows them, in one place: made absolute against a folder by
/// their names (`.` and `..` resolved, links not followed), and shown relative to the current
/// folder when the file is inside it (`rules/x.yaml`, not `/home/me/atlas/rules/x.yaml`), as
/// the person who ran the tool would type it; anything else as it is.
public enum PathText {
    /// `path` made absolute against `folder`, with `.` and `..` resolved by their names.
    public static func absolute(_ path: String, from folder: String = FileManager.default.currentDirectoryPath) -> String {
        let joined = path.hasPrefix("/") ? path : folder + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/") where part != "." {
            if part == ".." { if !parts.isEmpty { parts.removeLast() } } else { parts.append(part) }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `path` relative to `folder` when it lies inside it; else as given.
    public static func shown(_ path: String, from folder: String = FileManager.default.currentDirectoryPath) -> String {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) && path.count > prefix.count ? String(path.dropFirst(prefix.count)) : path
    }
}
