/// Serialises `JSONValue` as compact JSON (one line, fit for newline-delimited framing) or pretty JSON
/// for people. Members are written in the object's order (as received, or as built) and parsed numbers as
/// their received text, so a parsed document written compactly gives back its own numbers and order.
public enum JSONWriter {
    /// Compact UTF-8 bytes, with no raw newline anywhere (U+2028/2029 are escaped too).
    public static func compact(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(value, into: &output, indent: nil, level: 0)
        return output
    }

    public static func compactString(_ value: JSONValue) -> String {
        String(decoding: compact(value), as: UTF8.self)
    }

    /// Indented text with two spaces a level.
    public static func pretty(_ value: JSONValue) -> String {
        var output: [UInt8] = []
        write(value, into: &output, indent: 2, level: 0)
        return String(decoding: output, as: UTF8.self)
    }

    private static func write(_ value: JSONValue, into output: inout [UInt8], indent: Int?, level: Int) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): output.append(contentsOf: String(number).utf8)
        case .double(let number): output.append(contentsOf: format(number).utf8)
        case .number(let number): output.append(contentsOf: number.text.utf8)
        case .string(let text): writeString(text, into: &output)
        case .array(let elements):
            writeContainer(elements.count, open: "[", close: "]", into: &output, indent: indent, level: level) {
                index, output in
                write(elements[index], into: &output, indent: indent, level: level + 1)
            }
        case .object(let object):
            // The members once: a parsed object's are behind a lock.
            let members = object.members
            writeContainer(members.count, open: "{", close: "}", into: &output, indent: indent, level: level) {
                index, output in
                let member = members[index]
                writeString(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                if indent != nil { output.append(UInt8(ascii: " ")) }
                write(member.value, into: &output, indent: indent, level: level + 1)
            }
        }
    }

    private static func writeContainer(
        _ count: Int, open: Unicode.Scalar, close: Unicode.Scalar, into output: inout [UInt8], indent: Int?,
        level: Int, element: (Int, inout [UInt8]) -> Void
    ) {
        output.append(UInt8(ascii: open))
        guard count > 0 else {
            output.append(UInt8(ascii: close))
            return
        }
        for index in 0..<count {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            if let indent { newline(&output, spaces: indent * (level + 1)) }
            element(index, &output)
        }
        if let indent { newline(&output, spaces: indent * level) }
        output.append(UInt8(ascii: close))
    }

    private static func newline(_ output: inout [UInt8], spaces: Int) {
        output.append(0x0A)
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: spaces))
    }

    /// JSON has no NaN or infinity; they become null. Integral doubles keep a ".0" so they read back as doubles.
    static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        return number.description
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Most strings need no escape: copy them whole.
            if !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 }) {
                output.append(contentsOf: bytes)
            } else {
                writeEscaped(bytes, into: &output)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        var utf8 = bytes[...]
        while let byte = utf8.popFirst() {
            switch byte {
            case 0x22: output.append(contentsOf: [0x5C, 0x22])
            case 0x5C: output.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20, 0x7F: writeEscape(UInt32(byte), into: &output)
            case 0xE2
            where utf8.count >= 2 && utf8[utf8.startIndex] == 0x80
                && (utf8[utf8.startIndex + 1] == 0xA8 || utf8[utf8.startIndex + 1] == 0xA9):
                // U+2028 and U+2029 are legal in JSON but split lines in some readers.
                writeEscape(utf8[utf8.startIndex + 1] == 0xA8 ? 0x2028 : 0x2029, into: &output)
                utf8 = utf8.dropFirst(2)
            default: output.append(byte)
            }
        }
    }

    private static func writeEscape(_ code: UInt32, into output: inout [UInt8]) {
        output.append(contentsOf: [0x5C, UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) {
            output.append(hexDigits[Int((code >> UInt32(shift)) & 0xF)])
        }
    }
}
