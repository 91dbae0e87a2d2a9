import Logging
import MCPCore
import MCPTransport
import Testing

private let logger = Logger(label: "test.stdio-framing")

/// What a connection to `sh -c script` delivered: its messages, and the error its inbound ended with.
private func read(_ script: String, options: StdioOptions) async throws -> (
    messages: [String], error: TransportError?
) {
    let command = StdioServerCommand(executable: "/bin/sh", arguments: ["-c", script])
    return try await StdioTransport.withConnection(to: command, options: options, logger: logger) { connection in
        var messages: [String] = []
        do {
            for try await frame in connection.inbound { messages.append(String(decoding: frame, as: UTF8.self)) }
            return (messages, nil)
        } catch let error as TransportError {
            return (messages, error)
        }
    }
}

/// A shell command writing `count` bytes of `a` and no newline.
private func letters(_ count: Int) -> String { "head -c \(count) /dev/zero | tr '\\0' a" }

@Suite(.timeLimit(.minutes(1))) struct StdioFramingTests {
    /// Issue defect 2: a cap under 1 MiB was reported as "larger than 0 MiB".
    @Test(arguments: [(1024, "1 KiB"), (1500, "1500 bytes"), (64 * 1024, "64 KiB")])
    func oversizedMessageNamesTheLimit(limit: Int, text: String) async throws {
        let script = "printf '{\"a\":1}\\n'; \(letters(limit + 1)); printf '\\n{\"b\":2}\\n'"
        let (messages, error) = try await read(script, options: StdioOptions(maximumFrameSize: limit))
        #expect(messages == ["{\"a\":1}"])
        #expect(error?.kind == .protocolViolation)
        #expect(
            error?.message
                == "the server sent a message larger than \(text); "
                + "raise --max-frame-size if this server really sends such messages")
    }

    @Test func messageOfTheLimitEndingInCRLFIsAccepted() async throws {
        let script = "\(letters(1024)); printf '\\r\\n{\"b\":2}\\r\\n'"
        let (messages, error) = try await read(script, options: StdioOptions(maximumFrameSize: 1024))
        #expect(error?.kind == .closed, "the server exits after the lines, which is no framing error")
        #expect(messages == [String(repeating: "a", count: 1024), "{\"b\":2}"])
    }

    /// The server holds its output open and waits: the client must fail on the bytes over the cap, not on the
    /// newline that never comes.
    @Test func oversizedMessageFailsBeforeItsEnd() async throws {
        let script = "\(letters(5000)); exec cat >/dev/null"
        let options = StdioOptions(maximumFrameSize: 1024, shutdownGrace: .milliseconds(300))
        let (messages, error) = try await read(script, options: options)
        #expect(messages.isEmpty)
        #expect(error?.kind == .protocolViolation)
    }

    /// Issue defect 3: after one stderr line over 64 KiB, every later stderr line was lost.
    @Test func stderrLinesAfterAnOversizedOneAreKept() async throws {
        let script = "echo before >&2; \(letters(70_000)) >&2; echo >&2; echo after >&2; echo last >&2; exit 3"
        let (_, error) = try await read(script, options: StdioOptions())
        let details = try #require(error).details
        #expect(details.contains { $0.contains("before") })
        #expect(details.contains { $0.contains("after") })
        #expect(details.contains { $0.contains("last") })
        #expect(!details.contains { $0.contains("aaaa") })
    }
}
