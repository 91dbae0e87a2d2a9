import MCPCore

#if canImport(Glibc)
    import Glibc
#endif

/// What completion remembers of a server's tools: `$XDG_CACHE_HOME/mcptask/completion/tools-KEY.json` (else
/// `~/.cache`), files of 0600 in directories of 0700. KEY is a hash of how the server is reached, so no
/// command line, URL or header value appears in a file name. A successful listing is used for `freshFor`;
/// a failed one is remembered for `failureFor`, so a dead server costs the time limit once, not on every Tab,
/// and keeps the last listing that worked to offer meanwhile. Files older than a day are removed when a new
/// one is written.
package struct CompletionCache: Sendable {
    package static let freshFor = 60.0
    package static let failureFor = 10.0
    package static let keptFor = 86400.0

    package let directory: String

    package init(environment: [String: String]) {
        let cache =
            environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? "/tmp") + "/.cache"
        directory = cache + "/mcptask/completion"
    }

    /// A cached listing and how old it is.
    package struct Entry: Codable, Sendable {
        package var fetchedAt: Double
        /// Nil when the listing failed.
        package var tools: [ToolSummary]?
        /// After a failure, the last listing that worked.
        package var earlier: [ToolSummary]?

        package func isFresh(now: Double) -> Bool {
            now - fetchedAt < (tools == nil ? CompletionCache.failureFor : CompletionCache.freshFor)
        }

        /// What to offer from this entry: the listing, or after a failure the last one that worked.
        package var offered: [ToolSummary] { tools ?? earlier ?? [] }
    }

    package func path(key: String) -> String { directory + "/tools-" + Self.hash(key) + ".json" }

    package func read(key: String) -> Entry? {
        guard let bytes = try? FileSystem.read(path(key: key), limit: 8 * 1024 * 1024),
            let json = try? JSONParser.parse(bytes)
        else { return nil }
        return try? JSONValueDecoder.decode(Entry.self, from: json)
    }

    package func write(_ entry: Entry, key: String) {
        guard (try? FileSystem.makePrivateDirectory(directory)) != nil else { return }
        // The parent too: it is mcptask's own and may have been created by this call.
        chmod(String(directory.dropLast("/completion".count)), 0o700)
        guard let json = try? JSONValueEncoder.encode(entry) else { return }
        try? FileSystem.writePrivate(path(key: key), bytes: JSONWriter.compact(json))
        prune(now: entry.fetchedAt)
    }

    private func prune(now: Double) {
        guard let handle = opendir(directory) else { return }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name.hasPrefix("tools-") else { continue }
            var info = stat()
            let file = directory + "/" + name
            if stat(file, &info) == 0, now - Double(info.st_mtim.tv_sec) > Self.keptFor { unlink(file) }
        }
    }

    /// 64-bit FNV-1a, in hex: stable across runs and builds (Swift's `Hasher` is seeded per process).
    package static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// A tool as completion needs it: its name, a line about it, and its arguments.
package struct ToolSummary: Codable, Sendable, Equatable {
    package var name: String
    package var about: String?
    package var arguments: [ArgumentSummary]

    package init(name: String, about: String?, arguments: [ArgumentSummary]) {
        self.name = name
        self.about = about
        self.arguments = arguments
    }

    /// From a listed tool: the properties of its input schema, required ones first, with the values an `enum`
    /// or a boolean type allows.
    package init(_ tool: Tool) {
        let schema = tool.inputSchema
        let required = Set((schema["required"]?.arrayValue ?? []).compactMap(\.stringValue))
        let properties = schema["properties"]?.objectValue ?? [:]
        let names = properties.keys.sorted { left, right in
            let (leftRequired, rightRequired) = (required.contains(left), required.contains(right))
            return leftRequired == rightRequired ? left < right : leftRequired
        }
        self.init(
            name: tool.name, about: tool.title ?? tool.description,
            arguments: names.map { name in
                let property = properties[name] ?? .null
                var details: [String] = []
                if let type = property["type"]?.stringValue { details.append(type) }
                if required.contains(name) { details.append("required") }
                if let value = property["default"] { details.append("default " + JSONWriter.compactString(value)) }
                let about = [
                    property["description"]?.stringValue ?? property["title"]?.stringValue,
                    details.isEmpty ? nil : "(" + details.joined(separator: ", ") + ")",
                ]
                return ArgumentSummary(
                    name: name, about: about.compactMap { $0 }.joined(separator: " "), values: Self.values(of: property)
                )
            })
    }

    private static func values(of property: JSONValue) -> [String] {
        if let choices = property["enum"]?.arrayValue {
            return choices.compactMap { choice in
                switch choice {
                case .string(let text): return text
                case .int, .double, .number, .bool: return JSONWriter.compactString(choice)
                default: return nil
                }
            }
        }
        if property["type"]?.stringValue == "boolean" { return ["true", "false"] }
        return []
    }
}

/// One argument (input schema property) of a tool.
package struct ArgumentSummary: Codable, Sendable, Equatable {
    package var name: String
    package var about: String?
    package var values: [String]
}
