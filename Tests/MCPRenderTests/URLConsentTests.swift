import MCPCore
import MCPRender
import Synchronization
import Testing

@Suite struct URLConsentTests {
    @Test func hostIsFoundAndHighlighted() {
        let inspection = URLInspection("https://user@accounts.example.com:8443/login?next=/")
        #expect(inspection.host == "accounts.example.com")
        #expect(inspection.isOpenable)
        #expect(inspection.warnings.contains { $0.contains("user-name part") })
        let style = Style(enabled: true)
        #expect(
            inspection.highlighted(style: style)
                == "https://user@" + style.bold(style.yellow("accounts.example.com")) + ":8443/login?next=/")
        #expect(URLInspection("http://[::1]:8080/x").host == "[::1]")
        #expect(URLInspection("https://example.com").warnings.isEmpty)
    }

    @Test func lookAlikeHostsAreWarnedAbout() {
        let punycode = URLInspection("https://xn--pypal-4ve.com/")
        #expect(punycode.warnings.contains { $0.contains("punycode") && $0.contains("pаypal.com") })
        let mixed = URLInspection("https://p\u{0430}ypal.com/")
        #expect(mixed.warnings.contains { $0.contains("non-ASCII") })
        #expect(mixed.warnings.contains { $0.contains("Cyrillic and Latin") })
        #expect(URLInspection("https://münchen.de/").warnings.count == 1)
    }

    @Test func onlyWebURLsAreOpened() {
        let file = URLInspection("file:///etc/passwd")
        #expect(!file.isOpenable)
        #expect(file.warnings.contains { $0.contains("not http or https") })
        #expect(!URLInspection("javascript:alert(1)").isOpenable)
    }

    /// The URLs handed to the opener.
    final class Opened: Sendable {
        private let urls = Mutex<[String]>([])
        func add(_ url: String) { urls.withLock { $0.append(url) } }
        var all: [String] { urls.withLock { $0 } }
    }

    private func consent(_ url: String, _ lines: [LineInput], opened: Opened) async -> ElicitResult {
        let request = ElicitRequest(mode: .url, message: "Sign in", url: url, elicitationId: "e-1")
        let prompt = URLConsent(
            request: request, asker: ElicitationAsker(server: "demo"), style: Style(enabled: false)
        ) { url in
            opened.add(url)
            return true
        }
        return await prompt.run(ScriptedLineReader(lines))
    }

    @Test func opensOnlyAfterAYes() async {
        let opened = Opened()
        #expect(await consent("https://example.com/a", [.line("")], opened: opened).action == .decline)
        #expect(
            await consent("https://example.com/a", [.line("maybe"), .line("n")], opened: opened).action == .decline)
        #expect(await consent("https://example.com/a", [.interrupted], opened: opened).action == .cancel)
        #expect(await consent("https://example.com/a", [.endOfInput], opened: opened).action == .decline)
        #expect(opened.all.isEmpty)
        #expect(await consent("https://example.com/a", [.line("y")], opened: opened) == ElicitResult(action: .accept))
        #expect(opened.all == ["https://example.com/a"])
        // A yes to a URL mcptask will not open still accepts (the person goes there themselves), opening nothing.
        #expect(await consent("ftp://example.com/a", [.line("yes")], opened: opened).action == .accept)
        #expect(opened.all.count == 1)
    }
}
