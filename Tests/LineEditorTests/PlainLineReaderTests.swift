import LineEditor
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct PlainLineReaderTests {
    private func pipeWith(_ text: String, close closing: Bool = true) -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        _ = pipe(&ends)
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) }
        if closing { close(ends[1]) }
        return (ends[0], ends[1])
    }

    @Test func linesThenTheEnd() async {
        let ends = pipeWith("tools\r\ncall x n=1 &\n\nlast without newline")
        defer { close(ends.read) }
        let reader = PlainLineReader(fileDescriptor: ends.read)
        #expect(await reader.readLine() == "tools")
        #expect(await reader.readLine() == "call x n=1 &")
        #expect(await reader.readLine() == "")
        #expect(await reader.readLine() == "last without newline")
        #expect(await reader.readLine() == nil)
    }

    @Test func stopEndsAWaitingRead() async {
        // The writing end stays open: without stop() this read would wait forever.
        let ends = pipeWith("", close: false)
        defer {
            close(ends.read)
            close(ends.write)
        }
        let reader = PlainLineReader(fileDescriptor: ends.read)
        async let line = reader.readLine()
        reader.stop()
        #expect(await line == nil)
        #expect(await reader.readLine() == nil)
    }
}
