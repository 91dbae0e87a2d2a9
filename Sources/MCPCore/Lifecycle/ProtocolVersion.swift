/// MCP protocol revisions this client speaks, newest first.
public enum ProtocolVersion {
    /// The revision with core tasks.
    public static let v2025_11_25 = "2025-11-25"
    public static let v2025_06_18 = "2025-06-18"
    public static let v2025_03_26 = "2025-03-26"
    public static let v2024_11_05 = "2024-11-05"

    /// What `initialize` may negotiate, newest first. Older revisions simply have no tasks.
    public static let supported = [v2025_11_25, v2025_06_18, v2025_03_26, v2024_11_05]

    /// The revision a client asks for first.
    public static let latest = v2025_11_25

    /// Whether the revision has core tasks (SEP-1686).
    public static func hasCoreTasks(_ version: String) -> Bool { version == v2025_11_25 }
}
