/// Safety limits applied to every YAML file before and after it is composed,
/// so that a hostile or broken file gets an error instead of a hang or a crash.
public struct YAMLLimits: Sendable {
    /// Largest file accepted, in bytes.
    public var maxBytes: Int
    /// Deepest nesting of collections accepted (an upper bound estimated before parsing).
    public var maxDepth: Int
    /// Most nodes the document may expand to once aliases are followed.
    public var maxExpandedNodes: Int
    /// Most bytes of scalar text the document may expand to once aliases are followed: a few
    /// nodes that each repeat a large anchored text cost what their text costs, not one node.
    public var maxExpandedBytes: Int

    public init(maxBytes: Int, maxDepth: Int, maxExpandedNodes: Int, maxExpandedBytes: Int? = nil) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxExpandedNodes = maxExpandedNodes
        self.maxExpandedBytes = maxExpandedBytes ?? 2 * maxBytes
    }

    /// Entries are short documents; an atlas page with full text stays far below these (a file
    /// of the largest size without aliases expands to its own size, half the byte budget).
    public static let entry = YAMLLimits(maxBytes: 4 << 20, maxDepth: 64, maxExpandedNodes: 200_000)
    /// Rule files nest examples inside rules and carry lexicons.
    public static let rulePack = YAMLLimits(maxBytes: 8 << 20, maxDepth: 64, maxExpandedNodes: 500_000)
}
