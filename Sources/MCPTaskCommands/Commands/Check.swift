import ArgumentParser
import MCPCommandKit
import MCPConformance
import MCPCore

/// `mcptask check`: a conformance check of the server's task support, with a report, `--json` or
/// `--junit FILE`; exit 0 when no check failed, 1 when one did.
struct CheckCommand: AsyncParsableCommand, RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check the server's task support against the MCP spec.",
        discussion: """
            Detects the protocol generation and task wire, then runs checks grouped by area, each citing the \
            spec clause it checks, and ends each pass, warn, fail or skip with the messages that show it. \
            Only the tools named with --tool are called (calling a tool has effects); --call-any lets the \
            check pick tools that need no argument. Exit status 0 when no check failed, 1 when one did.
            """)

    @OptionGroup var server: ServerOptions

    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp(
            "A tool the check may call, with its arguments (repeatable): a slow one, one that fails, one that asks.",
            valueName: "NAME [KEY=VALUE...]"))
    var tool: [String] = []

    @Flag(name: .long, help: "Let the check call any tool that needs no argument (on a server you own).")
    var callAny = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Run only the checks of AREA (repeatable): \(CheckArea.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "AREA"))
    var only: [String] = []

    @Flag(name: .long, help: "List every check with the clause it checks, and exit.")
    var list = false

    @Flag(name: .long, help: "Print the report as one JSON document.")
    var json = false

    @Option(name: .long, help: "Also write the report as JUnit XML to FILE, for CI.", completion: .file())
    var junit: String?

    func validate() throws {
        for area in only where CheckArea(rawValue: area) == nil {
            let areas = CheckArea.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown area '\(area)' for '--only'; expected one of: \(areas)")
        }
        if let name = tool.first, name.contains("=") {
            throw ValidationError("--tool needs a tool name before its arguments, got '\(name)'")
        }
    }

    func run(in environment: CommandEnvironment) async -> ExitStatus {
        if list {
            for line in CheckCatalog.listing() { environment.console.stdout.line(line) }
            return .success
        }
        let (json, junit, verbose) = (json, junit, server.verbose)
        let conformance = ConformanceRun(
            tools: ToolRequest.grouped(tool), callAny: callAny, areas: only.compactMap(CheckArea.init(rawValue:)),
            transport: "", requestTimeout: min(server.requestTimeout.duration, .seconds(10)))
        return await runCommand(settings: server.settings, environment: environment) { context in
            var configured = conformance
            configured.transport = Self.transport(of: context.target)
            if case .http = context.target {
                configured.secondSession = { body in try await context.withSession { session in await body(session) } }
            }
            let run = configured
            let raced = try await context.interrupts.race {
                try await context.withSession { session in try await run.run(on: session) }
            }
            let report: ConformanceReport
            switch raced {
            case .finished(let finished): report = finished
            case .interrupted(let reason): return reason == .timeout ? .timedOut : .interrupted
            }
            if json {
                context.console.stdout.line(JSONWriter.pretty(report.document))
            } else {
                for line in report.text(verbose: verbose, style: context.style) { context.console.stdout.line(line) }
            }
            if let junit { try FileSystem.writePrivate(junit, bytes: Array(report.junit.utf8)) }
            return report.failed ? .toolError : .success
        }
    }

    static func transport(of target: ServerTarget) -> String {
        switch target {
        case .stdio: return "stdio"
        case .http: return "http"
        case .session(let name): return "session @\(name)"
        }
    }
}
