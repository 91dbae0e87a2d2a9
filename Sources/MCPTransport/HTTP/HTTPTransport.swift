import AsyncHTTPClient
import Logging
import MCPCore
import NIOCore

/// Connects to a Streamable HTTP MCP endpoint and runs `body` with the connection. The connection's
/// streams live in a task group owned by this scope; on the way out the session is closed with DELETE
/// (405 tolerated) unless the endpoint or the caller (`keepSessionOpen()`) keeps it for tasks that must stay
/// reachable.
public enum HTTPTransport {
    public static func withConnection<Result: Sendable>(
        to endpoint: HTTPEndpoint,
        options: HTTPOptions = HTTPOptions(),
        logger: Logger,
        _ body: @Sendable (HTTPConnection) async throws -> Result
    ) async throws -> Result {
        var configuration = HTTPClient.Configuration()
        let seconds = max(1, options.connectTimeout.components.seconds)
        // No read timeout: a healthy task stream may be quiet for a long time.
        configuration.timeout = .init(connect: .seconds(seconds), read: nil)
        // A refused connection is an answer: say so at once instead of retrying until the deadline.
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let (jobs, jobQueue) = AsyncStream<@Sendable () async -> Void>.makeStream()
        let connection = HTTPConnection(
            endpoint: endpoint, options: options, client: client, logger: logger, jobs: jobQueue)
        let outcome: Swift.Result<Result, any Error> = await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withTaskGroup(of: Void.self) { streams in
                    for await job in jobs { streams.addTask(operation: job) }
                }
            }
            let outcome: Swift.Result<Result, any Error>
            do {
                outcome = .success(try await body(connection))
            } catch {
                outcome = .failure(error)
            }
            connection.state.withLock { $0.closing = true }
            jobQueue.finish()
            group.cancelAll()
            await close(connection, endpoint: endpoint, logger: logger)
            return outcome
        }
        try? await client.shutdown()
        return try outcome.get()
    }

    /// Ends the server-side session with DELETE, unless it must outlive this command.
    private static func close(_ connection: HTTPConnection, endpoint: HTTPEndpoint, logger: Logger) async {
        let kept = endpoint.keepSession || connection.state.withLock { $0.keepsSession }
        guard !kept, let session = connection.sessionID else { return }
        let request = connection.makeRequest(.DELETE, accept: "application/json, text/event-stream")
        do {
            let response = try await connection.client.execute(request, timeout: .seconds(5))
            _ = try? await response.body.collect(upTo: 64 * 1024)
            logger.debug("closed session \(session) (HTTP \(response.status.code))")
        } catch {
            logger.debug("could not close session \(session): \(error)")
        }
    }
}
