import Foundation

/// How a path is shown to the person who ran the tool: relative to the current folder when the
/// file is inside it (`rules/x.yaml`, not `/home/me/atlas/rules/x.yaml`), as they would type it;
/// anything else as it is.
public enum RelativePath {
    public static func shown(_ path: String, from folder: String = FileManager.default.currentDirectoryPath) -> String {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) && path.count > prefix.count ? String(path.dropFirst(prefix.count)) : path
    }
}
