/// The areas checks are grouped by, in report order (`--only AREA`).
package enum CheckArea: String, Sendable, CaseIterable {
    case capabilities, modes, creation, get, status, notifications, input, result, list, cancel, ttl, session
    case robustness
}

/// The task wire a server speaks, which decides the checks that apply.
package enum WireKind: String, Sendable {
    /// MCP 2025-11-25 core tasks.
    case core
    /// The 2026-07-28 tasks extension (`io.modelcontextprotocol/tasks`).
    case `extension`
}
