import Testing

@testable import MCPDemoServer

@Suite("DemoOptions")
struct DemoOptionsTests {
    @Test("flags and fault modes")
    func valid() {
        #expect(DemoOptions.parse([]) == .run(DemoOptions()))
        #expect(DemoOptions.parse(["--bench"]) == .run(DemoOptions(bench: true)))
        #expect(DemoOptions.parse(["--fault", "crash-in-task"]) == .run(DemoOptions(fault: .crashInTask)))
        #expect(DemoOptions.parse(["--fault=no-tasks", "--bench"]) == .run(DemoOptions(bench: true, fault: .noTasks)))
        #expect(DemoOptions.parse(["--bench", "--help"]) == .help)
    }

    @Test("every option with a value takes it as --name=value too; a flag given a value is an unknown option")
    func equalsForms() {
        for (spaced, joined) in [
            (["--stats", "/tmp/s"], ["--stats=/tmp/s"]), (["--page-size", "3"], ["--page-size=3"]),
            (["--deviate", "no-ttl"], ["--deviate=no-ttl"]),
        ] {
            #expect(DemoOptions.parse(spaced) == DemoOptions.parse(joined), "\(joined)")
            guard case .run = DemoOptions.parse(joined) else { Issue.record("\(joined) refused"); continue }
        }
        guard case .invalid(let flag) = DemoOptions.parse(["--bench=yes"]) else { Issue.record(); return }
        #expect(flag.contains("'--bench=yes'"))
        guard case .invalid(let empty) = DemoOptions.parse(["--stats="]) else { Issue.record(); return }
        #expect(empty.contains("needs a file"))
    }

    @Test("usage errors quote the offending argument")
    func invalid() {
        guard case .invalid(let unknown) = DemoOptions.parse(["--nope"]) else { Issue.record(); return }
        #expect(unknown.contains("'--nope'"))
        guard case .invalid(let badMode) = DemoOptions.parse(["--fault", "boom"]) else { Issue.record(); return }
        #expect(badMode.contains("'boom'") && badMode.contains("garbage"))
        guard case .invalid(let missing) = DemoOptions.parse(["--fault"]) else { Issue.record(); return }
        #expect(missing.contains("'--fault'"))
    }

    @Test("--poll-interval MS sets every task's pollInterval; the default stays 500")
    func pollInterval() {
        #expect(DemoOptions().pollInterval == 500)
        #expect(DemoOptions.parse(["--poll-interval", "60000"]) == .run(DemoOptions(pollInterval: 60_000)))
        #expect(
            DemoOptions.parse(["--bench", "--poll-interval=1"]) == .run(DemoOptions(bench: true, pollInterval: 1)))
        #expect(DemoOptions.usage.contains("--poll-interval MS"))
        for tool in ["chatty_count", "lazy_result", "fails_rpc", "fails_quietly"] {
            #expect(DemoOptions.usage.contains(tool), "usage does not list \(tool)")
        }
    }

    @Test("--deviate NAME is repeatable, and every deviation is in the usage; an unknown one is refused")
    func deviate() {
        #expect(
            DemoOptions.parse(["--deviate", "no-ttl", "--deviate=empty-list"])
                == .run(DemoOptions(deviations: [.noTTL, .emptyList])))
        for deviation in DemoDeviation.allCases {
            #expect(DemoOptions.usage.contains(deviation.rawValue), "usage does not list \(deviation)")
        }
        guard case .invalid(let unknown) = DemoOptions.parse(["--deviate", "nope"]) else { Issue.record(); return }
        #expect(unknown.contains("'nope'") && unknown.contains("lying-cancel"))
    }

    @Test("--page-size N pages tasks/list; without it there is one page; it takes only a positive integer")
    func pageSize() {
        #expect(DemoOptions().listPageSize == nil)
        var paged = DemoOptions()
        paged.listPageSize = 2
        #expect(DemoOptions.parse(["--page-size", "2"]) == .run(paged))
        #expect(DemoOptions.usage.contains("--page-size N"))
        for value in ["0", "-1", "two"] {
            guard case .invalid(let message) = DemoOptions.parse(["--page-size", value]) else {
                Issue.record("--page-size \(value) was accepted")
                continue
            }
            #expect(message.contains("'--page-size'"), "\(message)")
        }
    }

    @Test("--poll-interval refuses anything but a positive integer, quoting the value, on one line")
    func invalidPollInterval() {
        for value in ["0", "-5", "abc", "1.5", "", "99999999999999999999"] {
            for arguments in [["--poll-interval", value], ["--poll-interval=\(value)"]] {
                guard case .invalid(let message) = DemoOptions.parse(arguments) else {
                    Issue.record("\(arguments) was accepted")
                    continue
                }
                #expect(message.contains("'--poll-interval'") && message.contains("'\(value)'"), "\(message)")
                #expect(message.contains("positive integer") && !message.contains("\n"), "\(message)")
            }
        }
        guard case .invalid(let missing) = DemoOptions.parse(["--poll-interval"]) else { Issue.record(); return }
        #expect(missing.contains("'--poll-interval'") && missing.contains("milliseconds"))
    }

    @Test("--protocol-versions takes a comma-separated list of known revisions")
    func protocolVersions() {
        let both = DemoOptions.parse(["--protocol-versions", "2026-07-28,2025-11-25"])
        #expect(both == .run(DemoOptions(protocolVersions: ["2026-07-28", "2025-11-25"])))
        #expect(
            DemoOptions.parse(["--protocol-versions=2026-07-28"]) == .run(DemoOptions(protocolVersions: ["2026-07-28"]))
        )
        #expect(DemoOptions().protocolVersions == ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"])
        guard case .invalid(let unknown) = DemoOptions.parse(["--protocol-versions", "2026-07-28,2099-01-01"]) else {
            Issue.record()
            return
        }
        #expect(unknown.contains("'2026-07-28,2099-01-01'") && unknown.contains("2025-11-25"))
        #expect(DemoOptions.usage.contains("--protocol-versions LIST"))
    }
}
