import Testing

@testable import LineEditor

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct PromptTextTests {
    @Test func escapeSequencesAreBracketedForLibedit() {
        #expect(PromptText.forLibedit("plain> ") == "plain> ")
        #expect(
            PromptText.forLibedit("\u{1B}[36mmcptask\u{1B}[0m> ")
                == "\u{01}\u{1B}[36m\u{02}mcptask\u{01}\u{1B}[0m\u{02}> ")
    }

    @Test func historyFileIsPrivate() async throws {
        var template = Array("/tmp/mcptask-history-XXXXXX".utf8CString)
        let directory = try #require(mkdtemp(&template))
        let path = String(cString: directory) + "/history"
        defer {
            unlink(path)
            rmdir(directory)
        }
        // A file that exists with a lax mode is made private too.
        close(open(path, O_CREAT | O_WRONLY, 0o644))
        let editor = LineEditor(programName: "mcptask-tests", historyPath: path)
        editor.remember("status last")
        await editor.flush()
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
    }
}
