/// What a 2026-07-28 `tools/call` answers: a tool result, a task (the server decided to make one), or a
/// request for input to be answered by retrying the call.
public enum ExtensionCallResponse: Decodable, Sendable, Equatable {
    case result(CallToolResult)
    case task(DetailedTask)
    case inputRequired(InputRequiredResult)

    public init(from decoder: any Decoder) throws {
        let json = try JSONValue(from: decoder)
        switch ResultType.of(json) {
        case .task: self = .task(try DetailedTask(from: decoder))
        case .inputRequired: self = .inputRequired(try InputRequiredResult(from: decoder))
        default: self = .result(try CallToolResult(from: decoder))
        }
    }
}
