/// Exit statuses of cli.md: 0 clean, 1 findings at or above the failing threshold, 2 the result
/// cannot be trusted (unusable rule pack, unreadable input, refused output, usage error).
public enum ExitStatus {
    public static let clean: Int32 = 0
    public static let findings: Int32 = 1
    public static let untrusted: Int32 = 2
}
