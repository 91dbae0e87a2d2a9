import Logging
import MCPCore
import MCPTransport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

private let logger = Logger(label: "test.stdio")

private func monotonicSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

@Suite(.timeLimit(.minutes(1))) struct StdioTransportTests {
    @Test func catEchoesFramesBack() async throws {
        let echoed = try await StdioTransport.withConnection(
            to: StdioServerCommand(executable: "/bin/cat"), logger: logger
        ) { connection in
            try await connection.send(Array("{\"jsonrpc\":\"2.0\",\"method\":\"x\"}".utf8))
            try await connection.send(Array("{\"second\":\"\u{2028}\"}".utf8))
            var received: [String] = []
            for try await frame in connection.inbound {
                received.append(String(decoding: frame, as: UTF8.self))
                if received.count == 2 { break }
            }
            return received
        }
        #expect(echoed == ["{\"jsonrpc\":\"2.0\",\"method\":\"x\"}", "{\"second\":\"\u{2028}\"}"])
    }

    @Test func missingCommandFailsToConnect() async throws {
        let error = await #expect(throws: TransportError.self) {
            try await StdioTransport.withConnection(
                to: StdioServerCommand(executable: "mcptask-no-such-command-xyz"), logger: logger
            ) { _ in 0 }
        }
        #expect(error?.kind == .connectFailed)
        #expect(error?.message.contains("not found") == true)
    }

    @Test func missingAbsolutePathFailsToConnect() async throws {
        let error = await #expect(throws: TransportError.self) {
            try await StdioTransport.withConnection(
                to: StdioServerCommand(executable: "/nonexistent/mcptask-server"), logger: logger
            ) { _ in 0 }
        }
        #expect(error?.kind == .connectFailed)
        #expect(error?.message.contains("not found") == true)
    }

    @Test func exitingServerEndsInboundWithStatusAndStderr() async throws {
        let command = StdioServerCommand(executable: "/bin/sh", arguments: ["-c", "echo bye >&2; exit 3"])
        let failure: TransportError? = try await StdioTransport.withConnection(to: command, logger: logger) {
            connection in
            do {
                for try await _ in connection.inbound {}
                return nil
            } catch let error as TransportError {
                return error
            }
        }
        let error = try #require(failure)
        #expect(error.kind == .closed)
        #expect(error.message.contains("status 3"))
        #expect(error.details.contains { $0.contains("bye") })
    }

    @Test func serverIgnoringEndOfInputIsTornDown() async throws {
        let command = StdioServerCommand(executable: "/bin/sh", arguments: ["-c", "trap '' TERM; sleep 3600"])
        let options = StdioOptions(shutdownGrace: .milliseconds(300))
        let start = monotonicSeconds()
        let pid = try await StdioTransport.withConnection(to: command, options: options, logger: logger) {
            connection in connection.processID
        }
        let elapsed = monotonicSeconds() - start
        #expect(pid > 0)
        // The server would run for an hour: the bound tells teardown from waiting it out, and is wide because
        // the whole suite in parallel on 2 cores has stalled this test for 12 s (it takes 0.6 s alone).
        #expect(elapsed < 300, "teardown took \(elapsed)s")
    }

    @Test func sleepingServerIsTornDown() async throws {
        let command = StdioServerCommand(executable: "sleep", arguments: ["3600"])
        let options = StdioOptions(shutdownGrace: .milliseconds(300))
        let start = monotonicSeconds()
        let value = try await StdioTransport.withConnection(to: command, options: options, logger: logger) { _ in 7 }
        #expect(value == 7)
        #expect(monotonicSeconds() - start < 300)  // As above: an hour's sleep, a bound that does not race.
    }
}
