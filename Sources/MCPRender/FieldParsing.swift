import MCPCore

/// Turns what a person typed into a form field into the value the schema asks for, or a sentence that
/// says what is wrong. Pure, so every rule is tested directly.
public enum FieldParsing {
    public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// The value for `text`; nil when the field is left empty (allowed only when it is optional).
    public static func parse(_ text: String, for field: FormField) throws(Invalid) -> JSONValue? {
        let trimmed = text.trimmed
        if trimmed.isEmpty {
            guard field.isRequired else { return nil }
            // A required multi-select that allows none takes the empty selection.
            if case .multiChoice(_, let minItems, _) = field.kind, (minItems ?? 0) == 0 { return .array([]) }
            throw Invalid("a value is required")
        }
        switch field.kind {
        case .text(let minLength, let maxLength, let format, let pattern):
            // Text is kept as typed (inner spaces and all), only the line's ends are trimmed.
            try checkText(trimmed, minLength: minLength, maxLength: maxLength, format: format, pattern: pattern)
            return .string(trimmed)
        case .number(let integer, let minimum, let maximum):
            return try number(trimmed, integer: integer, minimum: minimum, maximum: maximum)
        case .boolean:
            switch trimmed.lowercased() {
            case "y", "yes", "true", "t", "1", "on": return .bool(true)
            case "n", "no", "false", "f", "0", "off": return .bool(false)
            default: throw Invalid("answer yes or no")
            }
        case .choice(let options):
            return .string(try choose(trimmed, from: options).value)
        case .multiChoice(let options, let minItems, let maxItems):
            var chosen: [String] = []
            for part in trimmed.split(separator: ",") {
                let item = String(part).trimmed
                guard !item.isEmpty else { continue }
                let value = try choose(item, from: options).value
                if !chosen.contains(value) { chosen.append(value) }
            }
            if let minItems, chosen.count < minItems {
                throw Invalid("choose at least \(minItems) (\(chosen.count) chosen)")
            }
            if let maxItems, chosen.count > maxItems {
                throw Invalid("choose at most \(maxItems) (\(chosen.count) chosen)")
            }
            return .array(chosen.map(JSONValue.string))
        case .other(let schema):
            do {
                return try SchemaCoercion.coerce(trimmed, schema: schema)
            } catch {
                throw Invalid(error.description)
            }
        }
    }

    /// How a value is written back into the line editor, so a default can be edited in place.
    public static func text(of value: JSONValue, for field: FormField) -> String {
        switch (value, field.kind) {
        case (.bool(let flag), _): return flag ? "yes" : "no"
        case (.string(let text), _): return text
        case (.array(let items), .multiChoice): return items.map { $0.stringValue ?? "\($0)" }.joined(separator: ", ")
        case (.double(let number), _) where number.rounded() == number && abs(number) < 1e15:
            return String(Int(number))
        case (.number, _):
            // A server's default as it wrote it, except that a whole number is shown without its fraction.
            if let whole = value.intValue, abs(whole) < 1_000_000_000_000_000 { return String(whole) }
            return JSONWriter.compactString(value)
        default: return JSONWriter.compactString(value)
        }
    }

    /// What is expected, in a few words: shown under the field's label.
    public static func hint(for field: FormField) -> String {
        switch field.kind {
        case .text(let minLength, let maxLength, let format, _):
            var parts: [String] = []
            switch format {
            case "email": parts.append("an e-mail address")
            case "uri": parts.append("a URI such as https://example.com/")
            case "date": parts.append("a date, YYYY-MM-DD")
            case "date-time": parts.append("a date and time, YYYY-MM-DDTHH:MM:SSZ")
            default: break
            }
            switch (minLength, maxLength) {
            case (let low?, let high?) where low == high: parts.append("exactly \(characters(low))")
            case (let low?, let high?): parts.append("\(low) to \(characters(high))")
            case (let low?, nil) where low > 0: parts.append("at least \(characters(low))")
            case (nil, let high?): parts.append("at most \(characters(high))")
            default: break
            }
            return parts.isEmpty ? "text" : parts.joined(separator: ", ")
        case .number(let integer, let minimum, let maximum):
            let noun = integer ? "a whole number" : "a number"
            switch (minimum, maximum) {
            case (let low?, let high?): return "\(noun) from \(show(low)) to \(show(high))"
            case (let low?, nil): return "\(noun), at least \(show(low))"
            case (nil, let high?): return "\(noun), at most \(show(high))"
            default: return noun
            }
        case .boolean:
            return "yes or no"
        case .choice(let options):
            return "one of: " + numbered(options)
        case .multiChoice(let options, let minItems, let maxItems):
            var range = ""
            switch (minItems, maxItems) {
            case (let low?, let high?): range = " (\(low) to \(high))"
            case (let low?, nil) where low > 0: range = " (at least \(low))"
            case (nil, let high?): range = " (at most \(high))"
            default: break
            }
            return "any of, separated by commas\(range): " + numbered(options)
        case .other(let schema):
            return "JSON" + (SchemaCoercion.schemaType(schema).map { " (\($0))" } ?? "")
        }
    }

    /// What Tab offers for the field: its choices (values), or yes/no.
    public static func completions(for field: FormField) -> [String] {
        switch field.kind {
        case .choice(let options), .multiChoice(let options, _, _): return options.map(\.value)
        case .boolean: return ["yes", "no"]
        default: return []
        }
    }

    // MARK: - Rules

    private static func checkText(
        _ text: String, minLength: Int?, maxLength: Int?, format: String?, pattern: String?
    ) throws(Invalid) {
        let count = text.count
        if let minLength, count < minLength { throw Invalid("too short: at least \(characters(minLength))") }
        if let maxLength, count > maxLength { throw Invalid("too long: at most \(characters(maxLength))") }
        switch format {
        case "email" where !FormatCheck.isEmail(text):
            throw Invalid("not an e-mail address (expected name@example.com)")
        case "uri" where !FormatCheck.isURI(text):
            throw Invalid("not a URI (expected a scheme, as in https://example.com/)")
        case "date" where !FormatCheck.isDate(text):
            throw Invalid("not a date (expected YYYY-MM-DD, e.g. 2025-11-25)")
        case "date-time" where !FormatCheck.isDateTime(text):
            throw Invalid("not a date and time (expected e.g. 2025-11-25T14:30:00Z)")
        default: break
        }
        if let pattern, let expression = try? Regex(pattern), (try? expression.firstMatch(in: text)) == nil {
            throw Invalid("does not match the pattern \(Sanitizer.clean(pattern))")
        }
    }

    private static func number(_ text: String, integer: Bool, minimum: Double?, maximum: Double?) throws(Invalid)
        -> JSONValue
    {
        let value: JSONValue
        if let whole = Int(text) {
            value = .int(whole)
        } else if let real = Double(text), real.isFinite, !text.lowercased().contains("n") {
            if integer {
                guard real.rounded() == real, abs(real) < 9e15 else { throw Invalid("expected a whole number") }
                value = .int(Int(real))
            } else {
                value = .double(real)
            }
        } else {
            throw Invalid(integer ? "expected a whole number" : "expected a number")
        }
        let number = value.doubleValue ?? 0
        if let minimum, number < minimum { throw Invalid("must be at least \(show(minimum))") }
        if let maximum, number > maximum { throw Invalid("must be at most \(show(maximum))") }
        return value
    }

    /// An option by its number in the list, its value, or its label (case ignored), or a unique prefix.
    private static func choose(_ text: String, from options: [FormField.Option]) throws(Invalid) -> FormField.Option {
        if let index = Int(text), index >= 1, index <= options.count, !options.contains(where: { $0.value == text }) {
            return options[index - 1]
        }
        if let exact = options.first(where: { $0.value == text }) { return exact }
        let lowered = text.lowercased()
        let named = options.filter { $0.value.lowercased() == lowered || $0.label?.lowercased() == lowered }
        if named.count == 1 { return named[0] }
        let prefixed = options.filter {
            $0.value.lowercased().hasPrefix(lowered) || ($0.label?.lowercased().hasPrefix(lowered) ?? false)
        }
        if prefixed.count == 1 { return prefixed[0] }
        let list = options.map { Sanitizer.clean($0.value) }.joined(separator: ", ")
        throw Invalid(
            prefixed.isEmpty ? "'\(Sanitizer.clean(text))' is not one of: \(list)" : "'\(text)' is ambiguous: \(list)")
    }

    private static func numbered(_ options: [FormField.Option]) -> String {
        options.enumerated().map { index, option in
            let value = Sanitizer.clean(option.value)
            let label = option.label.map { Sanitizer.clean($0) }
            return "\(index + 1)) " + (label.map { $0 == value ? value : "\(value) (\($0))" } ?? value)
        }.joined(separator: "  ")
    }

    private static func characters(_ count: Int) -> String { count == 1 ? "1 character" : "\(count) characters" }

    /// A number as a person writes it: `3`, not `3.0`.
    public static func show(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
