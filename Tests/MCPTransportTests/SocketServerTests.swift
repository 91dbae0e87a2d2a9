import MCPCore
import MCPTransport
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The session's listener: each connection's lines go to callbacks on its event loop, with no task per
/// connection, and its end is reported once.
@Suite(.timeLimit(.minutes(1))) struct SocketServerTests {
    @Test("each line reaches the peer's callback in order, what it sends comes back in order, its end is told")
    func echoesInOrder() async throws {
        try await withEchoServer(maximumFrameSize: 1 << 20) { path, ends in
            let echoed = try await UnixSocket.withConnection(to: path, maximumFrameSize: 1 << 20) { connection in
                for word in ["one", "two", "three"] { try await connection.send(Array(word.utf8)) }
                var echoed: [String] = []
                for try await frame in connection.inbound {
                    echoed.append(String(decoding: frame, as: UTF8.self))
                    if echoed.count == 3 { break }
                }
                return echoed
            }
            #expect(echoed == ["one", "two", "three"])
            #expect(await ends.next() == "closed")
        }
    }

    @Test("a line over the cap closes the connection and is reported as why")
    func oversizedLineCloses() async throws {
        try await withEchoServer(maximumFrameSize: 16) { path, ends in
            let reply = try await UnixSocket.withConnection(to: path, maximumFrameSize: 1 << 20) { connection in
                try await connection.send(Array(repeating: UInt8(ascii: "x"), count: 64))
                var frames = 0
                for try await _ in connection.inbound { frames += 1 }
                return frames
            }
            #expect(reply == 0)
            #expect(await ends.next()?.hasPrefix("broke: a message larger than") == true)
        }
    }

    @Test("stopping the listener closes the connections still open")
    func stoppingClosesConnections() async throws {
        let directory = makeSocketDirectory()
        let path = directory + "/s"
        let (ends, ended) = AsyncStream<String>.makeStream()
        let (readiness, ready) = AsyncStream<Void>.makeStream()
        let server = Task {
            try await UnixSocket.serve(at: path, maximumFrameSize: 1024, ready: { ready.yield() }) { peer in
                SocketPeerEvents(received: { peer.send($0) }, closed: { _ in ended.yield("closed") })
            }
        }
        for await _ in readiness { break }
        let frames = try await UnixSocket.withConnection(to: path, maximumFrameSize: 1024) { connection in
            try await connection.send(Array("hello".utf8))
            var frames: [String] = []
            for try await frame in connection.inbound {
                frames.append(String(decoding: frame, as: UTF8.self))
                // Once the listener has surely accepted us (it answered), it is stopped: the stream ends.
                if frames.count == 1 { server.cancel() }
            }
            return frames
        }
        #expect(frames == ["hello"])
        var iterator = ends.makeAsyncIterator()
        #expect(await iterator.next() == "closed")
        try await server.value
        rmdir(directory)
    }

    /// Runs a listener at a fresh path that echoes every line, for `body`; `ends` yields "closed" or
    /// "broke: why" as each connection ends.
    private func withEchoServer(
        maximumFrameSize: Int, _ body: (String, inout AsyncStream<String>.Iterator) async throws -> Void
    ) async throws {
        let directory = makeSocketDirectory()
        let path = directory + "/s"
        let (ends, ended) = AsyncStream<String>.makeStream()
        let (readiness, ready) = AsyncStream<Void>.makeStream()
        let server = Task {
            try await UnixSocket.serve(at: path, maximumFrameSize: maximumFrameSize, ready: { ready.yield() }) {
                peer in
                SocketPeerEvents(
                    received: { peer.send($0) },
                    closed: { failure in
                        ended.yield(failure.map { "broke: \(($0 as? TransportError)?.message ?? "\($0)")" } ?? "closed")
                    })
            }
        }
        defer { server.cancel() }
        for await _ in readiness { break }
        var iterator = ends.makeAsyncIterator()
        try await body(path, &iterator)
        server.cancel()
        try await server.value
        unlink(path)
        rmdir(directory)
    }
}

private func makeSocketDirectory() -> String {
    var template = Array("/tmp/mcptask-socket-XXXXXX".utf8CString)
    let path = template.withUnsafeMutableBufferPointer { buffer in
        mkdtemp(buffer.baseAddress!).map { String(cString: $0) }
    }
    return path ?? "/tmp"
}
