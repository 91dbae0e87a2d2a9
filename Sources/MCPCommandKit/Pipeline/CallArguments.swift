import MCPCore
import MCPRender

#if canImport(Glibc)
    import Glibc
#endif

/// Builds a tool's `arguments` from `KEY=VALUE` pairs and `--args JSON|@FILE|-`, typed by its input schema.
package enum CallArguments {
    package static func build(assignments: [String], args: String?, schema: JSONValue) throws -> [String: JSONValue] {
        var arguments: [String: JSONValue] = [:]
        if let args {
            let text: [UInt8]
            if args == "-" {
                text = try readOrFail("standard input") { try FileSystem.readAll(0, limit: 64 * 1024 * 1024) }
            } else if args.hasPrefix("@") {
                let path = String(args.dropFirst())
                text = try readOrFail("'\(path)'") { try FileSystem.read(path) }
            } else {
                text = Array(args.utf8)
            }
            let parsed: JSONValue
            do {
                parsed = try JSONParser.parse(text)
            } catch {
                throw CommandFailure(status: .usage, message: "--args is not JSON: \(error)")
            }
            guard let object = parsed.objectValue else {
                throw CommandFailure(status: .usage, message: "--args must be a JSON object, like {\"n\": 5}")
            }
            arguments = object.dictionary
        }
        let properties = schema["properties"]?.objectValue ?? [:]
        // The same check KEY=VALUE gets: a value of the wrong type is refused here, not sent to a server that
        // may crash on it and leave the call waiting for its whole timeout.
        for (key, value) in arguments {
            do {
                arguments[key] = try SchemaCoercion.conform(value, schema: properties[key])
            } catch {
                throw CommandFailure(status: .usage, message: "--args: argument '\(key)': \(error)")
            }
            if let wrong = mismatch(arguments[key] ?? value, properties[key]) {
                throw CommandFailure(status: .usage, message: "--args: argument '\(key)': \(wrong)")
            }
        }
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                throw CommandFailure(
                    status: .usage, message: "argument '\(assignment)' must look like KEY=VALUE (e.g. n=5)")
            }
            let key = String(assignment[..<equals])
            let value = String(assignment[assignment.index(after: equals)...])
            do {
                arguments[key] = try SchemaCoercion.coerce(value, schema: properties[key])
            } catch {
                throw CommandFailure(status: .usage, message: "argument '\(key)': \(error)")
            }
        }
        return arguments
    }

    /// Why `value` does not have the type or one of the values the property's schema allows; nil when it does
    /// (or the schema says nothing checkable).
    static func mismatch(_ value: JSONValue, _ schema: JSONValue?) -> String? {
        if let allowed = schema?["enum"]?.arrayValue, !allowed.isEmpty, !allowed.contains(value) {
            let shown = allowed.prefix(8).map { JSONWriter.compactString($0) }.joined(separator: ", ")
            return "\(JSONWriter.compactString(value)) is not one of \(shown)"
        }
        let types: [String]
        switch schema?["type"] {
        case .string(let type)?: types = [type]
        case .array(let list)?: types = list.compactMap(\.stringValue)
        default: return nil
        }
        let matches = types.contains { type in
            switch (type, value) {
            case ("string", .string), ("boolean", .bool), ("null", .null), ("array", .array), ("object", .object):
                return true
            // Any number the server may read as one (the parsed text kept as .number included).
            case ("integer", _): return value.intValue != nil || value.doubleValue.map { $0.rounded() == $0 } == true
            case ("number", _): return value.doubleValue != nil
            default: return false
            }
        }
        return matches ? nil : "expected \(types.joined(separator: " or ")), got \(JSONWriter.compactString(value))"
    }

    private static func readOrFail(_ what: String, _ read: () throws -> [UInt8]) throws -> [UInt8] {
        do {
            return try read()
        } catch {
            throw CommandFailure(status: .usage, message: "cannot read --args from \(what): \(error)")
        }
    }

    /// `--answer KEY=VALUE` pairs and the `--answers FILE` content, as scripted answers.
    package static func answers(pairs: [String], file: String?) throws -> ScriptedAnswers {
        var successive: [[String: JSONValue]] = []
        var every: [String: JSONValue] = [:]
        if let file {
            let json: JSONValue
            do {
                json = try JSONParser.parse(try FileSystem.read(file))
            } catch {
                throw CommandFailure(status: .usage, message: "cannot use --answers '\(file)': \(error)")
            }
            do {
                (successive, every) = try ScriptedAnswers.parseFile(json)
            } catch {
                throw CommandFailure(status: .usage, message: "--answers '\(file)': \(error)")
            }
        }
        for pair in pairs {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw CommandFailure(status: .usage, message: "--answer '\(pair)' must look like KEY=VALUE")
            }
            every[String(pair[..<equals])] = .string(String(pair[pair.index(after: equals)...]))
        }
        return ScriptedAnswers(successive: successive, everyPrompt: every)
    }
}
