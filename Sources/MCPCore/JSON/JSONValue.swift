/// Any JSON value. Used for arguments, `_meta`, structured content and everything passed through verbatim.
///
/// Numbers parsed from text are `.int` when they are plain integers that fit an `Int`, and `.number` (the
/// text itself) otherwise, so writing a parsed value back gives the same numbers. `.double` is for numbers
/// made in code. Objects keep their members' order. Equality is JSON's: numbers compare by value across the
/// three cases, objects ignore member order.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// An object from a dictionary; its members are sorted by name (a dictionary has no order to keep).
    public static func object(_ members: [String: JSONValue]) -> JSONValue { .object(JSONObject(members)) }
}

extension JSONValue {
    /// The member `key` of an object, or nil for anything else.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// An integer, also from a double with no fractional part (servers write `4.0` for counts).
    public var intValue: Int? {
        switch self {
        case .int(let value): return value
        case .double(let value): return Self.wholeNumber(value)
        case .number(let number):
            if let exact = number.exactIntValue { return exact }
            return number.isIntegerText ? nil : Self.wholeNumber(number.doubleValue)
        default: return nil
        }
    }

    private static func wholeNumber(_ value: Double) -> Int? {
        value.rounded() == value && abs(value) < 9.0e15 ? Int(value) : nil
    }

    public var doubleValue: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        case .number(let number): return number.doubleValue
        default: return nil
        }
    }

    /// The number as JSON text: the received text for a parsed number.
    public var numberText: String? {
        switch self {
        case .int(let value): return String(value)
        case .double(let value): return value.isFinite ? value.description : nil
        case .number(let number): return number.text
        default: return nil
        }
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The JSON type name, for error messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int, .double, .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

extension JSONValue: Hashable {
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let left), .bool(let right)): return left == right
        case (.string(let left), .string(let right)): return left == right
        case (.array(let left), .array(let right)): return left == right
        case (.object(let left), .object(let right)): return left == right
        case (.int(let left), .int(let right)): return left == right
        default: return numbersEqual(lhs, rhs)
        }
    }

    /// Same text, or the same integer, or the same finite double: `1.0`, `1` and `1e0` are one number.
    private static func numbersEqual(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        guard let left = lhs.numberText, let right = rhs.numberText else { return false }
        if left == right { return true }
        if let leftInt = lhs.exactInteger, let rightInt = rhs.exactInteger { return leftInt == rightInt }
        guard let leftDouble = lhs.doubleValue, let rightDouble = rhs.doubleValue, leftDouble.isFinite else {
            return false
        }
        return leftDouble == rightDouble
    }

    private var exactInteger: Int? {
        switch self {
        case .int(let value): return value
        case .double(let value): return Int(exactly: value)
        case .number(let number): return number.exactIntValue ?? Int(exactly: number.doubleValue)
        default: return nil
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .string(let value): hasher.combine(value)
        case .array(let value): hasher.combine(value)
        case .object(let value): hasher.combine(value)
        case .int, .double, .number:
            // Equal numbers must hash alike: by the double when it is finite, else by the text.
            if let double = doubleValue, double.isFinite {
                hasher.combine(double)
            } else {
                hasher.combine(numberText)
            }
        }
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// Members in the order written.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var members = JSONObject()
        for (key, value) in elements { members[key] = value }
        self = .object(members)
    }
}

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        if let valueDecoder = decoder as? JSONValueDecoder {
            self = valueDecoder.value
            return
        }
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if let valueEncoder = encoder as? JSONValueEncoder.Impl {
            valueEncoder.storage.set(self)
            return
        }
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .number(let number):
            if let exact = number.exactIntValue {
                try container.encode(exact)
            } else {
                try container.encode(number.doubleValue)
            }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value.dictionary)
        }
    }
}
