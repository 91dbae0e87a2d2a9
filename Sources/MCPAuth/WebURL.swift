/// Just enough of an http(s) URL for OAuth: its parts, the canonical resource URI of an MCP server
/// (RFC 8707, as the MCP authorization specification asks: lower-case scheme and host, no fragment), the
/// well-known URLs derived from it (RFC 8615), and query strings.
public struct WebURL: Sendable, Equatable {
    public var scheme: String
    /// Host and port as written (`127.0.0.1:8000`).
    public var authority: String
    /// The path, empty or starting with `/`.
    public var path: String
    public var query: String?

    public init?(_ text: String) {
        guard let colon = text.firstIndex(of: ":"), text[colon...].hasPrefix("://") else { return nil }
        scheme = text[..<colon].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        var rest = text[text.index(colon, offsetBy: 3)...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        authority = rest[..<slash].lowercased()
        path = String(rest[slash...])
        guard !authority.isEmpty else { return nil }
    }

    /// The host without the port, for saying where a browser is sent.
    public var host: String {
        if authority.hasPrefix("["), let end = authority.firstIndex(of: "]") {
            return String(authority[...end])
        }
        return String(authority.split(separator: ":", maxSplits: 1).first ?? "")
    }

    public var origin: String { scheme + "://" + authority }

    /// The URL without query and fragment, and without a lone trailing slash: the `resource` parameter.
    public var canonical: String { origin + (path == "/" ? "" : path) }

    public var text: String { origin + path + (query.map { "?" + $0 } ?? "") }

    /// `/.well-known/NAME` inserted before the path (RFC 8414 §3, RFC 9728 §3).
    public func wellKnown(_ name: String, keepingPath: Bool = true) -> String {
        let suffix = keepingPath && path != "/" ? path : ""
        return origin + "/.well-known/" + name + suffix
    }

    /// This URL with `parameters` added to its query, each percent-encoded.
    public func adding(_ parameters: [(String, String)]) -> String {
        let added = FormEncoding.encode(parameters)
        let joined = [query, added].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "&")
        return origin + path + (joined.isEmpty ? "" : "?" + joined)
    }

    /// The query's parameters, decoded.
    public var parameters: [String: String] { FormEncoding.decode(query ?? "") }
}

/// `application/x-www-form-urlencoded`, as token requests and redirects carry parameters.
public enum FormEncoding {
    public static func encode(_ parameters: [(String, String)]) -> String {
        parameters.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    public static func decode(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = unescape(String(parts[0]))
            result[name] = parts.count > 1 ? unescape(String(parts[1])) : ""
        }
        return result
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }

    static func unescape(_ text: String) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
