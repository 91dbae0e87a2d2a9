import MCPCore

/// Who mcptask is to an authorization server: a pre-registered client, a Client ID Metadata Document URL,
/// or a client registered dynamically (RFC 7591) for one redirect URI.
public struct ClientIdentity: Sendable, Equatable, Codable {
    public var clientID: String
    public var clientSecret: String?
    /// The redirect URI registered with it, when registered dynamically (the port must match exactly).
    public var redirectURI: String?
    /// How it authenticates at the token endpoint: `none`, `client_secret_basic` or `client_secret_post`.
    public var authMethod: String
    /// True for a client mcptask registered itself; nil or false for one the user named (pre-registered, or
    /// a metadata document URL), which a later login to the same server may use again.
    public var registered: Bool?

    public init(clientID: String, clientSecret: String? = nil, redirectURI: String? = nil, authMethod: String? = nil) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURI = redirectURI
        self.authMethod = authMethod ?? (clientSecret == nil ? "none" : "client_secret_post")
    }
}

/// How a login identifies mcptask, in the MCP specification's order of preference: a pre-registered client,
/// then a Client ID Metadata Document URL where the authorization server supports them
/// (`client_id_metadata_document_supported`), then Dynamic Client Registration where it offers it.
enum ClientChoice: Equatable {
    case preRegistered(clientID: String, secret: String?)
    case metadataDocument(String)
    case register(endpoint: String)

    static func choose(_ request: LoginRequest, server: AuthorizationServerMetadata) throws(AuthFailure)
        -> ClientChoice
    {
        if let clientID = request.clientID { return .preRegistered(clientID: clientID, secret: request.clientSecret) }
        if let document = request.clientMetadataURL {
            // The document's URL is the client id: https with a path (draft-ietf-oauth-client-id-metadata-document).
            guard let url = WebURL(document), url.scheme == "https", url.path.count > 1 else {
                throw AuthFailure(
                    .invalidServer,
                    "a client metadata document URL must be an https:// URL with a path, not '\(document)'")
            }
            if server.clientIDMetadataDocumentSupported { return .metadataDocument(document) }
        }
        guard let endpoint = server.registrationEndpoint else {
            let host = WebURL(server.issuer)?.authority ?? server.issuer
            let what =
                request.clientMetadataURL == nil
                ? "offers no dynamic client registration" : "takes neither client metadata documents nor registrations"
            throw AuthFailure(
                .refused, "the authorization server \(host) \(what); pass a pre-registered client with --client-id")
        }
        return .register(endpoint: endpoint)
    }
}

/// Dynamic Client Registration (RFC 7591).
struct ClientRegistration {
    let http = AuthHTTP()

    func register(at endpoint: String, redirectURI: String, scopes: [String]) async throws(AuthFailure)
        -> ClientIdentity
    {
        var fields: [String: JSONValue] = [
            "client_name": "mcptask",
            "redirect_uris": [.string(redirectURI)],
            // Both grants, or the server refuses to refresh (authorization-notes.md, 4).
            "grant_types": ["authorization_code", "refresh_token"],
            "response_types": ["code"],
            "token_endpoint_auth_method": "none",
            // A command-line tool with a loopback redirect; OpenID Connect servers default to "web" and may
            // then refuse the redirect (MCP authorization 2026-07-28 asks for it).
            "application_type": "native",
        ]
        if !scopes.isEmpty { fields["scope"] = .string(scopes.joined(separator: " ")) }
        let document = JSONValue.object(fields)
        let answer = try await http.postJSON(endpoint, document)
        guard (200..<300).contains(answer.status), let json = answer.json, let id = json["client_id"]?.stringValue
        else {
            let why = answer.json?["error_description"]?.stringValue ?? answer.json?["error"]?.stringValue ?? ""
            throw AuthFailure(
                .refused,
                "the authorization server refused to register mcptask as a client (HTTP \(answer.status))"
                    + (why.isEmpty ? "" : ": \(why)") + "; pass a pre-registered client with --client-id")
        }
        var client = ClientIdentity(
            clientID: id, clientSecret: json["client_secret"]?.stringValue, redirectURI: redirectURI,
            authMethod: json["token_endpoint_auth_method"]?.stringValue)
        client.registered = true
        return client
    }
}
