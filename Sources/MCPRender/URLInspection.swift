/// What a person should know about a URL before agreeing to open it (URL-mode elicitation, MCP
/// 2025-11-25): where the host is in the text, and warnings about hosts that can pass for others
/// (punycode, mixed scripts, a user-name part that pushes the real host out of sight, odd schemes).
public struct URLInspection: Sendable, Equatable {
    public let url: String
    public let scheme: String?
    /// The host as written (between `//` and the port or path), when the URL has one.
    public let host: String?
    public let warnings: [String]

    public init(_ url: String) {
        self.url = url
        var warnings: [String] = []
        let scheme = url.firstIndex(of: ":").map { String(url[..<$0]).lowercased() }
        self.scheme = scheme
        let hostRange = Self.hostRange(in: url)
        let host = hostRange.map { String(url[$0]) }
        self.host = host
        if scheme != "http" && scheme != "https" {
            warnings.append(
                "the URL is not http or https (scheme '\(Sanitizer.clean(scheme ?? ""))'); mcptask will not open it")
        }
        if let hostRange, let schemeEnd = url.firstRange(of: "//")?.upperBound,
            url[schemeEnd..<hostRange.lowerBound].contains("@")
        {
            warnings.append(
                "the URL has a user-name part before '@'; the real host is \(Sanitizer.clean(host ?? ""))")
        }
        if let host {
            warnings += Self.hostWarnings(host)
        } else if scheme == "http" || scheme == "https" {
            warnings.append("the URL names no host")
        }
        self.warnings = warnings
    }

    /// Whether mcptask may hand the URL to the system opener (after consent): http and https only.
    public var isOpenable: Bool { (scheme == "http" || scheme == "https") && host != nil }

    /// The full URL, sanitised, with the host emphasised.
    public func highlighted(style: Style) -> String {
        guard let range = Self.hostRange(in: url) else { return Sanitizer.clean(url) }
        return Sanitizer.clean(String(url[..<range.lowerBound]))
            + style.bold(style.yellow(Sanitizer.clean(String(url[range]))))
            + Sanitizer.clean(String(url[range.upperBound...]))
    }

    /// The host part of `scheme://[userinfo@]host[:port][/path...]`.
    static func hostRange(in url: String) -> Range<String.Index>? {
        guard let slashes = url.firstRange(of: "://") else { return nil }
        let authorityStart = slashes.upperBound
        let authorityEnd = url[authorityStart...].firstIndex { "/?#".contains($0) } ?? url.endIndex
        let authority = url[authorityStart..<authorityEnd]
        let hostStart = authority.lastIndex(of: "@").map { url.index(after: $0) } ?? authorityStart
        var hostEnd = authorityEnd
        if url[hostStart...].hasPrefix("[") {
            // An IPv6 literal: up to the closing bracket.
            if let close = url[hostStart..<authorityEnd].firstIndex(of: "]") { hostEnd = url.index(after: close) }
        } else if let colon = url[hostStart..<authorityEnd].firstIndex(of: ":") {
            hostEnd = colon
        }
        return hostStart < hostEnd ? hostStart..<hostEnd : nil
    }

    static func hostWarnings(_ host: String) -> [String] {
        var warnings: [String] = []
        let labels = host.lowercased().split(separator: ".")
        let decoded = labels.map { label -> String in
            guard label.hasPrefix("xn--"), let text = Punycode.decode(String(label.dropFirst(4))) else {
                return String(label)
            }
            return text
        }
        if labels.contains(where: { $0.hasPrefix("xn--") }) {
            warnings.append(
                "the host is punycode (xn--); it reads \(Sanitizer.clean(decoded.joined(separator: "."))), which "
                    + "may imitate another name")
        } else if host.unicodeScalars.contains(where: { !$0.isASCII }) {
            warnings.append("the host has non-ASCII letters, which may imitate another name")
        }
        let scripts = Set(decoded.joined().unicodeScalars.compactMap(Script.of))
        if scripts.count > 1 {
            let names = scripts.map(\.rawValue).sorted().joined(separator: " and ")
            warnings.append("the host mixes \(names) letters, a common disguise")
        }
        return warnings
    }

    /// The writing systems look-alike hosts are made from.
    enum Script: String {
        case latin = "Latin", greek = "Greek", cyrillic = "Cyrillic", armenian = "Armenian", hebrew = "Hebrew"
        case arabic = "Arabic", other = "other"

        static func of(_ scalar: Unicode.Scalar) -> Script? {
            guard scalar.properties.isAlphabetic else { return nil }
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: return .latin
            case 0x370...0x3FF, 0x1F00...0x1FFF: return .greek
            case 0x400...0x52F: return .cyrillic
            case 0x530...0x58F: return .armenian
            case 0x590...0x5FF: return .hebrew
            case 0x600...0x6FF: return .arabic
            default: return .other
            }
        }
    }
}

/// RFC 3492 Punycode, decoding only: enough to show what an `xn--` label really says.
enum Punycode {
    static func decode(_ input: String) -> String? {
        let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700
        var output: [Unicode.Scalar] = []
        var encoded = Substring(input)
        if let delimiter = input.lastIndex(of: "-") {
            for scalar in input[..<delimiter].unicodeScalars {
                guard scalar.isASCII else { return nil }
                output.append(scalar)
            }
            encoded = input[input.index(after: delimiter)...]
        }
        var n = 128, i = 0, bias = 72
        var digits = encoded.unicodeScalars.makeIterator()
        func adapt(_ delta: Int, _ count: Int, _ first: Bool) -> Int {
            var delta = first ? delta / damp : delta / 2
            delta += delta / count
            var k = 0
            while delta > ((base - tMin) * tMax) / 2 {
                delta /= base - tMin
                k += base
            }
            return k + (base - tMin + 1) * delta / (delta + skew)
        }
        while let first = digits.next() {
            let oldI = i
            var w = 1, k = base
            var scalar: Unicode.Scalar? = first
            while true {
                guard let current = scalar, let digit = value(of: current) else { return nil }
                guard digit <= (Int.max - i) / w else { return nil }
                i += digit * w
                let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                if digit < t { break }
                guard w <= Int.max / (base - t) else { return nil }
                w *= base - t
                k += base
                scalar = digits.next()
            }
            bias = adapt(i - oldI, output.count + 1, oldI == 0)
            n += i / (output.count + 1)
            i %= output.count + 1
            guard let decoded = Unicode.Scalar(n), output.count < 256 else { return nil }
            output.insert(decoded, at: i)
            i += 1
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: output)
        return text
    }

    private static func value(of scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x30...0x39: return Int(scalar.value) - 0x30 + 26
        case 0x41...0x5A: return Int(scalar.value) - 0x41
        case 0x61...0x7A: return Int(scalar.value) - 0x61
        default: return nil
        }
    }
}
