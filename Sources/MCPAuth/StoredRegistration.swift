import MCPCore

#if canImport(Glibc)
    import Glibc
#endif

/// A client registered dynamically (RFC 7591), kept so the next login to the same authorization server reuses
/// it instead of registering mcptask again. Kept per issuer: client credentials belong to the authorization
/// server that issued them and are never shown to another (MCP authorization 2026-07-28, "Authorization
/// Server Binding").
public struct StoredRegistration: Sendable, Equatable, Codable {
    public var issuer: String
    /// The client, with its secret (if any) and the one redirect URI it was registered with.
    public var client: ClientIdentity
    /// The scopes asked for at registration; a server may refuse to authorize others for this client.
    public var scopes: [String]

    /// Whether an authorization for `wanted` may use this registration as far as scopes go.
    func covers(_ wanted: [String]) -> Bool { wanted.allSatisfy(scopes.contains) }

    /// The loopback port the redirect URI names: the listener must use it, as the authorization server
    /// compares redirect URIs exactly (authorization-notes.md, 3).
    var redirectPort: Int? {
        guard let uri = client.redirectURI, let url = WebURL(uri), url.host == "127.0.0.1" else { return nil }
        return url.authority.split(separator: ":").last.flatMap { Int($0) }
    }
}

extension CredentialStore {
    /// `registrations/` of the store: one file per issuer, named by a hash of it (a trailing slash aside).
    func registrationPath(for issuer: String) -> String {
        let trimmed = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        let digest = SHA256.hash(Array(trimmed.utf8)).prefix(16)
        return directory + "/registrations/" + digest.map { String($0, radix: 16).leftPadded(2) }.joined() + ".json"
    }

    public func registration(issuer: String) -> StoredRegistration? {
        guard let bytes = PrivateFile.read(registrationPath(for: issuer)), let json = try? JSONParser.parse(bytes),
            let stored = try? JSONValueDecoder.decode(StoredRegistration.self, from: json),
            AuthorizationServerMetadata.sameIssuer(stored.issuer, issuer)
        else { return nil }
        return stored
    }

    func save(_ registration: StoredRegistration) throws(AuthFailure) {
        try PrivateFile.makeDirectory(directory + "/registrations")
        let json: JSONValue
        do {
            json = try JSONValueEncoder.encode(registration)
        } catch {
            throw AuthFailure(.invalidServer, "cannot encode the client registration: \(error)")
        }
        try PrivateFile.write(
            registrationPath(for: registration.issuer), bytes: Array(JSONWriter.pretty(json).utf8) + [0x0A])
    }

    /// Forgets the registration at `issuer`; false when there was none.
    @discardableResult
    public func removeRegistration(issuer: String) -> Bool { unlink(registrationPath(for: issuer)) == 0 }
}
