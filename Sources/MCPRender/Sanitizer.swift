/// Makes server-supplied text safe for a terminal: escape sequences (CSI, OSC, and other ESC forms) are
/// removed, other control characters dropped, so a server cannot move the cursor, retitle the window or
/// hide text. Newlines and tabs survive in multi-line mode.
public enum Sanitizer {
    public static func clean(_ text: String, multiline: Bool = false) -> String {
        var output = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar.value {
            case 0x1B:
                skipEscape(&scalars)
            case 0x9B:
                skipUntilFinal(&scalars)
            case 0x0A where multiline, 0x09:
                output.append(scalar)
            case 0x0A, 0x0D:
                output.append(" ")
            case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
                // C0/C1 controls, line separators and bidi overrides (which can disguise text).
                continue
            default:
                output.append(scalar)
            }
        }
        return String(output)
    }

    private static func skipEscape(_ scalars: inout String.UnicodeScalarView.Iterator) {
        guard let next = scalars.next() else { return }
        switch next {
        case "[": skipUntilFinal(&scalars)
        case "]", "P", "X", "^", "_":
            // OSC/DCS/SOS/PM/APC run until BEL or ESC \.
            while let scalar = scalars.next() {
                if scalar.value == 0x07 { return }
                if scalar.value == 0x1B {
                    _ = scalars.next()
                    return
                }
            }
        default: return
        }
    }

    private static func skipUntilFinal(_ scalars: inout String.UnicodeScalarView.Iterator) {
        while let scalar = scalars.next() {
            if (0x40...0x7E).contains(scalar.value) { return }
        }
    }
}
