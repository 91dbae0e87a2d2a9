/// A JSON number as the text that carried it, so a number passed through (`call --json`, `_meta`, arguments)
/// keeps its value exactly: a 10,000-digit integer, 2^63, 1e-400 and -0 all survive parsing and writing.
/// The `Int` and `Double` views are computed when asked for, so numbers nobody reads cost nothing more.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number's JSON text (RFC 8259 grammar: no leading zeros, no `+`, no bare `.`).
    public let text: String

    /// The number `text` spells, or nil when `text` is not a JSON number.
    public init?(text: String) {
        var copy = text
        let valid = copy.withUTF8 { JSONNumber.scanLength($0, from: 0) == $0.count && !$0.isEmpty }
        guard valid else { return nil }
        self.text = text
    }

    /// For the parser, which has already checked the grammar.
    init(validated text: String) { self.text = text }

    public init(_ value: Int) { text = String(value) }

    /// Nil for infinities and NaN, which JSON cannot spell.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        text = value.description
    }

    public var description: String { text }

    /// True when the text has no fraction and no exponent.
    public var isIntegerText: Bool {
        !text.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// The value as an `Int` when the text is an integer that fits; nil otherwise (see `JSONValue.intValue` for
    /// the lenient view that also takes `4.0`).
    public var exactIntValue: Int? { isIntegerText ? Int(text) : nil }

    /// The nearest `Double`: huge magnitudes become infinity and tiny ones zero, as IEEE 754 rounds them.
    public var doubleValue: Double { Double(text) ?? .nan }

    /// Whether `byte` could go on a number after its first digits: a digit, a point or an exponent.
    static func continues(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: ".") || byte | 0x20 == UInt8(ascii: "e")
    }

    /// The length of the JSON number that starts at `start`, or nil when the bytes there do not spell one.
    /// Shared with the parser so both accept exactly the same grammar.
    static func scanLength(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        let end = bytes.count
        func isDigit(_ index: Int) -> Bool { index < end && bytes[index] &- UInt8(ascii: "0") < 10 }
        if index < end, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard isDigit(index) else { return nil }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while isDigit(index) { index += 1 }
        }
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard isDigit(index) else { return nil }
            while isDigit(index) { index += 1 }
        }
        if index < end, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard isDigit(index) else { return nil }
            while isDigit(index) { index += 1 }
        }
        return index - start
    }
}
