import MCPCore

extension DemoTool {
    /// `must_be_task` (required task): echoes x.
    static let mustBeTask = DemoTool(
        name: "must_be_task", title: "Must be a task", description: "Echoes x; must be called as a task",
        taskSupport: .required, properties: ["x": ["type": "string"]], required: ["x"]
    ) { arguments throws(ResponseError) in
        let text = try arguments.string("x")
        return { _ in ToolResult.text("must_be_task: \(text)") }
    }

    /// `never_task` (no `execution` member, so forbidden): echoes x.
    static let neverTask = DemoTool(
        name: "never_task", title: "Never a task", description: "Echoes x; must not be called as a task",
        taskSupport: nil, properties: ["x": ["type": "string"]], required: ["x"]
    ) { arguments throws(ResponseError) in
        let text = try arguments.string("x")
        return { _ in ToolResult.text("never_task: \(text)") }
    }

    /// `fails` (optional task): always a tool error, so a task ends `failed`.
    static let fails = DemoTool(
        name: "fails", title: "Fails", description: "Always fails (a tool error; a task ends failed)",
        taskSupport: .optional
    ) { _ throws(ResponseError) in
        { _ in ToolResult.text("deliberate failure inside task", isError: true) }
    }

    /// `cancellable_sleep` (optional task): sleeps, stopping early when cancelled.
    static let cancellableSleep = DemoTool(
        name: "cancellable_sleep", title: "Cancellable sleep",
        description: "Sleeps for seconds, stopping early when cancelled", taskSupport: .optional,
        properties: ["seconds": ["type": "number", "default": 30, "minimum": 0, "description": "How long"]]
    ) { arguments throws(ResponseError) in
        let seconds = try arguments.number("seconds", default: 30, minimum: 0)
        return { _ in
            try await Task.sleep(for: .seconds(seconds))
            return ToolResult.text("slept \(ParamsReader.format(seconds))s")
        }
    }
}
