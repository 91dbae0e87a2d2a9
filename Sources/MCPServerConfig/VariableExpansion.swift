/// The `${...}` forms each client expands in its config, applied to one string. A variable that is not set
/// (and has no default) is an error naming it: a server started with a literal `${TOKEN}` for a credential
/// fails later and less clearly.
public struct VariableExpansion: Sendable {
    public var environment: [String: String]
    /// The directory the project files are in (`${workspaceFolder}`).
    public var workingDirectory: String

    public init(environment: [String: String], workingDirectory: String) {
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    public func expand(_ text: String, dialect: ConfigDialect) throws(ConfigError) -> String {
        switch dialect {
        case .claudeDesktop: return text
        case .claudeCode: return try replace(text, bare: false) { (inside) throws(ConfigError) in try posix(inside) }
        case .gemini, .mcptask:
            return try replace(text, bare: true) { (inside) throws(ConfigError) in try posix(inside) }
        case .cursor, .vsCode, .windsurf:
            return try replace(text, bare: false) { (inside) throws(ConfigError) in
                try editor(inside, dialect: dialect)
            }
        }
    }

    /// `${NAME}` and `${NAME:-default}`.
    private func posix(_ inside: Substring) throws(ConfigError) -> String {
        if let marker = inside.firstRange(of: ":-") {
            let name = String(inside[..<marker.lowerBound])
            if let value = environment[name] { return value }
            return String(inside[marker.upperBound...])
        }
        return try variable(String(inside))
    }

    /// VS Code's and Cursor's predefined variables; `${input:...}` asks the user in VS Code, which mcptask
    /// cannot do from a config file.
    private func editor(_ inside: Substring, dialect: ConfigDialect) throws(ConfigError) -> String {
        if inside.hasPrefix("env:") { return try variable(String(inside.dropFirst(4))) }
        if dialect == .windsurf { return "${\(inside)}" }
        switch inside {
        case "userHome": return environment["HOME"] ?? ""
        case "workspaceFolder", "workspaceRoot": return workingDirectory
        case "workspaceFolderBasename": return String(workingDirectory.split(separator: "/").last ?? "")
        case "pathSeparator", "/": return "/"
        default:
            if inside.hasPrefix("input:") {
                throw ConfigError("uses ${\(inside)}, which VS Code asks for when it starts the server; mcptask cannot")
            }
            return "${\(inside)}"
        }
    }

    private func variable(_ name: String) throws(ConfigError) -> String {
        guard let value = environment[name] else {
            throw ConfigError("uses the variable \(name), which is not set in the environment")
        }
        return value
    }

    /// Replaces each `${...}` with `resolve(inside)`, and with `bare`, each `$NAME` too.
    private func replace(
        _ text: String, bare: Bool, _ resolve: (Substring) throws(ConfigError) -> String
    ) throws(ConfigError) -> String {
        var output = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            output += rest[..<dollar]
            rest = rest[rest.index(after: dollar)...]
            if rest.first == "{", let close = rest.firstIndex(of: "}") {
                output += try resolve(rest[rest.index(after: rest.startIndex)..<close])
                rest = rest[rest.index(after: close)...]
                continue
            }
            let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if bare, let first = name.first, !first.isNumber {
                output += try variable(String(name))
                rest = rest.dropFirst(name.count)
            } else {
                output += "$"
            }
        }
        return output + rest
    }
}

/// Why a config file or one of its servers cannot be used, in words for the user (never a secret: values of
/// headers and variables are not quoted).
public struct ConfigError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
