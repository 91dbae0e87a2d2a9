import MCPCore
import MCPRender
import MCPServerConfig

/// `mcptask servers`: every server of every config file in the search order, with where it came from; a
/// name defined again in a later file is listed as shadowed by the earlier one, and files that cannot be
/// read are named on stderr.
package struct ServerListing {
    package var catalog: ServerCatalog
    package var searched: [ConfigSource]

    package init(files: ServerConfigFile) {
        catalog = files.catalog()
        searched = files.sources
    }

    package func print(json: Bool, style: Style, to console: Console) -> ExitStatus {
        let summaries = catalog.servers.map(ServerSummary.init)
        // A --config file that cannot be used is a usage error; other clients' files are only skipped.
        let failed = catalog.problems.contains { $0.source.scope == .explicit }
        if json {
            let skipped: [JSONValue] = catalog.problems.map {
                ["client": .string($0.source.client), "path": .string($0.source.path), "problem": .string($0.message)]
            }
            let document: JSONValue = [
                "servers": .array(summaries.map(\.json)), "skipped": .array(skipped),
                "searched": .array(searched.map { .string($0.path) }),
            ]
            console.stdout.line(JSONWriter.pretty(document))
        } else {
            for problem in catalog.problems {
                let path = Sanitizer.clean(problem.source.path)
                let what = problem.source.scope == .explicit ? "config file '\(path)'" : "skipped \(path):"
                console.stderr.line(style.yellow("mcptask: \(what) \(Sanitizer.clean(problem.message))"))
            }
            if summaries.isEmpty && !failed {
                console.stderr.line(
                    "mcptask: no servers in any config file (searched \(searched.count) files; see 'man mcptask', SERVERS)"
                )
            } else {
                table(summaries, style: style).forEach { console.stdout.line($0) }
            }
        }
        return failed ? .usage : .success
    }

    /// One line per entry: name, transport, URL or program, and where it came from; what is not used says why.
    private func table(_ summaries: [ServerSummary], style: Style) -> [String] {
        let rows = summaries.map { summary -> [String] in
            [
                Sanitizer.clean(summary.name), summary.transport?.rawValue ?? "-", Sanitizer.clean(summary.address),
                Sanitizer.clean(summary.source.origin),
            ]
        }
        let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
        func pad(_ text: String, _ width: Int) -> String {
            text + String(repeating: " ", count: max(0, width - text.count))
        }
        return zip(rows, summaries).map { row, summary in
            let line = (0..<3).map { pad(row[$0], widths[$0]) }.joined(separator: "  ") + "  " + row[3]
            if let shadowedBy = summary.shadowedBy {
                return style.dim(line + "  (shadowed by \(Sanitizer.clean(shadowedBy.origin)))")
            }
            if let problem = summary.problem { return line + "  " + style.yellow("(\(Sanitizer.clean(problem)))") }
            return line
        }
    }
}
