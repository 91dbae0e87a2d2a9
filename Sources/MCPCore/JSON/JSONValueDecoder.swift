/// Decodes `Decodable` types straight from a `JSONValue`, so a message parsed once is never turned back
/// into text to be decoded again. Errors carry the coding path.
public struct JSONValueDecoder: Decoder {
    let value: JSONValue
    public let codingPath: [any CodingKey]
    public var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(value: JSONValue, codingPath: [any CodingKey]) {
        self.value = value
        self.codingPath = codingPath
    }

    /// Decodes `type` from `value`.
    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try T(from: JSONValueDecoder(value: value, codingPath: []))
    }

    public func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw mismatch(JSONObject.self, value, codingPath) }
        return KeyedDecodingContainer(KeyedContainer<Key>(members: members.list, codingPath: codingPath))
    }

    public func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw mismatch([JSONValue].self, value, codingPath) }
        return UnkeyedContainer(elements: elements, codingPath: codingPath)
    }

    public func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleContainer(value: value, codingPath: codingPath)
    }
}

func mismatch(_ type: Any.Type, _ value: JSONValue, _ path: [any CodingKey]) -> DecodingError {
    .typeMismatch(
        type, .init(codingPath: path, debugDescription: "expected \(type), found \(value.typeName)"))
}

/// `path` is a function so the coding path (an array of existentials) is only built when it is needed: for
/// an error, or for a nested type's own decoder. Building it for every member cost more than the lookup.
private func decodeScalar<T: Decodable>(
    _ type: T.Type, _ value: JSONValue, _ path: () -> [any CodingKey]
) throws -> T {
    switch type {
    case is Bool.Type:
        if case .bool(let flag) = value { return flag as! T }
    case is String.Type:
        if case .string(let text) = value { return text as! T }
    case is Double.Type:
        if let number = value.doubleValue { return number as! T }
    case is Float.Type:
        if let number = value.doubleValue { return Float(number) as! T }
    case is Int.Type:
        if let number = value.intValue { return number as! T }
    case is JSONValue.Type:
        return value as! T
    case is Int8.Type, is Int16.Type, is Int32.Type, is Int64.Type, is UInt.Type, is UInt8.Type, is UInt16.Type,
        is UInt32.Type, is UInt64.Type, is Int128.Type, is UInt128.Type:
        // Named one by one: asking whether any type conforms to FixedWidthInteger is a runtime conformance
        // lookup, paid for every nested struct of every decoded array element.
        let integer = type as! any FixedWidthInteger.Type
        // Every other width (a pid is an Int32, a size a UInt64); `init(from:)` would come back here for ever.
        if let number = value.intValue, let exact = integer.init(exactly: number) { return exact as! T }
        // Integers past Int's range (2^63 for a UInt64) only exist as text.
        if case .number(let number) = value, number.isIntegerText, let exact = integer.init(number.text, radix: 10) {
            return exact as! T
        }
    default:
        return try T(from: JSONValueDecoder(value: value, codingPath: path()))
    }
    throw mismatch(type, value, path())
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    /// Read once: a parsed object's members come from behind a lock, and decoding looks up several.
    let members: JSONMemberList
    let codingPath: [any CodingKey]
    var allKeys: [Key] { members.members.compactMap { Key(stringValue: $0.key) } }

    func contains(_ key: Key) -> Bool { members.index(forKey: key.stringValue) != nil }

    private func member(_ key: Key) throws -> JSONValue {
        guard let value = members[key.stringValue] else {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: codingPath, debugDescription: "missing member '\(key.stringValue)'"))
        }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool { members[key.stringValue] ?? .null == .null }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decodeScalar(type, try member(key)) { codingPath + [key] }
    }

    func decode(_ type: Int128.Type, forKey key: Key) throws -> Int128 {
        try decodeScalar(type, try member(key)) { codingPath + [key] }
    }

    func decode(_ type: UInt128.Type, forKey key: Key) throws -> UInt128 {
        try decodeScalar(type, try member(key)) { codingPath + [key] }
    }

    // The common scalars have their own requirements in the protocol: implemented directly, they skip the
    // generic path's runtime type tests (the container is called through an existential box, unspecialised).
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        let value = try member(key)
        if case .string(let text) = value { return text }
        throw mismatch(type, value, codingPath + [key])
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        let value = try member(key)
        if case .bool(let flag) = value { return flag }
        throw mismatch(type, value, codingPath + [key])
    }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
        let value = try member(key)
        if let number = value.intValue { return number }
        throw mismatch(type, value, codingPath + [key])
    }

    // Absent and null both decode as nil for optionals: servers use either (ttl, cursors).
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = members[key.stringValue], !value.isNull else { return nil }
        return try decodeScalar(type, value) { codingPath + [key] }
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let value = members[key.stringValue], !value.isNull else { return nil }
        if case .string(let text) = value { return text }
        throw mismatch(type, value, codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try JSONValueDecoder(value: try member(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try JSONValueDecoder(value: try member(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        JSONValueDecoder(value: .object(JSONObject(list: members)), codingPath: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        JSONValueDecoder(value: members[key.stringValue] ?? .null, codingPath: codingPath + [key])
    }
}

/// An array position in a coding path.
struct JSONIndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    init(elements: [JSONValue], codingPath: [any CodingKey]) {
        self.elements = elements
        self.codingPath = codingPath
    }

    /// The next element and its position (its coding path is `path(position)`, built only when needed).
    private mutating func next() throws -> (JSONValue, Int) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                JSONValue.self, .init(codingPath: codingPath, debugDescription: "array has no more elements"))
        }
        defer { currentIndex += 1 }
        return (elements[currentIndex], currentIndex)
    }

    private func path(_ position: Int) -> [any CodingKey] { codingPath + [JSONIndexKey(position)] }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, position) = try next()
        return try decodeScalar(type, value) { path(position) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let (value, position) = try next()
        return try JSONValueDecoder(value: value, codingPath: path(position)).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (value, position) = try next()
        return try JSONValueDecoder(value: value, codingPath: path(position)).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (value, position) = try next()
        return JSONValueDecoder(value: value, codingPath: path(position))
    }
}

private struct SingleContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { value == .null }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeScalar(type, value) { codingPath } }
    // The protocol's own defaults for these two throw "not implemented".
    func decode(_ type: Int128.Type) throws -> Int128 { try decodeScalar(type, value) { codingPath } }
    func decode(_ type: UInt128.Type) throws -> UInt128 { try decodeScalar(type, value) { codingPath } }
}
