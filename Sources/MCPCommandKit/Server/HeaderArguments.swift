/// `-H 'Name: value'` headers, with `$VAR` and `${VAR}` taken from the environment so secrets stay out of
/// shell history and config files.
package enum HeaderArguments {
    package static func parse(_ arguments: [String], environment: [String: String]) throws -> [(
        name: String, value: String
    )] {
        try arguments.map { argument in
            guard let colon = argument.firstIndex(of: ":"), colon != argument.startIndex else {
                throw CommandFailure(
                    status: .usage, message: "header '\(redacted(argument))' must look like 'Name: value'")
            }
            let name = String(argument[..<colon]).trimmingSpaces
            let value = String(argument[argument.index(after: colon)...]).trimmingSpaces
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw CommandFailure(status: .usage, message: "'\(name)' is not a valid header name")
            }
            return (name, try expand(value, environment: environment, header: name))
        }
    }

    /// Replaces `$NAME` and `${NAME}`; an unset variable is an error rather than an empty credential.
    package static func expand(_ text: String, environment: [String: String], header: String) throws -> String {
        var output = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            output += rest[..<dollar]
            rest = rest[rest.index(after: dollar)...]
            let braced = rest.first == "{"
            if braced { rest = rest.dropFirst() }
            let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            guard !name.isEmpty else {
                output += braced ? "${" : "$"
                continue
            }
            rest = rest.dropFirst(name.count)
            if braced {
                guard rest.first == "}" else {
                    throw CommandFailure(
                        status: .usage, message: "header '\(header)': '${\(name)' has no closing brace")
                }
                rest = rest.dropFirst()
            }
            guard let value = environment[String(name)] else {
                throw CommandFailure(
                    status: .usage, message: "header '\(header)' uses $\(name), which is not set in the environment")
            }
            output += value
        }
        return output + rest
    }

    /// A header argument for an error message, without its value (it may be a secret).
    private static func redacted(_ argument: String) -> String {
        argument.count > 24 ? String(argument.prefix(24)) + "…" : argument
    }
}

extension String {
    package var trimmingSpaces: String {
        var view = Substring(self)
        while view.first == " " || view.first == "\t" { view.removeFirst() }
        while view.last == " " || view.last == "\t" { view.removeLast() }
        return String(view)
    }
}
