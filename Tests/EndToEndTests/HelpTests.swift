import Foundation
import Testing

/// Help as a newcomer reads it.
@Suite("help text")
struct HelpTests {
    @Test("session start shows both ways to name the server, -s and a command after --")
    func sessionStartUsage() async throws {
        let run = try await mcptask(["session", "start", "--help"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("mcptask session start <name> -s <server>"), "\(run)")
        #expect(run.stdout.contains("-- <command> [<argument> ...]"), "\(run)")
    }

    @Test("no command's help shows a Swift value or type name")
    func noInternals() async throws {
        for command in [
            ["tools"], ["call"], ["watch"], ["result"], ["tasks"], ["servers"], ["session", "start"], ["repl"],
        ] {
            let run = try await mcptask(command + ["--help"])
            #expect(run.status == 0, "\(run)")
            #expect(!run.stdout.contains("Argument("), "\(command): \(run)")
            #expect(!run.stdout.contains("<assignments>"), "\(command): \(run)")
        }
    }
}
