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

    @Test("usage errors quote the offending argument")
    func invalid() {
        guard case .invalid(let unknown) = DemoOptions.parse(["--nope"]) else { Issue.record(); return }
        #expect(unknown.contains("'--nope'"))
        guard case .invalid(let badMode) = DemoOptions.parse(["--fault", "boom"]) else { Issue.record(); return }
        #expect(badMode.contains("'boom'") && badMode.contains("garbage"))
        guard case .invalid(let missing) = DemoOptions.parse(["--fault"]) else { Issue.record(); return }
        #expect(missing.contains("'--fault'"))
    }
}
