import MCPCore
import Testing

@testable import MCPAuth

#if canImport(Glibc)
    import Glibc
#endif

/// The decisions of step-up, the authorization response's checks, client choice and the kept registration,
/// each a pure function of what the servers sent (no authorization server is imitated here: the end-to-end
/// OAuthTests use the SDK's own).
struct StepUpAndClientTests {
    func challenge(_ header: String) throws -> BearerChallenge { try #require(BearerChallenge(header: header)) }

    @Test func stepUpAsksForTheLoginsScopesAndTheChallenged() throws {
        let refusal = try challenge(#"Bearer error="insufficient_scope", scope="files:write", resource_metadata="x""#)
        let stepUp = try #require(StepUp(challenge: refusal, requested: ["files:read"], granted: ["files:read", "me"]))
        #expect(stepUp.challenged == ["files:write"])
        #expect(stepUp.scopes == ["files:read", "me", "files:write"])
    }

    @Test func noStepUpWhenTheRefusalNamesNothingNew() throws {
        let held = ["a", "b"]
        for header in [
            #"Bearer error="invalid_token", scope="c""#, #"Bearer error="insufficient_scope""#,
            #"Bearer error="insufficient_scope", scope="b a""#,
        ] {
            #expect(StepUp(challenge: try challenge(header), requested: held, granted: held) == nil, "\(header)")
        }
    }

    func metadata(_ extra: [String: JSONValue] = [:]) throws -> AuthorizationServerMetadata {
        var fields: [String: JSONValue] = [
            "issuer": "https://as.test/", "authorization_endpoint": "https://as.test/authorize",
            "token_endpoint": "https://as.test/token",
        ]
        fields.merge(extra) { $1 }
        return try #require(AuthorizationServerMetadata(.object(fields)))
    }

    @Test func authorizationResponseChecksStateThenIssuer() throws {
        let check = { (parameters: [String: String], advertised: Bool) throws(AuthFailure) -> String in
            try AuthorizationResponse(parameters: parameters).code(
                state: "s1", issuer: "https://as.test/", issuerAdvertised: advertised)
        }
        #expect(try check(["state": "s1", "code": "c", "iss": "https://as.test/"], true) == "c")
        #expect(try check(["state": "s1", "code": "c"], false) == "c", "no iss from a server that does not send it")
        #expect(throws: AuthFailure.self) { try check(["state": "s2", "code": "c"], false) }
        #expect(throws: AuthFailure.self, "iss is required once advertised") {
            try check(["state": "s1", "code": "c"], true)
        }
        // Simple string comparison: a trailing slash more or less is another issuer. The refusal does not
        // repeat what the other issuer said.
        do {
            _ = try check(
                ["state": "s1", "iss": "https://as.test", "error": "access_denied", "error_description": "phish"], false
            )
            Issue.record("a wrong issuer was accepted")
        } catch {
            #expect(error.message.contains("another issuer") && !error.message.contains("phish"))
        }
    }

    @Test func issuerParameterSupportIsRead() throws {
        #expect(try metadata(["authorization_response_iss_parameter_supported": true]).issuerInResponses)
        #expect(try !metadata().issuerInResponses)
    }

    @Test func offlineAccessIsAskedForWhereTheAuthorizationServerListsIt() throws {
        let resource = ResourceMetadata(resource: nil, authorizationServers: ["https://as.test/"])
        let listing = try metadata(["scopes_supported": ["files", "offline_access"]])
        func target(_ scopes: [String], _ server: AuthorizationServerMetadata) -> AuthorizationTarget {
            AuthorizationTarget(
                resource: "https://mcp.test/mcp", resourceMetadata: resource, server: server, scopes: scopes)
        }
        #expect(target(["files"], listing).defaultScopes == ["files", "offline_access"])
        #expect(target(["files"], try metadata()).defaultScopes == ["files"])
        #expect(target([], listing).defaultScopes == [], "no scope parameter stays none")
        #expect(target(["offline_access"], listing).defaultScopes == ["offline_access"])
    }

    @Test func clientChoiceFollowsTheSpecificationsOrder() throws {
        let full = try metadata([
            "client_id_metadata_document_supported": true, "registration_endpoint": "https://as.test/register",
        ])
        let document = "https://mcptask.test/client.json"
        let url = "https://mcp.test/mcp"
        #expect(
            try ClientChoice.choose(
                LoginRequest(serverURL: url, clientID: "pre", clientSecret: "s", clientMetadataURL: document),
                server: full)
                == .preRegistered(clientID: "pre", secret: "s"))
        #expect(
            try ClientChoice.choose(LoginRequest(serverURL: url, clientMetadataURL: document), server: full)
                == .metadataDocument(document))
        let registrationOnly = try metadata(["registration_endpoint": "https://as.test/register"])
        #expect(
            try ClientChoice.choose(LoginRequest(serverURL: url, clientMetadataURL: document), server: registrationOnly)
                == .register(endpoint: "https://as.test/register"))
        #expect(throws: AuthFailure.self, "neither documents nor registration") {
            try ClientChoice.choose(LoginRequest(serverURL: url, clientMetadataURL: document), server: try metadata())
        }
        #expect(throws: AuthFailure.self, "a document URL must be https with a path") {
            try ClientChoice.choose(
                LoginRequest(serverURL: url, clientMetadataURL: "http://x.test/c.json"), server: full)
        }
    }

    @Test func keptRegistrationIsPerIssuerAndGoesWithTheLastLogin() throws {
        let directory = "/tmp/mcptask-registration-test-\(UInt32.random(in: 0...UInt32.max))"
        defer { removeTree(directory) }
        let store = CredentialStore(environment: ["XDG_DATA_HOME": directory])
        let client = ClientIdentity(clientID: "dyn", redirectURI: "http://127.0.0.1:41234/callback")
        let registration = StoredRegistration(issuer: "http://127.0.0.1:2/", client: client, scopes: ["a", "b"])
        #expect(registration.redirectPort == 41234)
        #expect(registration.covers(["b"]) && !registration.covers(["a", "c"]))
        try store.save(registration)
        #expect(store.registration(issuer: "http://127.0.0.1:2") == registration, "a trailing slash aside")
        #expect(store.registration(issuer: "http://127.0.0.1:3/") == nil, "never shown to another issuer")
        #expect(mode(directory + "/mcptask/credentials/registrations") == 0o700)
        #expect(mode(store.registrationPath(for: "http://127.0.0.1:2/")) == 0o600)

        func login(_ resource: String) -> StoredCredentials {
            StoredCredentials(
                resource: resource, issuer: "http://127.0.0.1:2/", tokenEndpoint: "http://127.0.0.1:2/token",
                client: client, tokens: TokenSet(accessToken: "t"), scopes: ["a"])
        }
        try store.save(login("http://127.0.0.1:1/one"))
        try store.save(login("http://127.0.0.1:1/two"))
        #expect(store.remove("http://127.0.0.1:1/one"))
        #expect(store.registration(issuer: "http://127.0.0.1:2/") != nil, "another login still uses it")
        #expect(store.remove("http://127.0.0.1:1/two"))
        #expect(store.registration(issuer: "http://127.0.0.1:2/") == nil, "gone with the last login")
    }
}

private func mode(_ path: String) -> mode_t {
    var info = stat()
    return stat(path, &info) == 0 ? info.st_mode & 0o777 : 0
}

/// Removes the test's directory tree (a few files, three levels).
private func removeTree(_ path: String) {
    let credentials = path + "/mcptask/credentials"
    for directory in [credentials + "/registrations", credentials] {
        if let listing = opendir(directory) {
            while let entry = readdir(listing) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) {
                    String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { unlink(directory + "/" + name) }
            }
            closedir(listing)
        }
        rmdir(directory)
    }
    for directory in [path + "/mcptask", path] { rmdir(directory) }
}
