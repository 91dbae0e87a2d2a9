import MCPCore
import Testing

/// The 2026-07-28 types against every modern exchange in the real traces.
@Suite("Real traces, 2026-07-28 wire")
struct ModernTraceTests {
    /// Exchanges whose request carried the 2026-07-28 envelope.
    private func modernExchanges() throws -> [TraceExchange] {
        try Traces.load().flatMap { try $0.exchanges() }.filter { exchange in
            exchange.params?["_meta"]?[MetaKey.protocolVersion]?.stringValue == ProtocolVersion.rev20260728
        }
    }

    @Test("every enveloped answer decodes as the type its method has on the new wire")
    func everyAnswerDecodes() throws {
        var counts: [String: Int] = [:]
        for exchange in try modernExchanges() {
            guard let result = exchange.result else { continue }
            let location = exchange.response.location
            switch exchange.method {
            case DiscoverRequest.method:
                let discover = try JSONValueDecoder.decode(DiscoverResult.self, from: result)
                #expect(discover.isModern && discover.offersTasks, "\(location)")
                #expect(discover.serverInfo?.name == "lab-fastmcp4-server", "\(location)")
            case CallToolRequest.method:
                _ = try JSONValueDecoder.decode(ExtensionCallResponse.self, from: result)
            case GetDetailedTaskRequest.method:
                let task = try JSONValueDecoder.decode(DetailedTask.self, from: result)
                #expect(task.pollIntervalMs != nil && task.ttlMs != nil, "\(location)")
                #expect((task.status == .completed) == (task.result != nil), "\(location)")
                #expect((task.status == .failed) == (task.error != nil), "\(location)")
                #expect((task.status == .inputRequired) == (task.inputRequests != nil), "\(location)")
            case UpdateTaskRequest.method, AcknowledgedCancelRequest.method:
                _ = try JSONValueDecoder.decode(EmptyResult.self, from: result)
            default:
                continue
            }
            counts[exchange.method, default: 0] += 1
        }
        for method in ["server/discover", "tools/call", "tasks/get", "tasks/update", "tasks/cancel"] {
            #expect(counts[method, default: 0] > 0, "no \(method) answer decoded: \(counts)")
        }
    }

    @Test("tools/call answers all three ways: result, task, input required")
    func callShapes() throws {
        var seen: Set<String> = []
        for exchange in try modernExchanges() where exchange.method == CallToolRequest.method {
            guard let result = exchange.result else { continue }
            switch try JSONValueDecoder.decode(ExtensionCallResponse.self, from: result) {
            case .result: seen.insert("result")
            case .task(let task):
                seen.insert("task")
                #expect(task.status == .working, "\(exchange.response.location)")
                #expect(task.info.ttl == task.ttlMs && task.info.pollInterval == task.pollIntervalMs)
            case .inputRequired(let input):
                seen.insert("input")
                #expect(input.requestState?.stringValue?.hasPrefix("v1.") == true, "\(exchange.response.location)")
                #expect(input.inputRequests.values.allSatisfy { $0.elicitation != nil })
            }
        }
        #expect(seen == ["result", "task", "input"])
    }

    @Test("an input_required task's requests are elicitations, keyed by server-minted keys")
    func inputRequests() throws {
        let file = try Traces.file("fastmcp4-stdio-modern-input-accept.jsonl")
        let asking = try file.exchanges().compactMap { exchange -> DetailedTask? in
            guard exchange.method == "tasks/get", let result = exchange.result else { return nil }
            let task = try JSONValueDecoder.decode(DetailedTask.self, from: result)
            return task.status == .inputRequired ? task : nil
        }
        let first = try #require(asking.first)
        let (key, request) = try #require(first.inputRequests?.first)
        #expect(key.hasPrefix(first.taskId + ":"))
        #expect(request.elicitation?.message == "Please tell us about you")
        #expect(request.elicitation?.requestedSchema?["properties"]?["age"] != nil)
    }

    @Test("a failed task carries the JSON-RPC error inline, data kept")
    func failedTask() throws {
        let file = try Traces.file("fastmcp4-stdio-modern-task-fail.jsonl")
        let failed = try file.exchanges().compactMap { exchange -> DetailedTask? in
            guard exchange.method == "tasks/get", let result = exchange.result else { return nil }
            let task = try JSONValueDecoder.decode(DetailedTask.self, from: result)
            return task.status == .failed ? task : nil
        }
        let task = try #require(failed.first)
        #expect(task.error?.code == ErrorCode(-32000))
        #expect(task.error?.data?["lab"] == true)
    }

    @Test("the envelope stamps params._meta and keeps a progress token")
    func envelope() throws {
        let envelope = RequestEnvelope.mcptask(clientInfo: Implementation(name: "mcptask", version: "0.1.0"))
        let stamped = envelope.stamp(["name": "x", "_meta": ["progressToken": "p1"]])
        let meta = try #require(stamped["_meta"])
        #expect(meta["progressToken"] == "p1")
        #expect(meta[MetaKey.protocolVersion] == "2026-07-28")
        #expect(meta[MetaKey.clientCapabilities]?["extensions"]?[Extension.tasks] == [:])
        #expect(meta[MetaKey.clientInfo]?["name"] == "mcptask")
        let plain = RequestEnvelope.mcptask(clientInfo: Implementation(name: "m", version: "1"), tasks: false)
        #expect(plain.stamp(nil)["_meta"]?[MetaKey.clientCapabilities]?["extensions"] == nil)
    }
}
