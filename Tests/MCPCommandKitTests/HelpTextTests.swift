import ArgumentParser
import MCPCommandKit
import Testing

/// What --help shows a newcomer: defaults as they would be typed, not Swift values.
@Suite struct HelpTextTests {
    @Test(
        "durations show as a user writes them",
        arguments: [(60_000, "60s"), (250, "250ms"), (600_000, "10m"), (3_600_000, "1h"), (90_000, "90s")])
    func durationDefaults(milliseconds: Int, shown: String) {
        #expect(DurationArgument(milliseconds: milliseconds).defaultValueDescription == shown)
    }

    @Test("the request timeout's default reads 60s in the help of a command")
    func requestTimeoutDefault() {
        let help = ToolsCommand.helpMessage(columns: 200)
        #expect(help.contains("(default: 60s)"))
        #expect(!help.contains("DurationArgument"))
    }
}
