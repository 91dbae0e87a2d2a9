import MCPCore

extension DemoTool {
    /// `slow_count` (optional task): counts to n, one step per `delay` seconds, with progress and status.
    static let slowCount = DemoTool(
        name: "slow_count", title: "Slow count",
        description: "Counts to n, waiting delay seconds before each step and reporting progress",
        taskSupport: .optional,
        properties: [
            "n": ["type": "integer", "default": 5, "minimum": 1, "description": "How far to count"],
            "delay": ["type": "number", "default": 0.2, "minimum": 0, "description": "Seconds per step"],
        ],
        outputSchema: ["type": "object", "properties": ["count": ["type": "integer"]], "required": ["count"]]
    ) { arguments throws(ResponseError) in
        let count = try arguments.integer("n", default: 5, minimum: 1)
        let delay = try arguments.number("delay", default: 0.2, minimum: 0)
        return { context in
            for step in 1...count {
                try await Task.sleep(for: .seconds(delay))
                context.progress(step, total: count, message: "step \(step)/\(count)")
                context.statusMessage("counted \(step)/\(count)")
            }
            return ToolResult.text("counted to \(count)", structured: ["count": .int(count)])
        }
    }

    /// `flood` (forbidden, `--bench` only): `count` progress notifications as fast as possible, or log lines
    /// when the call has no progress token (progress needs one).
    static let flood = DemoTool(
        name: "flood", title: "Flood",
        description: "Sends count progress notifications as fast as possible (client benchmarks)",
        taskSupport: nil,
        properties: ["count": ["type": "integer", "minimum": 0, "description": "How many notifications"]],
        required: ["count"]
    ) { arguments throws(ResponseError) in
        let count = try arguments.integer("count", minimum: 0)
        return { context in
            for step in stride(from: 1, through: count, by: 1) {
                if step % 1024 == 0 {
                    try Task.checkCancellation()
                    await Task.yield()
                }
                if context.progressToken != nil {
                    context.progress(step, total: count, message: nil)
                } else {
                    context.log("flood \(step)/\(count)")
                }
            }
            return ToolResult.text("flooded \(count)")
        }
    }
}
