import MCPCore
import Testing

@testable import MCPAuth

#if canImport(Glibc)
    import Glibc
#endif

/// The pure pieces of the OAuth flow, checked against the values their specifications publish.
struct AuthPiecesTests {
    @Test func sha256MatchesTheStandardVectors() {
        let hex: ([UInt8]) -> String = { $0.map { String($0, radix: 16).leftPadded(2) }.joined() }
        #expect(hex(SHA256.hash([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            hex(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(hex(SHA256.hash(long)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    /// RFC 7636, appendix B.
    @Test func pkceChallengeIsTheRFCExample() {
        let pkce = PKCE(verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        #expect(pkce.challenge == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        #expect(PKCE().verifier.count == 43)
    }

    @Test func bearerChallengeParameters() {
        let challenge = BearerChallenge(
            header:
                #"Bearer error="insufficient_scope", scope="tasks:read tasks:write", resource_metadata="http://a/.well-known/oauth-protected-resource/mcp""#
        )
        #expect(challenge?.error == "insufficient_scope")
        #expect(challenge?.scope == "tasks:read tasks:write")
        #expect(challenge?.resourceMetadata == "http://a/.well-known/oauth-protected-resource/mcp")
        #expect(BearerChallenge(header: "Basic realm=x") == nil)
    }

    @Test func canonicalResourceAndWellKnownURLs() throws {
        let url = try #require(WebURL("HTTP://Example.COM:8080/mcp?x=1#top"))
        #expect(url.canonical == "http://example.com:8080/mcp")
        #expect(url.host == "example.com")
        #expect(
            url.wellKnown("oauth-protected-resource")
                == "http://example.com:8080/.well-known/oauth-protected-resource/mcp")
        #expect(WebURL("http://a/")?.canonical == "http://a")
        #expect(WebURL("ftp://a") == nil)
        let added = try #require(WebURL("http://as/authorize")).adding([
            ("redirect_uri", "http://127.0.0.1:9/cb"), ("scope", "a b"),
        ])
        #expect(added == "http://as/authorize?redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb&scope=a%20b")
        #expect(FormEncoding.decode("code=a%2Fb&state=x+y") == ["code": "a/b", "state": "x y"])
    }

    @Test func issuersMatchWithOrWithoutATrailingSlash() throws {
        let json: JSONValue = [
            "issuer": "http://127.0.0.1:9/", "authorization_endpoint": "http://127.0.0.1:9/authorize",
            "token_endpoint": "http://127.0.0.1:9/token",
        ]
        let metadata = try #require(AuthorizationServerMetadata(json))
        #expect(metadata.isIssuer("http://127.0.0.1:9"))
        #expect(metadata.registrationEndpoint == nil)
    }

    @Test func credentialStoreIsPrivate() throws {
        let directory = "/tmp/mcptask-auth-test-\(UInt32.random(in: 0...UInt32.max))"
        defer { removeTree(directory) }
        let store = CredentialStore(environment: ["XDG_DATA_HOME": directory])
        let credentials = StoredCredentials(
            resource: "http://127.0.0.1:1/mcp", issuer: "http://127.0.0.1:2/",
            tokenEndpoint: "http://127.0.0.1:2/token",
            client: ClientIdentity(clientID: "c"), tokens: TokenSet(accessToken: "a", refreshToken: "r", expiresAt: 10),
            scopes: ["s"])
        try store.save(credentials)
        #expect(store.load("HTTP://127.0.0.1:1/mcp") == credentials)
        #expect(store.all() == [credentials])
        #expect(mode(store.directory) == 0o700)
        #expect(mode(store.path(for: credentials.resource)) == 0o600)
        #expect(store.remove("http://127.0.0.1:1/mcp"))
        #expect(store.load("http://127.0.0.1:1/mcp") == nil)
        #expect(!store.remove("http://127.0.0.1:1/mcp"), "nothing left to forget")
    }
}

private func mode(_ path: String) -> mode_t {
    var info = stat()
    return stat(path, &info) == 0 ? info.st_mode & 0o777 : 0
}

/// Removes the test's directory tree (a few files, two levels).
private func removeTree(_ path: String) {
    let credentials = path + "/mcptask/credentials"
    if let listing = opendir(credentials) {
        while let entry = readdir(listing) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { unlink(credentials + "/" + name) }
        }
        closedir(listing)
    }
    for directory in [credentials, path + "/mcptask", path] { rmdir(directory) }
}
