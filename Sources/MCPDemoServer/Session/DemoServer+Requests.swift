import MCPCore

/// A request's answer, and the task it started (whose work begins once the answer is written).
struct Reply: Sendable {
    var outcome: Result<JSONValue, ResponseError>
    var startedTask: StartedTask?

    static func result(_ result: JSONValue) -> Reply { Reply(outcome: .success(result)) }
    static func error(_ error: ResponseError) -> Reply { Reply(outcome: .failure(error)) }
}

/// A task created by `tools/call`, with the work to run for it.
struct StartedTask: Sendable {
    let taskID: String
    let run: ToolRun
    let context: ToolContext
    /// A task of the 2026-07-28 tasks extension, whose outcome tasks/get carries.
    var onExtensionWire = false
}

extension DemoServer {
    /// Routes every request but `initialize`.
    func reply(to method: String, params: JSONValue?, id: RequestID) async -> Reply {
        if stateless { return await statelessReply(to: method, params: params, id: id) }
        if method == PingRequest.method { return .result([:]) }
        guard let session else {
            return .error(
                ResponseError(
                    code: .invalidRequest, message: "Server not initialized: send 'initialize' before '\(method)'"))
        }
        do throws(ResponseError) {
            switch method {
            case ListToolsRequest.method: return .result(try listTools(params))
            case CallToolRequest.method: return try await callTool(params, session: session)
            case "logging/setLevel": return .result(try setLogLevel(params))
            case GetTaskRequest.method, GetTaskPayloadRequest.method, ListTasksRequest.method,
                CancelTaskRequest.method:
                guard session.tasksEnabled else {
                    throw .methodNotFound("Method not found: \(method) (this session has no tasks)")
                }
                return try await taskMethod(method, params)
            default:
                if deviates(.unknownMethodCode) {
                    throw ResponseError(code: .internalError, message: "Internal error handling \(method)")
                }
                throw .methodNotFound("Method not found: \(method)")
            }
        } catch {
            return .error(error)
        }
    }

    /// Negotiates the revision (the client's if supported, else the latest) and declares capabilities.
    func initialize(_ params: JSONValue?) -> Result<JSONValue, ResponseError> {
        guard session == nil else {
            return .failure(ResponseError(code: .invalidRequest, message: "initialize was already received"))
        }
        do throws(ResponseError) {
            let reader = try ParamsReader(params: params, method: InitializeRequest.method)
            let requested = try reader.string("protocolVersion")
            guard let capabilities = try reader.optionalObject("capabilities") else {
                throw reader.fail("capabilities", "is required")
            }
            guard let clientInfo = try reader.optionalObject("clientInfo") else {
                throw reader.fail("clientInfo", "is required")
            }
            guard clientInfo["name"]?.stringValue != nil, clientInfo["version"]?.stringValue != nil else {
                throw reader.fail("clientInfo", "must have a string 'name' and 'version'")
            }
            let clientCapabilities: ClientCapabilities
            do {
                clientCapabilities = try JSONValueDecoder.decode(ClientCapabilities.self, from: .object(capabilities))
            } catch {
                throw .invalidParams("Invalid params for initialize: \(describe(error, method: "capabilities"))")
            }
            let served = options.handshakeVersions
            let version = served.contains(requested) ? requested : served.first ?? ProtocolVersion.latest
            let tasksEnabled =
                ProtocolVersion.hasCoreTasks(version) && options.fault != .noTasks && !deviates(.modesWithoutTasks)
            session = Session(
                protocolVersion: version, clientCapabilities: clientCapabilities, tasksEnabled: tasksEnabled)
            let declaresTasks = tasksEnabled && !deviates(.undeclaredTasks)
            let taskCapabilities = ServerTaskCapabilities(list: [:], cancel: [:], requests: ["tools": ["call": [:]]])
            let result = InitializeResult(
                protocolVersion: version,
                capabilities: ServerCapabilities(
                    tools: [:], logging: [:], tasks: declaresTasks ? taskCapabilities : nil),
                serverInfo: Implementation(name: "mcptask-demo", version: "0.1.0"))
            return .success((try? JSONValueEncoder.encode(result)) ?? [:])
        } catch {
            return .failure(error)
        }
    }

    func listTools(_ params: JSONValue?) throws(ResponseError) -> JSONValue {
        let reader = try ParamsReader(params: params, method: ListToolsRequest.method)
        if let cursor = try reader.optionalString("cursor") {
            throw .invalidParams("Invalid cursor '\(cursor)' for tools/list: this server lists everything at once")
        }
        // `--deviate undeclared-tasks` hides the task modes along with the capability.
        let definitions = toolList.map { tool in
            deviates(.undeclaredTasks) ? tool.definition.removing("execution") : tool.definition
        }
        var result: [String: JSONValue] = ["tools": .array(definitions)]
        if options.fault == .oversized {
            result["_meta"] = ["padding": .string(String(repeating: "x", count: 17 << 20))]
        }
        return .object(result)
    }

    /// `logging/setLevel`: only the `flood` tool logs, at `info`.
    func setLogLevel(_ params: JSONValue?) throws(ResponseError) -> JSONValue {
        let reader = try ParamsReader(params: params, method: "logging/setLevel")
        let levels = ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"]
        let level = try reader.string("level")
        guard let rank = levels.firstIndex(of: level) else {
            throw reader.fail("level", "must be one of \(levels.joined(separator: ", ")), got '\(level)'")
        }
        logsInfo = rank <= 1
        return [:]
    }
}

extension JSONValue {
    /// The object with `key` set to `value`; anything else unchanged.
    func setting(_ key: String, to value: JSONValue) -> JSONValue {
        guard case .object(var members) = self else { return self }
        members[key] = value
        return .object(members)
    }

    /// The object without `key`; anything else unchanged.
    func removing(_ key: String) -> JSONValue {
        guard case .object(var members) = self else { return self }
        members.removeValue(forKey: key)
        return .object(members)
    }
}
