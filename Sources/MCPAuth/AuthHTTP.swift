import AsyncHTTPClient
import MCPCore
import NIOCore
import NIOHTTP1

/// The few HTTP exchanges of OAuth (metadata, registration, token), with one clear line when a host
/// cannot be reached. Request bodies may hold secrets: they are never logged or put in an error.
struct AuthHTTP: Sendable {
    struct Answer: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
        var json: JSONValue? { try? JSONParser.parse(body) }
    }

    var timeout: Duration = .seconds(30)

    func get(_ url: String) async throws(AuthFailure) -> Answer {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/json")
        return try await execute(request, url: url)
    }

    func postForm(_ url: String, _ parameters: [(String, String)]) async throws(AuthFailure) -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: FormEncoding.encode(parameters)))
        return try await execute(request, url: url)
    }

    func postJSON(_ url: String, _ document: JSONValue, headers: [(String, String)] = []) async throws(AuthFailure)
        -> Answer
    {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: JSONWriter.compact(document)))
        return try await execute(request, url: url)
    }

    private func execute(_ request: HTTPClientRequest, url: String) async throws(AuthFailure) -> Answer {
        let host = WebURL(url)?.authority ?? url
        var configuration = HTTPClient.Configuration()
        // A refused connection is an answer: say so at once instead of retrying until the deadline.
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let outcome: Result<Answer, AuthFailure>
        do {
            let response = try await client.execute(request, timeout: .seconds(timeout.components.seconds))
            let body = try await response.body.collect(upTo: 1024 * 1024)
            outcome = .success(
                Answer(
                    status: Int(response.status.code), headers: response.headers, body: Array(body.readableBytesView)))
        } catch {
            let text = String(describing: error)
            let why =
                text.contains("refused")
                ? "connection refused"
                : text.contains("Timeout") || text.contains("deadline")
                    ? "it did not answer in time"
                    : text.contains("UnknownHost") ? "its host name could not be resolved" : "the connection failed"
            outcome = .failure(AuthFailure(.unreachable, "cannot reach the authorization service at \(host): \(why)"))
        }
        try? await client.shutdown()
        return try outcome.get()
    }
}
