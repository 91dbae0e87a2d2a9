import Foundation
import MCPCore
import Testing

/// mcptask against a real OAuth 2.1 authorization server: `oauth_server.py`, the SDK's task server behind
/// the SDK's own `mcp.server.auth` (discovery metadata, dynamic registration, PKCE, bearer middleware), with
/// access tokens that live 2 s so refreshing is exercised. The browser is `oauth_opener.py`, which follows
/// the authorization redirect to mcptask's loopback listener.
@Suite("OAuth against the Python SDK's authorization server", .serialized)
struct OAuthTests {
    /// The XDG directories of one test's invocations (journal, credentials, caches), and the opener.
    struct Home {
        let dir: TempDir
        var environment: [String: String] {
            [
                "XDG_STATE_HOME": dir.file("state"), "XDG_DATA_HOME": dir.file("data"),
                "XDG_CACHE_HOME": dir.file("cache"), "XDG_CONFIG_HOME": dir.file("config"),
                "MCPTASK_OPENER": Paths.interopScript("oauth_opener.py"),
            ]
        }

        func run(_ arguments: [String]) async throws -> RunResult {
            try await mcptask(arguments, environment: environment)
        }

        /// Every file under the home, except the credential store, with its contents.
        func filesOutsideTheStore() -> [(String, String)] {
            let root = URL(fileURLWithPath: dir.path)
            let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            var found: [(String, String)] = []
            while let url = walker?.nextObject() as? URL {
                guard !url.path.contains("/mcptask/credentials"), let data = try? Data(contentsOf: url) else {
                    continue
                }
                found.append((url.path, String(decoding: data, as: UTF8.self)))
            }
            return found
        }

        /// The stored login's JSON (the only server logged in to).
        func storedLogin() throws -> JSONValue {
            let store = dir.file("data") + "/mcptask/credentials"
            let name = try #require(
                try FileManager.default.contentsOfDirectory(atPath: store).first { $0.hasSuffix(".json") })
            return try JSONParser.parse(try String(contentsOfFile: store + "/" + name, encoding: .utf8))
        }

        /// The files of the kept client registrations.
        func registrationFiles() -> [String] {
            let directory = dir.file("data") + "/mcptask/credentials/registrations"
            return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).map {
                directory + "/" + $0
            }
        }

        /// When the stored access token expires, seconds since 1970.
        func storedExpiry() throws -> Double {
            let store = dir.file("data") + "/mcptask/credentials"
            let name = try #require(
                try FileManager.default.contentsOfDirectory(atPath: store).first { $0.hasSuffix(".json") })
            let json = try JSONParser.parse(try String(contentsOfFile: store + "/" + name, encoding: .utf8))
            return try #require(json["tokens"]?["expiresAt"]?.doubleValue)
        }

        /// The stored tokens of every server logged in to.
        func storedTokens() throws -> [String] {
            let store = dir.file("data") + "/mcptask/credentials"
            let names = try FileManager.default.contentsOfDirectory(atPath: store).filter { $0.hasSuffix(".json") }
            return try names.flatMap { name -> [String] in
                let json = try JSONParser.parse(try String(contentsOfFile: store + "/" + name, encoding: .utf8))
                return [json["tokens"]?["accessToken"]?.stringValue, json["tokens"]?["refreshToken"]?.stringValue]
                    .compactMap { $0 }
            }
        }
    }

    @Test("without credentials and without a terminal: exit 4, one line naming mcptask auth login")
    func noCredentials() async throws {
        try await withOAuthServer { url in
            let home = Home(dir: try TempDir())
            defer { home.dir.remove() }
            let run = try await home.run(["tools", "-s", url])
            #expect(run.status == 4, "\(run)")
            let lines = run.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].contains("mcptask auth login -s \(url)"), "\(run)")
        }
    }

    @Test("login with dynamic registration and PKCE, then tools, call, detach and result after expiry")
    func loginAndUse() async throws {
        try await withOAuthServer { url in
            let home = Home(dir: try TempDir())
            defer { home.dir.remove() }
            let login = try await home.run(["auth", "login", "-s", url, "--login-timeout", "30s"])
            #expect(login.status == 0, "\(login)")
            #expect(login.stdout.contains("logged in to \(url)"), "\(login)")

            let tools = try await home.run(["tools", "-s", url])
            #expect(tools.status == 0, "\(tools)")
            #expect(tools.stdout.contains("must_be_task"), "\(tools)")
            let call = try await home.run(["call", "-s", url, "must_be_task", "x=hi"])
            #expect(call.status == 0, "\(call)")
            #expect(call.stdout.contains("must_be_task: hi"), "\(call)")
            let detached = try await home.run(["call", "-s", url, "slow_count", "n=2", "delay=0.2", "--detach"])
            #expect(detached.status == 0, "\(detached)")
            // The access token lives 2 s: the next command must refresh it.
            try await waitUntil("the access token to expire", timeout: .seconds(10), every: .milliseconds(200)) {
                try home.storedExpiry() < Date().timeIntervalSince1970
            }
            let before = try home.storedTokens()
            let result = try await home.run(["result", "last", "-v"])
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("counted to 2"), "\(result)")
            #expect(try home.storedTokens() != before, "the expired token was refreshed (and rotated)")

            let status = try await home.run(["auth", "status", "-s", url])
            #expect(status.status == 0, "\(status)")
            #expect(status.stdout.contains("issuer http://127.0.0.1:") && status.stdout.contains("tasks"), "\(status)")

            // The kept registration is in the store, private, and holds no token; its secret, when the server
            // issued one, is as secret as the tokens.
            let registrations = home.registrationFiles()
            #expect(registrations.count == 1)
            var secrets: [String] = []
            for file in registrations {
                let text = try String(contentsOfFile: file, encoding: .utf8)
                for token in try home.storedTokens() { #expect(!text.contains(token), "a token in \(file)") }
                let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
                let directory = (file as NSString).deletingLastPathComponent
                let directoryMode = try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions]
                #expect(mode == 0o600 && directoryMode as? Int == 0o700)
                secrets += [try JSONParser.parse(text)["client"]?["clientSecret"]?.stringValue].compactMap { $0 }
            }
            let tokens = Set(try home.storedTokens() + before + secrets)
            #expect(tokens.count >= 4, "an access and a refresh token before and after the refresh")
            for (path, text) in home.filesOutsideTheStore() {
                for token in tokens { #expect(!text.contains(token), "a token in \(path)") }
            }
            for run in [login, tools, call, detached, result, status] {
                for token in tokens { #expect(!run.stdout.contains(token) && !run.stderr.contains(token)) }
            }

            let logout = try await home.run(["auth", "logout", "-s", url])
            #expect(logout.status == 0, "\(logout)")
            let after = try await home.run(["tools", "-s", url])
            #expect(after.status == 4, "\(after)")
        }
    }

    @Test("on a terminal, a 401 offers the login: the page is shown, opened after a yes, and the command goes on")
    func terminalOffersLogin() async throws {
        try await withOAuthServer { url in
            let dir = try TempDir()
            let home = Home(dir: dir)
            let pane = try await ReplPane(dir: dir, ["tools", "-s", url], environment: home.environment)
            defer { pane.close() }
            try await pane.waitFor("the authorization page and the question") {
                $0.contains("wants authorization; logging in") && $0.hasSuffix("(n):")
            }
            #expect(((try? home.storedTokens()) ?? []).isEmpty)
            try await pane.type("y")
            try await pane.send("Enter")
            try await pane.waitFor("the tools after the login") {
                $0.contains("logged in to") && $0.contains("slow_count")
            }
            #expect(try await pane.waitForExit() == 0)
            #expect(try !home.storedTokens().isEmpty)
        }
    }

    @Test("a pre-registered client logs in where dynamic registration is off")
    func preregistered() async throws {
        try await withOAuthServer(["--no-dcr"]) { url in
            let home = Home(dir: try TempDir())
            defer { home.dir.remove() }
            let refused = try await home.run(["auth", "login", "-s", url, "--login-timeout", "30s"])
            #expect(refused.status == 4, "\(refused)")
            #expect(refused.stderr.contains("--client-id"), "\(refused)")
            let login = try await home.run([
                "auth", "login", "-s", url, "--client-id", "mcptask-preregistered", "--client-secret",
                "prereg-secret-4b1d", "--login-timeout", "30s",
            ])
            #expect(login.status == 0, "\(login)")
            let tools = try await home.run(["tools", "-s", url])
            #expect(tools.status == 0, "\(tools)")
            // Logging in again without flags keeps the client the user chose, here where nothing else works.
            let again = try await home.run(["auth", "login", "-s", url, "--login-timeout", "30s"])
            #expect(again.status == 0, "\(again)")
        }
    }

    @Test("auth login against a server that asks for no authorization: one line saying so")
    func nothingToLogInTo() async throws {
        try await withSDKServer { url in
            let home = Home(dir: try TempDir())
            defer { home.dir.remove() }
            let login = try await home.run(["auth", "login", "-s", url, "--login-timeout", "30s"])
            #expect(login.status == 4, "\(login)")
            let lines = login.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].contains("asks for no authorization"), "\(login)")
        }
    }

    @Test("an unreachable authorization server: one clear line naming it")
    func unreachableAuthorizationServer() async throws {
        let dead = try Loopback.freePort(sourceLocation: #_sourceLocation)
        try await withOAuthServer(["--authorization-server", "http://127.0.0.1:\(dead)/"]) { url in
            let home = Home(dir: try TempDir())
            defer { home.dir.remove() }
            let login = try await home.run(["auth", "login", "-s", url, "--login-timeout", "30s"])
            #expect(login.status == 4, "\(login)")
            let lines = login.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].contains("127.0.0.1:\(dead)"), "\(login)")
        }
    }

    @Test("a 403 insufficient_scope without a terminal: exit 4, one line naming the login with the union of scopes")
    func stepUpWithoutTerminal() async throws {
        try await withOAuthServer(["--step-up-tool", "must_be_task"]) { url in
            let home = Home(dir: try TempDir())
            defer { home.dir.remove() }
            let login = try await home.run(["auth", "login", "-s", url, "--login-timeout", "30s"])
            #expect(login.status == 0, "\(login)")
            let plain = try await home.run(["call", "-s", url, "slow_count", "n=1", "delay=0"])
            #expect(plain.status == 0, "\(plain)")

            let refused = try await home.run(["call", "-s", url, "must_be_task", "x=hi"])
            #expect(refused.status == 4, "\(refused)")
            let lines = refused.stderr.split(separator: "\n")
            let command = "mcptask auth login -s \(url) --scope tasks --scope tasks:admin"
            #expect(lines.count == 1 && lines[0].contains("tasks:admin") && lines[0].hasSuffix(command), "\(refused)")

            // The named command logs in with both scopes, reusing the registration; the call then goes through.
            let stepUp = try await home.run(Array(command.split(separator: " ").dropFirst().map(String.init)))
            #expect(stepUp.status == 0 && stepUp.stdout.contains("with scope tasks tasks:admin"), "\(stepUp)")
            let call = try await home.run(["call", "-s", url, "must_be_task", "x=hi"])
            #expect(call.status == 0 && call.stdout.contains("must_be_task: hi"), "\(call)")
            #expect(try await registrations(url, in: home.dir) == 1)
        }
    }

    @Test("the SDK's own 403 names no scope: one line saying so and how to log in, nothing retried")
    func refusalWithoutScope() async throws {
        try await withOAuthServer { url in
            let home = Home(dir: try TempDir())
            defer { home.dir.remove() }
            // A login without the scope every request needs: the SDK's RequireAuthMiddleware answers 403
            // insufficient_scope without saying which scope.
            let login = try await home.run([
                "auth", "login", "-s", url, "--scope", "tasks:admin", "--login-timeout", "30s",
            ])
            #expect(login.status == 0, "\(login)")
            let tools = try await home.run(["tools", "-s", url])
            #expect(tools.status == 4, "\(tools)")
            let lines = tools.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].contains("without naming a scope"), "\(tools)")
            #expect(lines.first?.contains("mcptask auth login -s \(url) --scope SCOPE") == true, "\(tools)")
            #expect(try await registrations(url, in: home.dir) == 1)
        }
    }

    @Test("on a terminal, a 403 insufficient_scope offers the step-up, and the refused call goes on after a yes")
    func stepUpOnTerminal() async throws {
        try await withOAuthServer(["--step-up-tool", "must_be_task"]) { url in
            let dir = try TempDir()
            let home = Home(dir: dir)
            let login = try await home.run(["auth", "login", "-s", url, "--login-timeout", "30s"])
            #expect(login.status == 0, "\(login)")
            let pane = try await ReplPane(
                dir: dir, ["call", "-s", url, "must_be_task", "x=up"], environment: home.environment)
            defer { pane.close() }
            try await pane.waitFor("the step-up offer and the question") {
                $0.contains("needs the scope tasks:admin") && $0.hasSuffix("(n):")
            }
            // The access token may have been refreshed (it lives 2 s), but the scope is unchanged before the yes.
            #expect(try home.storedLogin()["tokens"]?["scope"]?.stringValue == "tasks")
            try await pane.type("y")
            try await pane.send("Enter")
            try await pane.waitFor("the call's result after the step-up") { $0.contains("must_be_task: up") }
            #expect(try await pane.waitForExit() == 0)
            let scope = try home.storedLogin()["tokens"]?["scope"]?.stringValue ?? ""
            #expect(scope.split(separator: " ").sorted() == ["tasks", "tasks:admin"], "\(scope)")
        }
    }

    @Test("a second login reuses the client registration; one the server dropped, or logout, makes a new one")
    func registrationReused() async throws {
        try await withOAuthServer { url in
            let home = Home(dir: try TempDir())
            defer { home.dir.remove() }
            var logins: [String] = []
            for _ in 0..<2 {
                let login = try await home.run(["auth", "login", "-s", url, "--login-timeout", "30s"])
                #expect(login.status == 0, "\(login)")
                logins.append("\(login)")
            }
            let afterTwo = try await registrations(url, in: home.dir)
            #expect(afterTwo == 1, "registrations after two logins: \(logins)")
            let files = home.registrationFiles()
            #expect(files.count == 1)
            for file in files {
                let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
                #expect(mode == 0o600, "\(file)")
                let json = try JSONParser.parse(try String(contentsOfFile: file, encoding: .utf8))
                #expect(json["client"]?["redirectURI"]?.stringValue?.hasPrefix("http://127.0.0.1:") == true)
            }
            let tools = try await home.run(["tools", "-s", url])
            #expect(tools.status == 0, "\(tools)")

            // A registration the server dropped is found out before the browser opens, and replaced.
            let beforeForgetting = try await registrations(url, in: home.dir, forgetting: true)
            #expect(beforeForgetting == 1, "registrations before the server forgot them")
            let replaced = try await home.run(["auth", "login", "-s", url, "--login-timeout", "30s"])
            #expect(replaced.status == 0, "\(replaced)")
            let afterReplacing = try await registrations(url, in: home.dir)
            #expect(afterReplacing == 2, "registrations after the dropped one was replaced")

            let logout = try await home.run(["auth", "logout", "-s", url])
            #expect(logout.status == 0, "\(logout)")
            #expect(home.registrationFiles().isEmpty)
            let again = try await home.run(["auth", "login", "-s", url, "--login-timeout", "30s"])
            #expect(again.status == 0, "\(again)")
            let afterLogout = try await registrations(url, in: home.dir)
            #expect(afterLogout == 3, "registrations after logout and a new login")
        }
    }

    @Test("with registration off, the config entry's pre-registered client logs in; its secret is never shown")
    func configEntryClient() async throws {
        try await withOAuthServer(["--no-dcr"]) { url in
            let home = Home(dir: try TempDir())
            defer { home.dir.remove() }
            let config = home.dir.file("config") + "/mcptask"
            try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
            let entry =
                #"{"mcpServers": {"guarded": {"url": "URL", "oauth": {"clientId": "mcptask-preregistered", "clientSecret": "${PREREG_SECRET}"}}}}"#
            try entry.replacingOccurrences(of: "URL", with: url).write(
                toFile: config + "/servers.json", atomically: true, encoding: .utf8)
            let secret = "prereg-secret-4b1d"
            var environment = home.environment
            environment["PREREG_SECRET"] = secret
            let run = { (arguments: [String]) in try await mcptask(arguments, environment: environment) }

            let login = try await run(["auth", "login", "-s", "guarded", "--login-timeout", "30s"])
            #expect(login.status == 0, "\(login)")
            let tools = try await run(["tools", "-s", "guarded", "-v"])
            #expect(tools.status == 0 && tools.stdout.contains("must_be_task"), "\(tools)")
            let status = try await run(["auth", "status", "--json"])
            #expect(status.status == 0 && status.stdout.contains("mcptask-preregistered"), "\(status)")
            // A wrong secret from a flag wins over the entry's and is refused: flags come first.
            let flag = try await run([
                "auth", "login", "-s", "guarded", "--client-id", "mcptask-preregistered", "--client-secret", "wrong",
                "--login-timeout", "30s",
            ])
            #expect(flag.status == 4, "\(flag)")
            for result in [login, tools, status, flag] {
                #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "\(result)")
            }
            for (path, text) in home.filesOutsideTheStore() { #expect(!text.contains(secret), "the secret in \(path)") }
        }
    }

    @Test("an authorization redirect naming another issuer (RFC 9207): refused, nothing stored")
    func wrongIssuer() async throws {
        try await withOAuthServer(["--issuer-in-redirect", "wrong"]) { url in
            let home = Home(dir: try TempDir())
            defer { home.dir.remove() }
            let login = try await home.run(["auth", "login", "-s", url, "--login-timeout", "30s"])
            #expect(login.status == 4, "\(login)")
            #expect(login.stderr.contains("another issuer"), "\(login)")
            #expect(((try? home.storedTokens()) ?? []).isEmpty)
        }
    }
}

/// How many clients the fixture server at `url` has registered dynamically (its /fixture/registrations);
/// with `forgetting`, it drops them all first (/fixture/forget-registrations).
func registrations(_ url: String, in dir: TempDir, forgetting: Bool = false) async throws -> Int {
    let python = try Paths.requireSDKServer()[0]
    let path = forgetting ? "/fixture/forget-registrations" : "/fixture/registrations"
    let counter = url.replacingOccurrences(of: "/mcp", with: path)
    let data = forgetting ? "b''" : "None"
    let script =
        "import json, sys, urllib.request; "
        + "print(json.load(urllib.request.urlopen(sys.argv[1], data=\(data)))['count'])"
    let run = try await Spawned([python, "-c", script, counter], in: dir).wait()
    return try #require(Int(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), "\(run)")
}

/// Runs `body` with the URL of `oauth_server.py --port PORT OPTIONS` on 127.0.0.1.
func withOAuthServer(
    _ options: [String] = [], sourceLocation: SourceLocation = #_sourceLocation, _ body: (String) async throws -> Void
) async throws {
    let python = try Paths.requireSDKServer(sourceLocation: sourceLocation)[0]
    let script = Paths.interopScript("oauth_server.py")
    let command = { (port: Int) in [python, script, "--port", "\(port)"] + options }
    try await withHTTPServerProcess("the OAuth server", sourceLocation: sourceLocation, command: command, body)
}

extension Paths {
    /// A file of Tests/Interop/servers.
    static func interopScript(_ name: String) -> String {
        URL(fileURLWithPath: sdkServer).deletingLastPathComponent().appendingPathComponent(name).path
    }
}
