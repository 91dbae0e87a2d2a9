import MCPCore

/// Typed access to a request's `params` or a tool's `arguments`. Every failure is a -32602 error whose message
/// names the request or tool and the offending member, e.g.
/// `Invalid arguments for tool 'slow_count': 'n' must be an integer >= 1, got 0`.
struct ParamsReader {
    /// The start of every message: `Invalid params for tasks/get`, `Invalid arguments for tool 'x'`.
    let subject: String
    let members: JSONObject

    init(_ value: JSONValue?, subject: String) throws(ResponseError) {
        self.subject = subject
        switch value {
        case nil, .null?: members = [:]
        case .object(let members)?: self.members = members
        case let other?: throw .invalidParams("\(subject): expected an object, got \(other.typeName)")
        }
    }

    init(params: JSONValue?, method: String) throws(ResponseError) {
        try self.init(params, subject: "Invalid params for \(method)")
    }

    func fail(_ key: String, _ problem: String) -> ResponseError {
        .invalidParams("\(subject): '\(key)' \(problem)")
    }

    /// The member, with JSON null treated as absent.
    subscript(key: String) -> JSONValue? {
        members[key].flatMap { $0.isNull ? nil : $0 }
    }

    func string(_ key: String) throws(ResponseError) -> String {
        guard let value = self[key] else { throw fail(key, "is required") }
        guard let text = value.stringValue else { throw fail(key, "must be a string, got \(value.typeName)") }
        return text
    }

    func optionalString(_ key: String) throws(ResponseError) -> String? {
        guard self[key] != nil else { return nil }
        return try string(key)
    }

    func optionalObject(_ key: String) throws(ResponseError) -> JSONObject? {
        guard let value = self[key] else { return nil }
        guard let object = value.objectValue else { throw fail(key, "must be an object, got \(value.typeName)") }
        return object
    }

    func integer(_ key: String, default fallback: Int? = nil, minimum: Int = .min) throws(ResponseError) -> Int {
        guard let value = self[key] else {
            guard let fallback else { throw fail(key, "is required") }
            return fallback
        }
        let bound = minimum == .min ? "" : " >= \(minimum)"
        guard let number = value.intValue, number >= minimum else {
            throw fail(key, "must be an integer\(bound), got \(JSONWriter.compactString(value))")
        }
        return number
    }

    func number(_ key: String, default fallback: Double, minimum: Double) throws(ResponseError) -> Double {
        guard let value = self[key] else { return fallback }
        guard let number = value.doubleValue, number >= minimum, number.isFinite else {
            throw fail(key, "must be a number >= \(Self.format(minimum)), got \(JSONWriter.compactString(value))")
        }
        return number
    }

    /// `30` rather than `30.0`, `0.5` as is.
    static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
