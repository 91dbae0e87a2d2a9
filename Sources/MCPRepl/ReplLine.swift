/// A REPL command line split into words as a shell would: blanks separate, `'…'` is literal, `"…"` allows
/// `\"` and `\\`, a backslash escapes the next character, `#` starts a comment, and a final `&` runs the
/// command in the background.
package struct ReplLine: Equatable {
    package var words: [String]
    package var background: Bool

    package struct Malformed: Error, CustomStringConvertible {
        package var description: String
    }

    package static func parse(_ line: String) throws(Malformed) -> ReplLine {
        var words = try words(line)
        var background = false
        if words.last == "&" {
            words.removeLast()
            background = true
        } else if let last = words.last, last.hasSuffix("&"), !line.trimmedEnd.hasSuffix("\\&"),
            !line.trimmedEnd.hasSuffix("'"), !line.trimmedEnd.hasSuffix("\"")
        {
            words[words.count - 1] = String(last.dropLast())
            background = true
        }
        return ReplLine(words: words, background: background)
    }

    package static func words(_ line: String) throws(Malformed) -> [String] {
        let split = split(line)
        if let open = split.openQuote { throw Malformed(description: "missing closing \(open) quote") }
        return split.words + (split.current.map { [$0] } ?? [])
    }

    /// A line cut into words, as far as it goes: complete words, the word being typed (nil after a blank),
    /// and the quote left open, if any. What completion works from.
    package struct Split: Equatable {
        package var words: [String] = []
        package var current: String?
        package var openQuote: Character?
    }

    package static func split(_ line: String) -> Split {
        var split = Split()
        var word: String?
        var quote: Character?
        var escaped = false
        for character in line {
            if escaped {
                word = (word ?? "") + String(character)
                escaped = false
                continue
            }
            switch quote {
            case "'"?:
                if character == "'" { quote = nil } else { word = (word ?? "") + String(character) }
            case "\""?:
                if character == "\"" {
                    quote = nil
                } else if character == "\\" {
                    escaped = true
                } else {
                    word = (word ?? "") + String(character)
                }
            default:
                if character == " " || character == "\t" {
                    if let done = word { split.words.append(done) }
                    word = nil
                } else if character == "#" && word == nil {
                    split.current = nil
                    return split
                } else if character == "'" || character == "\"" {
                    quote = character
                    word = word ?? ""
                } else if character == "\\" {
                    escaped = true
                } else {
                    word = (word ?? "") + String(character)
                }
            }
        }
        split.current = word
        split.openQuote = quote
        return split
    }
}

extension String {
    fileprivate var trimmedEnd: Substring {
        var view = Substring(self)
        while view.last?.isWhitespace == true { view.removeLast() }
        return view
    }
}
