/// The redirect that ends an authorization, checked before its code goes anywhere: the `state` that was sent,
/// then the authorization server's `iss` (RFC 9207, which the 2026-07-28 revision of MCP authorization makes
/// clients check) against the issuer recorded from the validated metadata, by simple string comparison and
/// required when the metadata says the server sends it. A response from the wrong issuer is neither acted on
/// nor shown: its error text could be a mix-up attacker's.
struct AuthorizationResponse {
    let parameters: [String: String]

    /// The authorization code, or why there is none.
    func code(state: String, issuer: String, issuerAdvertised: Bool) throws(AuthFailure) -> String {
        guard parameters["state"] == state else {
            throw AuthFailure(.refused, "the authorization redirect carried the wrong state; nothing was stored")
        }
        switch parameters["iss"] {
        case .some(let named) where named != issuer:
            throw AuthFailure(
                .refused,
                "the authorization redirect names another issuer than \(issuer) (RFC 9207 mix-up check); "
                    + "nothing was stored")
        case .none where issuerAdvertised:
            throw AuthFailure(
                .refused,
                "the authorization redirect lacks the issuer (iss) that \(issuer) says it sends (RFC 9207); "
                    + "nothing was stored")
        default: break
        }
        guard let code = parameters["code"] else {
            let error = parameters["error"] ?? "no code"
            let description = parameters["error_description"].map { ": \($0)" } ?? ""
            throw AuthFailure(.refused, "the authorization server did not grant access (\(error)\(description))")
        }
        return code
    }
}
