import MCPCore

/// Protected Resource Metadata (RFC 9728): which authorization servers protect the MCP server.
public struct ResourceMetadata: Sendable, Equatable {
    public var resource: String?
    public var authorizationServers: [String]
    public var scopesSupported: [String]

    init?(_ json: JSONValue) {
        guard let servers = json["authorization_servers"]?.arrayValue?.compactMap(\.stringValue), !servers.isEmpty
        else { return nil }
        resource = json["resource"]?.stringValue
        authorizationServers = servers
        scopesSupported = json["scopes_supported"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    public init(resource: String?, authorizationServers: [String], scopesSupported: [String] = []) {
        self.resource = resource
        self.authorizationServers = authorizationServers
        self.scopesSupported = scopesSupported
    }
}

/// Authorization server metadata (RFC 8414, or OpenID Connect discovery): its endpoints and what it offers.
public struct AuthorizationServerMetadata: Sendable, Equatable {
    public var issuer: String
    public var authorizationEndpoint: String
    public var tokenEndpoint: String
    public var registrationEndpoint: String?
    public var scopesSupported: [String]
    public var codeChallengeMethods: [String]
    public var clientIDMetadataDocumentSupported: Bool
    public var tokenAuthMethods: [String]
    /// Whether authorization responses carry `iss` (RFC 9207 §2.3): then one without it is refused.
    public var issuerInResponses: Bool

    init?(_ json: JSONValue) {
        guard let issuer = json["issuer"]?.stringValue,
            let authorization = json["authorization_endpoint"]?.stringValue,
            let token = json["token_endpoint"]?.stringValue
        else { return nil }
        self.issuer = issuer
        authorizationEndpoint = authorization
        tokenEndpoint = token
        registrationEndpoint = json["registration_endpoint"]?.stringValue
        scopesSupported = json["scopes_supported"]?.arrayValue?.compactMap(\.stringValue) ?? []
        codeChallengeMethods = json["code_challenge_methods_supported"]?.arrayValue?.compactMap(\.stringValue) ?? []
        clientIDMetadataDocumentSupported = json["client_id_metadata_document_supported"]?.boolValue ?? false
        issuerInResponses = json["authorization_response_iss_parameter_supported"]?.boolValue ?? false
        tokenAuthMethods =
            json["token_endpoint_auth_methods_supported"]?.arrayValue?.compactMap(\.stringValue) ?? [
                "client_secret_basic"
            ]
    }

    /// Whether `other` names this issuer; issuers may differ only by a trailing slash.
    public func isIssuer(_ other: String) -> Bool { Self.sameIssuer(issuer, other) }

    /// Whether two issuer identifiers name the same authorization server, a trailing slash aside.
    static func sameIssuer(_ one: String, _ other: String) -> Bool { trimmed(one) == trimmed(other) }

    private static func trimmed(_ text: String) -> String { text.hasSuffix("/") ? String(text.dropLast()) : text }
}

/// A `WWW-Authenticate: Bearer …` challenge (RFC 6750 §3, RFC 9728 §5.1).
public struct BearerChallenge: Sendable, Equatable {
    public var resourceMetadata: String?
    public var scope: String?
    public var error: String?

    /// The Bearer challenge in a `WWW-Authenticate` value, if there is one.
    public init?(header: String) {
        // The scheme is case-insensitive; a header may list other challenges before it.
        let characters = Array(header)
        let lowered = Array(header.lowercased())
        let scheme = Array("bearer")
        guard
            let start = (0...max(0, lowered.count - scheme.count)).first(where: {
                lowered.count >= scheme.count && Array(lowered[$0..<$0 + scheme.count]) == scheme
            })
        else { return nil }
        let parameters = Self.parameters(String(characters[(start + scheme.count)...]))
        resourceMetadata = parameters["resource_metadata"]
        scope = parameters["scope"]
        error = parameters["error"]
    }

    /// `name=value` and `name="quoted value"` pairs, separated by commas.
    static func parameters(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        var rest = Substring(text)
        while true {
            rest = rest.drop { $0 == " " || $0 == "," }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let name = rest[..<equals].trimmingSpaces.lowercased()
            rest = rest[rest.index(after: equals)...].drop { $0 == " " }
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if escaped {
                        value.append(character)
                        escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        break
                    } else {
                        value.append(character)
                    }
                }
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                value = String(rest[..<end]).trimmingSpaces
                rest = rest[end...]
            }
            result[name] = value
        }
        return result
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
