/// MCP protocol revisions this client speaks, newest first.
public enum ProtocolVersion {
    /// The stateless revision (no handshake); tasks live in the `io.modelcontextprotocol/tasks` extension.
    public static let rev20260728 = "2026-07-28"
    /// The revision with core tasks.
    public static let rev20251125 = "2025-11-25"
    public static let rev20250618 = "2025-06-18"
    public static let rev20250326 = "2025-03-26"
    public static let rev20241105 = "2024-11-05"

    /// What `initialize` may negotiate, newest first. Older revisions simply have no tasks.
    public static let supported = [rev20251125, rev20250618, rev20250326, rev20241105]

    /// The revision a client asks for first.
    public static let latest = rev20251125

    /// Whether the revision has core tasks (SEP-1686).
    public static func hasCoreTasks(_ version: String) -> Bool { version == rev20251125 }
}
