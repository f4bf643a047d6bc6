/// Where an entry takes more method flags, in the style its list is written, worked out from
/// the source when the entry was read; or why flags cannot be added there safely.
public enum FlagInsertion: Sendable, Equatable {
    /// Replace `start..<end` (reading `original`) with `prefix`, the flags joined by
    /// `separator`, then `suffix`.
    case edit(start: SourceLocation, end: SourceLocation, original: String, prefix: String, separator: String, suffix: String)
    case refused(String)

    /// The fix that adds `flags` (slugs, in the order to write them), or nil when refused.
    public func fix(adding flags: [String]) -> Fix? {
        guard case .edit(let start, let end, let original, let prefix, let separator, let suffix) = self, !flags.isEmpty else {
            return nil
        }
        let edit = Edit(start: start, end: end, replacement: prefix + flags.joined(separator: separator) + suffix, original: original)
        return Fix(summary: "added \(flags.joined(separator: ", ")) to tags.method_flags", edits: [edit])
    }

    public var refusal: String? {
        if case .refused(let reason) = self { return reason }
        return nil
    }
}
