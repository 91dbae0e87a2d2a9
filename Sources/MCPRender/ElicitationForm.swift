import MCPCore

/// Who is asking, as the form names it: the server, and the task and tool the request belongs to.
public struct ElicitationAsker: Sendable, Equatable {
    public var server: String
    public var taskID: String?
    public var tool: String?

    public init(server: String, taskID: String? = nil, tool: String? = nil) {
        self.server = server
        self.taskID = taskID
        self.tool = tool
    }

    /// `demo asks (task 3f2a…, tool ask_user)`, sanitised; `asking` replaces "asks".
    public func headline(style: Style, asking: String = "asks") -> String {
        var about: [String] = []
        if let taskID { about.append("task \(Sanitizer.clean(taskID))") }
        if let tool { about.append("tool \(Sanitizer.clean(tool))") }
        let context = about.isEmpty ? "" : " (" + about.joined(separator: ", ") + ")"
        return style.bold(Sanitizer.clean(server)) + " " + asking + context
    }
}

/// The interactive form for a form-mode elicitation (MCP 2025-11-25): each field with its title,
/// description and limits, the default shown as a hint Enter takes, the value checked and asked again when wrong; then a
/// review where the person accepts, edits, declines or cancels. Ctrl-C cancels, Ctrl-D declines.
public struct ElicitationForm: Sendable {
    public let request: ElicitRequest
    public let asker: ElicitationAsker
    public let style: Style
    public let fields: [FormField]

    public init(request: ElicitRequest, asker: ElicitationAsker, style: Style) {
        self.request = request
        self.asker = asker
        self.style = style
        self.fields = FormField.fields(of: request.requestedSchema)
    }

    /// Why asking stopped before the review.
    enum Stop: Error { case cancel, decline }

    /// Runs the form on `reader` and returns the answer to send.
    public func run(_ reader: some LineReader) async -> ElicitResult {
        showHeader(reader)
        var values: [String: JSONValue] = [:]
        do {
            for field in fields {
                values[field.name] = try await ask(field, current: nil, reader)
            }
            return try await review(values, reader)
        } catch {
            switch error {
            case .cancel:
                reader.show(style.yellow("cancelled: ") + "the server is told the form was dismissed")
                return ElicitResult(action: .cancel)
            case .decline:
                reader.show(style.yellow("declined: ") + "the server is told you said no")
                return ElicitResult(action: .decline)
            }
        }
    }

    private func showHeader(_ reader: some LineReader) {
        reader.show(style.cyan("── ") + asker.headline(style: style) + style.cyan(" ──"))
        for line in Sanitizer.clean(request.message, multiline: true).split(
            separator: "\n", omittingEmptySubsequences: false)
        {
            reader.show(String(line))
        }
        if let secret = fields.first(where: Self.looksSecret) {
            reader.show(
                style.red("warning: ") + "'\(Sanitizer.clean(secret.name))' looks like a secret; servers must not ask "
                    + "for passwords, keys or tokens by form. Answer only if you trust this server.")
        }
        let hint = fields.isEmpty ? "no fields to fill in" : "\(fields.count) field(s); * marks required ones"
        reader.show(style.dim("(\(hint); Tab completes choices, Ctrl-C cancels, Ctrl-D declines)"))
    }

    /// Asks one field until the answer is valid; nil when an optional field is left empty.
    private func ask(_ field: FormField, current: JSONValue?, _ reader: some LineReader) async throws(Stop)
        -> JSONValue?
    {
        var heading = style.bold(Sanitizer.clean(field.label)) + (field.isRequired ? style.yellow(" *") : "")
        if let description = field.description, !description.isEmpty {
            heading += "  " + Sanitizer.clean(description)
        }
        reader.show(heading)
        reader.show(
            style.dim("  " + FieldParsing.hint(for: field) + (field.isRequired ? "" : "; Enter leaves it empty")))
        let start = current ?? field.defaultValue
        // The default (or the value being edited) is shown as a hint, `subscribe [no]>`: Enter takes it, and
        // whatever is typed replaces it (typing into a pre-filled default gave `noy`).
        let hint = start.map { " [" + Sanitizer.clean(FieldParsing.text(of: $0, for: field)) + "]" } ?? ""
        let prompt = "  " + Sanitizer.clean(field.name) + hint + "> "
        while true {
            let input = await reader.readLine(
                LinePrompt(prompt: prompt, completions: FieldParsing.completions(for: field)))
            switch input {
            case .interrupted: throw .cancel
            case .endOfInput: throw .decline
            case .line(let text):
                if let start, text.trimmed.isEmpty { return start }
                do {
                    return try FieldParsing.parse(text, for: field)
                } catch {
                    let shown = text.trimmed.isEmpty ? "" : "'\(Sanitizer.clean(text.trimmed))': "
                    reader.show(style.red("  ✗ ") + shown + error.description)
                }
            }
        }
    }

    /// Shows what will be sent and acts on the person's choice.
    private func review(_ start: [String: JSONValue], _ reader: some LineReader) async throws(Stop) -> ElicitResult {
        var values = start
        while true {
            showReview(values, reader)
            let input = await reader.readLine(
                LinePrompt(
                    prompt: "Send it? [a]ccept, [e]dit, [d]ecline, [c]ancel (a): ",
                    completions: ["accept", "edit", "decline", "cancel"] + fields.map(\.name)))
            let answer: String
            switch input {
            case .interrupted: throw .cancel
            case .endOfInput: throw .decline
            case .line(let text): answer = text.trimmed
            }
            let words = answer.split(separator: " ", maxSplits: 1).map(String.init)
            switch words.first?.lowercased() ?? "" {
            case "", "a", "accept", "y", "yes", "send":
                reader.show(style.green("accepted: ") + "sent to the server")
                return ElicitResult(action: .accept, content: values)
            case "d", "decline", "n", "no": throw .decline
            case "c", "cancel": throw .cancel
            case "e", "edit":
                guard let field = try await pickField(words.count > 1 ? words[1] : nil, reader) else { continue }
                values[field.name] = try await ask(field, current: values[field.name], reader)
            default:
                if let field = field(named: answer) {
                    values[field.name] = try await ask(field, current: values[field.name], reader)
                } else {
                    reader.show(style.red("  ✗ ") + "answer a, e, d or c (or a field's name or number to edit it)")
                }
            }
        }
    }

    private func showReview(_ values: [String: JSONValue], _ reader: some LineReader) {
        reader.show(style.bold("Review") + style.dim(" (what the server will receive on accept)"))
        if fields.isEmpty { reader.show(style.dim("  (no fields)")) }
        let width = min(24, fields.map { Sanitizer.clean($0.name).count }.max() ?? 0)
        for (index, field) in fields.enumerated() {
            let name = Sanitizer.clean(field.name)
            let padded = name + String(repeating: " ", count: max(0, width - name.count))
            let shown = values[field.name].map { Sanitizer.clean(FieldParsing.text(of: $0, for: field)) }
            let value = shown.map { $0.isEmpty ? style.dim("(empty)") : $0 } ?? style.dim("— (not sent)")
            reader.show("  \(index + 1). \(padded)  \(value)")
        }
    }

    private func pickField(_ given: String?, _ reader: some LineReader) async throws(Stop) -> FormField? {
        if fields.isEmpty { return nil }
        if fields.count == 1 { return fields[0] }
        var choice = given
        while true {
            if choice == nil {
                switch await reader.readLine(LinePrompt(prompt: "  field to edit> ", completions: fields.map(\.name))) {
                case .interrupted: throw .cancel
                case .endOfInput: throw .decline
                case .line(let text): choice = text.trimmed
                }
            }
            if choice?.isEmpty ?? true { return nil }
            if let field = field(named: choice ?? "") { return field }
            reader.show(style.red("  ✗ ") + "no field '\(Sanitizer.clean(choice ?? ""))'; give its name or number")
            choice = nil
        }
    }

    private func field(named text: String) -> FormField? {
        if let number = Int(text), number >= 1, number <= fields.count { return fields[number - 1] }
        return fields.first { $0.name == text } ?? fields.first { $0.name.lowercased() == text.lowercased() }
    }

    /// A field that by its name or format asks for something form mode must not carry.
    static func looksSecret(_ field: FormField) -> Bool {
        if case .text(_, _, let format, _) = field.kind, format == "password" { return true }
        let name = field.name.lowercased().filter { $0.isLetter }
        return ["password", "passwd", "secret", "token", "apikey", "privatekey", "passphrase"].contains {
            name.contains($0)
        }
    }
}
