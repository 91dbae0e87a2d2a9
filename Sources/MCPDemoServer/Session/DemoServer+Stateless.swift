import MCPCore

/// MCP 2026-07-28 (served when `--protocol-versions` includes it): no handshake, every request carries the
/// envelope (protocol version and client capabilities in `params._meta`), every result names its
/// `resultType` and the server, there are no server-to-client requests, and tasks are the
/// `io.modelcontextprotocol/tasks` extension's. A stdio connection's first request decides its generation,
/// as on dual-era servers: `initialize` keeps it on the handshake, an enveloped request makes it stateless.
extension DemoServer {
    /// The envelope of one 2026-07-28 request.
    struct Envelope: Sendable {
        var clientCapabilities: JSONObject
        /// The client listed the tasks extension for this request, so the server may answer with a task.
        var declaresTasks: Bool { clientCapabilities["extensions"]?[Extension.tasks] != nil }
        var canElicitForms: Bool {
            guard let elicitation = clientCapabilities["elicitation"]?.objectValue else { return false }
            return elicitation["form"] != nil || elicitation["url"] == nil
        }
    }

    static let serverInfo = Implementation(name: "mcptask-demo", version: "0.1.0")

    var acceptsHandshake: Bool { !stateless && !options.handshakeVersions.isEmpty }
    /// The tasks extension is offered, unless `--fault no-tasks`.
    var offersTasks: Bool { options.fault != .noTasks }

    /// A connection's first request that carries the 2026-07-28 envelope makes it stateless.
    func noteGeneration(of params: JSONValue?) {
        guard options.servesStateless, session == nil, !stateless else { return }
        if params?["_meta"]?[MetaKey.protocolVersion] != nil { stateless = true }
    }

    /// `initialize` on a stateless connection, or on a server that serves no handshake revision: -32022
    /// listing what is served (FastMCP 4 answers the same).
    func refuseHandshake(_ params: JSONValue?) -> Result<JSONValue, ResponseError> {
        let requested = params?["protocolVersion"] ?? .null
        let why = stateless ? "this connection serves 2026-07-28" : "this server serves only 2026-07-28"
        return .failure(
            ResponseError(
                code: .unsupportedProtocolVersion, message: "Unsupported protocol version: \(why), without initialize",
                data: ["supported": [.string(ProtocolVersion.rev20260728)], "requested": requested]))
    }

    /// Routes a request of a stateless connection; every result gets `resultType` and the server's name.
    func statelessReply(to method: String, params: JSONValue?, id: RequestID) async -> Reply {
        var reply: Reply
        do throws(ResponseError) {
            let envelope = try Self.envelope(of: params, method: method)
            reply = try await route(method, params, envelope: envelope, id: id)
        } catch {
            reply = .error(error)
        }
        if case .success(let result) = reply.outcome { reply.outcome = .success(Self.stamped(result)) }
        return reply
    }

    private func route(
        _ method: String, _ params: JSONValue?, envelope: Envelope, id: RequestID
    ) async throws(ResponseError) -> Reply {
        switch method {
        case DiscoverRequest.method: return .result(discoverResult())
        case ListToolsRequest.method: return .result(try statelessToolList(params))
        case CallToolRequest.method: return try await statelessCall(params, envelope: envelope)
        case "logging/setLevel": return .result(try setLogLevel(params))
        case TaskSubscriptions.listenMethod: return try await listen(params, envelope: envelope, id: id)
        case GetTaskRequest.method, UpdateTaskRequest.method, CancelTaskRequest.method:
            guard offersTasks else {
                throw .methodNotFound("Method not found: \(method) (this server offers no tasks)")
            }
            guard envelope.declaresTasks else {
                throw Self.missingTasksExtension("\(method) belongs to the tasks extension")
            }
            return .result(try extensionTaskMethod(method, params))
        default:
            // ping, tasks/result and tasks/list are gone on 2026-07-28.
            if deviates(.unknownMethodCode) {
                throw ResponseError(code: .internalError, message: "Internal error handling \(method)")
            }
            throw .methodNotFound("Method not found: \(method)")
        }
    }

    /// The envelope, or -32602 when it is missing or incomplete, -32022 for another revision.
    static func envelope(of params: JSONValue?, method: String) throws(ResponseError) -> Envelope {
        let reader = try ParamsReader(params: params, method: method)
        guard let meta = try reader.optionalObject("_meta") else {
            throw reader.fail("_meta", "must carry the 2026-07-28 envelope (protocol version, client capabilities)")
        }
        guard let version = meta[MetaKey.protocolVersion]?.stringValue else {
            throw reader.fail("_meta", "has no string '\(MetaKey.protocolVersion)'")
        }
        guard version == ProtocolVersion.rev20260728 else {
            throw ResponseError(
                code: .unsupportedProtocolVersion, message: "Unsupported protocol version",
                data: ["supported": [.string(ProtocolVersion.rev20260728)], "requested": .string(version)])
        }
        guard let capabilities = meta[MetaKey.clientCapabilities]?.objectValue else {
            throw reader.fail("_meta", "has no object '\(MetaKey.clientCapabilities)'")
        }
        return Envelope(clientCapabilities: capabilities)
    }

    /// -32021 naming the tasks extension as the capability the request lacks.
    static func missingTasksExtension(_ why: String) -> ResponseError {
        ResponseError(
            code: .missingRequiredClientCapability,
            message: "Missing required client capability: \(why); declare \(Extension.tasks) in the request",
            data: ["requiredCapabilities": ["extensions": [Extension.tasks: [:]]]])
    }

    /// `server/discover`: the revisions served, the tools, and the tasks extension.
    func discoverResult() -> JSONValue {
        let versions = [ProtocolVersion.rev20260728] + options.handshakeVersions
        let extensions: JSONValue = offersTasks ? [Extension.tasks: [:]] : [:]
        return [
            "supportedVersions": .array(versions.map { .string($0) }),
            "capabilities": ["tools": [:], "logging": [:], "extensions": extensions],
        ]
    }

    /// The tools without `execution`: 2026-07-28 has no task modes; the server decides per call.
    func statelessToolList(_ params: JSONValue?) throws(ResponseError) -> JSONValue {
        guard case .object(var members) = try listTools(params) else { return [:] }
        members["tools"] = members["tools"]?.arrayValue.map { tools in
            .array(
                tools.map { tool in
                    guard case .object(var definition) = tool else { return tool }
                    definition.removeValue(forKey: "execution")
                    return .object(definition)
                })
        }
        return .object(members)
    }

    /// A result with `resultType` (`complete` unless it says otherwise) and the server in its `_meta`.
    static func stamped(_ result: JSONValue) -> JSONValue {
        guard case .object(var members) = result else { return result }
        if members["resultType"] == nil { members["resultType"] = "complete" }
        var meta = members["_meta"]?.objectValue ?? [:]
        meta[MetaKey.serverInfo] = (try? JSONValueEncoder.encode(serverInfo)) ?? .null
        members["_meta"] = .object(meta)
        return .object(members)
    }
}
