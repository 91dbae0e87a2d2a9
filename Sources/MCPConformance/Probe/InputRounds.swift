import MCPCore

extension ProbeContext {
    /// Extension wire: declines, with one tasks/update, the questions of an `input_required` task that no
    /// earlier update answered. Only elicitations are answered (`{"action": "decline"}`, so a tool is never
    /// given made-up answers); each is recorded like a 2025-11-25 question. Nil when there was nothing new.
    func answerInputs(_ id: JSONValue, _ get: Exchange, _ earlier: [Exchange]) async -> Exchange? {
        let answered = Set(earlier.flatMap { $0.params?["inputResponses"]?.objectValue?.keys ?? [] })
        guard let asked = get.result?["inputRequests"]?.objectValue, case .object(var params) = id else { return nil }
        var responses: JSONObject = [:]
        for (key, request) in asked where !answered.contains(key) && request["method"] == "elicitation/create" {
            var recorded = request["params"]?.objectValue ?? [:]
            recorded["relatedTaskId"] = params["taskId"]
            recordElicitation(.object(recorded))
            responses[key] = ["action": "decline"]
        }
        guard !responses.isEmpty else { return nil }
        params["inputResponses"] = .object(responses)
        return await request("tasks/update", .object(params))
    }
}
