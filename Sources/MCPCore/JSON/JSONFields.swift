/// The members of one object read by name, for the few types read straight from a parsed value instead of
/// through `Decodable`'s generic containers (a tools/list of tens of thousands of tools: the generic path,
/// with its boxed containers and runtime type tests for every member, cost several times the parse). It
/// throws the same errors, with the same coding paths, as `JSONValueDecoder`; the path is a function,
/// called only for an error, so reading builds no path and captures nothing on the heap.
struct JSONFields {
    let members: JSONMemberList

    init(_ value: JSONValue, path: () -> [any CodingKey]) throws {
        guard case .object(let object) = value else { throw mismatch(JSONObject.self, value, path()) }
        members = object.list
    }

    /// The member, or nil when it is absent or null (servers write either for "none").
    func optional(_ key: some CodingKey) -> JSONValue? {
        guard let value = members[key.stringValue], !value.isNull else { return nil }
        return value
    }

    func required(_ key: some CodingKey, path: () -> [any CodingKey]) throws -> JSONValue {
        guard let value = members[key.stringValue] else {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: path(), debugDescription: "missing member '\(key.stringValue)'"))
        }
        return value
    }

    func string(_ key: some CodingKey, path: () -> [any CodingKey]) throws -> String {
        try Self.string(try required(key, path: path)) { path() + [key] }
    }

    func optionalString(_ key: some CodingKey, path: () -> [any CodingKey]) throws -> String? {
        try optional(key).map { value in try Self.string(value) { path() + [key] } }
    }

    static func string(_ value: JSONValue, _ path: () -> [any CodingKey]) throws -> String {
        guard case .string(let text) = value else { throw mismatch(String.self, value, path()) }
        return text
    }

    static func array(_ value: JSONValue, _ path: () -> [any CodingKey]) throws -> [JSONValue] {
        guard case .array(let elements) = value else { throw mismatch([JSONValue].self, value, path()) }
        return elements
    }
}
