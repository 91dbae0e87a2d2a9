import MCPCore

/// Turns text typed by a person (`n=5`, `tags=["a"]`, `--answer age=30`) into the JSON value a schema
/// property asks for. Errors are sentences that name the expected type.
public enum SchemaCoercion {
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    public static func coerce(_ text: String, schema: JSONValue?) throws(Failure) -> JSONValue {
        switch schemaType(schema) {
        case "string":
            return .string(text)
        case "integer":
            guard let value = Int(text.trimmed) else {
                throw Failure(description: "expected an integer, got '\(text)'")
            }
            return .int(value)
        case "number":
            if let value = Int(text.trimmed) { return .int(value) }
            guard let value = Double(text.trimmed), value.isFinite else {
                throw Failure(description: "expected a number, got '\(text)'")
            }
            return .double(value)
        case "boolean":
            switch text.trimmed.lowercased() {
            case "true", "yes", "y", "1", "on": return .bool(true)
            case "false", "no", "n", "0", "off": return .bool(false)
            default: throw Failure(description: "expected true or false, got '\(text)'")
            }
        case "array":
            if let parsed = try? JSONParser.parse(text), case .array = parsed { return parsed }
            let items = text.split(separator: ",", omittingEmptySubsequences: true).map { String($0).trimmed }
            return .array(try items.map { item throws(Failure) in try coerce(item, schema: schema?["items"]) })
        case "object":
            guard let parsed = try? JSONParser.parse(text), case .object = parsed else {
                throw Failure(description: "expected a JSON object, got '\(text)'")
            }
            return parsed
        case "null":
            return .null
        default:
            // No usable type: take JSON when it is JSON (numbers, booleans, arrays), else the text.
            if let parsed = try? JSONParser.parse(text) { return parsed }
            return .string(text)
        }
    }

    /// Checks a value a script supplied as JSON against the property's type, converting text where possible.
    public static func conform(_ value: JSONValue, schema: JSONValue?) throws(Failure) -> JSONValue {
        if case .string(let text) = value, schemaType(schema) != "string" { return try coerce(text, schema: schema) }
        return value
    }

    /// The property's type; the first non-null one when a list is given.
    static func schemaType(_ schema: JSONValue?) -> String? {
        switch schema?["type"] {
        case .string(let type)?: return type
        case .array(let types)?: return types.compactMap(\.stringValue).first { $0 != "null" }
        default: return schema?["enum"] != nil || schema?["oneOf"] != nil ? "string" : nil
        }
    }
}

extension String {
    var trimmed: String {
        var view = Substring(self)
        while view.first?.isWhitespace == true { view.removeFirst() }
        while view.last?.isWhitespace == true { view.removeLast() }
        return String(view)
    }
}
