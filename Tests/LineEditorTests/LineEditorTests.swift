import LineEditor
import Testing

#if canImport(Glibc)
    import Glibc
#endif

private func readFile(_ path: String) -> String? {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count == 0 { break }
        bytes += buffer[0..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
}

@Suite struct LineEditorTests {
    @Test func rememberWritesTheHistoryFile() async throws {
        var template = Array("/tmp/mcptask-history-XXXXXX".utf8CString)
        let directory = try #require(mkdtemp(&template))
        let path = String(cString: directory) + "/history"
        defer {
            unlink(path)
            rmdir(directory)
        }
        #expect(access(path, F_OK) != 0)
        let editor = LineEditor(programName: "mcptask-tests", historyPath: path)
        editor.remember("tools list x-marker")
        await editor.flush()
        #expect(access(path, F_OK) == 0)
        let contents = try #require(readFile(path))
        #expect(contents.contains("x-marker"))
    }
}
