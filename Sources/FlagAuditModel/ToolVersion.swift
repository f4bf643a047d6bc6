/// The version of flagaudit itself, in every output beside the rule pack's (semantic
/// versioning: CHANGELOG.md says what each release changed).
public enum ToolVersion {
    public static let name = "flagaudit"
    public static let current = "0.3.0"
}
