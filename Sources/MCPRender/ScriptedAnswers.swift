import MCPCore
import Synchronization

/// Answers elicitations without a person: from `--answer KEY=VALUE` (every prompt) and `--answers FILE`
/// (an object for every prompt, or an array of objects for successive prompts). What cannot be answered
/// fully is declined, with the reason.
public final class ScriptedAnswers: Sendable {
    public enum Decision: Sendable, Equatable {
        case accept([String: JSONValue])
        case decline(reason: String)
    }

    private let successive: [[String: JSONValue]]
    private let everyPrompt: [String: JSONValue]
    private let answersUsed = Mutex(0)

    public init(successive: [[String: JSONValue]], everyPrompt: [String: JSONValue]) {
        self.successive = successive
        self.everyPrompt = everyPrompt
    }

    public var isEmpty: Bool { successive.isEmpty && everyPrompt.isEmpty }

    /// Parses the `--answers` file content: an object, or an array of objects.
    public static func parseFile(_ json: JSONValue) throws(SchemaCoercion.Failure) -> (
        successive: [[String: JSONValue]], every: [String: JSONValue]
    ) {
        switch json {
        case .object(let answers): return ([], answers.dictionary)
        case .array(let items):
            var list: [[String: JSONValue]] = []
            for item in items {
                guard let answers = item.objectValue else {
                    throw SchemaCoercion.Failure(description: "every element of the answers array must be an object")
                }
                list.append(answers.dictionary)
            }
            return (list, [:])
        default:
            throw SchemaCoercion.Failure(description: "the answers file must hold an object or an array of objects")
        }
    }

    /// Decides the answer to one elicitation.
    public func answer(_ request: ElicitRequest) -> Decision {
        if request.effectiveMode == .url {
            return .decline(reason: "a URL-mode elicitation needs a person's consent, and none is present")
        }
        guard !isEmpty else { return .decline(reason: "no answers were given (--answer or --answers)") }
        let index = answersUsed.withLock { used in
            defer { used += 1 }
            return used
        }
        var supplied = everyPrompt
        if !successive.isEmpty {
            guard index < successive.count else {
                return .decline(reason: "the answers file has only \(successive.count) answer(s)")
            }
            supplied.merge(successive[index]) { _, specific in specific }
        }
        let properties = request.requestedSchema?["properties"]?.objectValue ?? [:]
        var content: [String: JSONValue] = [:]
        for (name, property) in properties {
            if let value = supplied[name] {
                do {
                    content[name] = try SchemaCoercion.conform(value, schema: property)
                } catch {
                    return .decline(reason: "answer '\(name)': \(error)")
                }
            } else if let fallback = property["default"] {
                content[name] = fallback
            }
        }
        let required = request.requestedSchema?["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if let missing = required.first(where: { content[$0] == nil }) {
            return .decline(reason: "no answer for required field '\(missing)'")
        }
        return .accept(content)
    }
}
