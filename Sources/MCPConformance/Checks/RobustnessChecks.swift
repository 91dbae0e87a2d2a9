import MCPCore

/// Probes of how the server takes requests it cannot serve, and a last one that it is still there.
enum RobustnessChecks {
    static let all: [ConformanceCheck] = [
        ConformanceCheck(
            "robustness.unknown-method", .robustness, clause: "JSON-RPC 2.0 §5.1; 2025-11-25 basic §Error handling",
            title: "an unknown method answers -32601", wires: [.core, .extension], probe: unknownMethod),
        ConformanceCheck(
            "robustness.malformed-params", .robustness, clause: "JSON-RPC 2.0 §5.1; 2025-11-25 basic §Error handling",
            title: "a request with a parameter of the wrong type answers -32602", wires: [.core, .extension],
            probe: malformedParams),
        ConformanceCheck(
            "robustness.alive", .robustness, clause: "2025-11-25 basic §Lifecycle",
            title: "the server still answers after every probe", wires: [.core, .extension], probe: alive),
    ]

    static func unknownMethod(_ context: ProbeContext) async -> CheckFinding {
        let call = await context.request("mcptask/no-such-method", [:])
        if call.errorCode == -32601 { return .pass("answered -32601", call.evidence) }
        return .fail("answered \(call.answered), not -32601", call.evidence)
    }

    static func malformedParams(_ context: ProbeContext) async -> CheckFinding {
        // On 2026-07-28 over HTTP a tools/call name is also a header (Mcp-Name), checked before the body, so
        // that wire gets tasks/get with a numeric taskId instead (a missing Mcp-Name is accepted there).
        let call =
            context.wire == .core
            ? await context.request("tools/call", ["name": 42, "arguments": [:]])
            : await context.request("tasks/get", ["taskId": 42])
        if call.errorCode == -32602 { return .pass("answered -32602", call.evidence) }
        if call.error != nil { return .warn("refused with \(call.answered), not -32602", call.evidence) }
        return .fail("answered \(call.answered) to malformed params", call.evidence)
    }

    static func alive(_ context: ProbeContext) async -> CheckFinding {
        // ping is gone on 2026-07-28; tools/list exists on both.
        let call = await context.request("tools/list", [:])
        if call.result != nil { return .pass("tools/list still answers", [call.evidence[0]]) }
        return .fail("the server stopped answering: \(call.answered)", call.evidence)
    }
}
