import MCPCore

/// Where an elicitation came from, so the answerer can say who is asking.
public struct ElicitationContext: Sendable {
    public var requestID: RequestID
    /// The task the request belongs to, when the server marked it.
    public var relatedTaskID: String?

    public init(requestID: RequestID, relatedTaskID: String?) {
        self.requestID = requestID
        self.relatedTaskID = relatedTaskID
    }
}

/// Answers an `elicitation/create` from the server.
public typealias ElicitationHandler = @Sendable (ElicitRequest, ElicitationContext) async -> ElicitResult
