import MCPCore

/// The demo server without a process, for in-process tests of clients: it takes whole messages from
/// `messages` and hands each message it sends to `send`, until `messages` ends. `arguments` are the
/// executable's (`--fault`, `--poll-interval`, …).
package enum DemoServerInProcess {
    /// The arguments were not the demo server's; the message says why.
    package struct UsageError: Error, CustomStringConvertible {
        package var description: String
    }

    package static func serve(
        arguments: [String] = [], messages: AsyncStream<[UInt8]>, send: @escaping @Sendable ([UInt8]) -> Void
    ) async throws(UsageError) {
        guard case .run(let options) = DemoOptions.parse(arguments) else {
            throw UsageError(description: "not demo server arguments: \(arguments)")
        }
        let server = DemoServer(options: options, sink: FunctionSink(send: send))
        let (frames, feed) = AsyncStream.makeStream(of: LineFramer.Frame.self)
        await withDiscardingTaskGroup { group in
            group.addTask {
                for await message in messages { feed.yield(.line(message)) }
                feed.finish()
            }
            await server.serve(frames)
        }
    }
}

/// Hands each line to a function.
private struct FunctionSink: LineSink {
    let send: @Sendable ([UInt8]) -> Void
    func send(_ line: [UInt8]) { send(line) }
}
