/// Prompts as libedit wants them: escape sequences (colour) bracketed by the ignore markers, so the
/// editor counts only visible characters when it places the cursor.
enum PromptText {
    static let startIgnore: Unicode.Scalar = "\u{01}"
    static let endIgnore: Unicode.Scalar = "\u{02}"

    static func forLibedit(_ prompt: String) -> String {
        var output = String.UnicodeScalarView()
        var inEscape = false
        for scalar in prompt.unicodeScalars {
            if scalar == "\u{1B}" && !inEscape {
                inEscape = true
                output.append(startIgnore)
                output.append(scalar)
                continue
            }
            output.append(scalar)
            // A CSI sequence ends with a letter (`m` for colour).
            if inEscape && scalar != "[" && scalar.properties.isAlphabetic {
                inEscape = false
                output.append(endIgnore)
            }
        }
        if inEscape { output.append(endIgnore) }
        return String(output)
    }
}
