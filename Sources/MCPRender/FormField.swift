import MCPCore

/// One property of an elicitation's `requestedSchema` (MCP 2025-11-25 restricted schema), as the form asks
/// for it: what kind of value, its limits, its label and its default.
public struct FormField: Sendable, Equatable {
    /// A choice of a single- or multi-select field: the value sent, and the label shown when titled.
    public struct Option: Sendable, Equatable {
        public var value: String
        public var label: String?

        public init(value: String, label: String? = nil) {
            self.value = value
            self.label = label
        }
    }

    public enum Kind: Sendable, Equatable {
        /// `format` is one of email, uri, date, date-time, or another the form does not check.
        case text(minLength: Int?, maxLength: Int?, format: String?, pattern: String?)
        case number(integer: Bool, minimum: Double?, maximum: Double?)
        case boolean
        case choice([Option])
        case multiChoice([Option], minItems: Int?, maxItems: Int?)
        /// Outside the restricted schema (a nested object, say): typed as JSON, coerced by its `type`.
        case other(schema: JSONValue)
    }

    public var name: String
    public var title: String?
    public var description: String?
    public var isRequired: Bool
    public var defaultValue: JSONValue?
    public var kind: Kind

    public init(
        name: String, title: String? = nil, description: String? = nil, isRequired: Bool = false,
        defaultValue: JSONValue? = nil, kind: Kind
    ) {
        self.name = name
        self.title = title
        self.description = description
        self.isRequired = isRequired
        self.defaultValue = defaultValue
        self.kind = kind
    }

    /// The fields of a requested schema in the order its `properties` list them, which is the order the server
    /// meant them to be asked (JSON objects keep their member order here).
    public static func fields(of schema: JSONValue?) -> [FormField] {
        let properties = schema?["properties"]?.objectValue ?? [:]
        let required = (schema?["required"]?.arrayValue ?? []).compactMap(\.stringValue)
        return properties.map { name, property in
            FormField(
                name: name, title: property["title"]?.stringValue, description: property["description"]?.stringValue,
                isRequired: required.contains(name), defaultValue: property["default"], kind: kind(of: property))
        }
    }

    /// What a property asks for, reading the titled and legacy enum shapes too.
    static func kind(of property: JSONValue) -> Kind {
        let type = SchemaCoercion.schemaType(property)
        switch type {
        case "string":
            if let options = options(of: property) { return .choice(options) }
            return .text(
                minLength: property["minLength"]?.intValue, maxLength: property["maxLength"]?.intValue,
                format: property["format"]?.stringValue, pattern: property["pattern"]?.stringValue)
        case "integer", "number":
            return .number(
                integer: type == "integer", minimum: property["minimum"]?.doubleValue,
                maximum: property["maximum"]?.doubleValue)
        case "boolean":
            return .boolean
        case "array":
            guard let items = property["items"], let options = options(of: items) else {
                return .other(schema: property)
            }
            return .multiChoice(
                options, minItems: property["minItems"]?.intValue, maxItems: property["maxItems"]?.intValue)
        default:
            return .other(schema: property)
        }
    }

    /// The choices of an enum: `enum` (with legacy `enumNames` as labels), or `oneOf`/`anyOf` of
    /// `{const, title}`.
    private static func options(of schema: JSONValue) -> [Option]? {
        if let values = schema["enum"]?.arrayValue {
            let names = schema["enumNames"]?.arrayValue?.map(\.stringValue)
            return values.enumerated().map { index, value in
                let label = names.flatMap { index < $0.count ? $0[index] : nil }
                return Option(value: text(of: value), label: label)
            }
        }
        for key in ["oneOf", "anyOf"] {
            guard let cases = schema[key]?.arrayValue else { continue }
            let options = cases.compactMap { item -> Option? in
                guard let value = item["const"] else { return nil }
                return Option(value: text(of: value), label: item["title"]?.stringValue)
            }
            if !options.isEmpty { return options }
        }
        return nil
    }

    private static func text(of value: JSONValue) -> String {
        value.stringValue ?? JSONWriter.compactString(value)
    }

    /// The title when there is one, else the property name.
    public var label: String { title ?? name }
}
