import MCPCore
import Testing

@testable import MCPDemoServer

@Suite("DemoStats")
struct DemoStatsTests {
    @Test("--stats FILE is parsed, needs a file, and is in the usage")
    func option() {
        #expect(DemoOptions.parse(["--stats", "/tmp/s.json"]) == .run(DemoOptions(statsPath: "/tmp/s.json")))
        #expect(DemoOptions.parse(["--stats=/tmp/s.json"]) == .run(DemoOptions(statsPath: "/tmp/s.json")))
        guard case .invalid(let missing) = DemoOptions.parse(["--stats"]) else { Issue.record(); return }
        #expect(missing.contains("'--stats'"))
        #expect(DemoOptions.usage.contains("--stats FILE"))
    }

    @Test("per task: creation, the terminal notification, requests by method, overlapping tasks/get")
    func counts() throws {
        let stats = DemoStats(path: "/dev/null", pollInterval: 250)
        stats.received(.int(1), method: "tools/call", params: ["name": "slow_count"])
        stats.answered(.int(1), created: "t1")
        // Two tasks/get read before either is answered: two outstanding at once.
        stats.received(.int(2), method: GetTaskRequest.method, params: ["taskId": "t1"])
        stats.received(.int(3), method: GetTaskRequest.method, params: ["taskId": "t1"])
        stats.answered(.int(2), created: nil)
        stats.answered(.int(3), created: nil)
        stats.received(.int(4), method: GetTaskRequest.method, params: ["taskId": "t1"])
        stats.answered(.int(4), created: nil)
        stats.received(.int(5), method: GetTaskPayloadRequest.method, params: ["taskId": "t1"])
        stats.statusSent(TaskInfo(taskId: "t1", status: .working))
        stats.statusSent(TaskInfo(taskId: "t1", status: .completed))
        stats.statusSent(TaskInfo(taskId: "t1", status: .completed))  // a repeat is not a second end

        let json = stats.json
        #expect(json["pollInterval"] == 250)
        let task = try #require(json["tasks"]?.arrayValue?.first)
        #expect(task["taskId"] == "t1")
        #expect(task["requests"]?[GetTaskRequest.method] == 3)
        #expect(task["requests"]?[GetTaskPayloadRequest.method] == 1)
        #expect(task["maxGetsOutstanding"] == 2)
        #expect(task["status"] == "completed")
        let created = try #require(task["createdAt"]?.intValue)
        let ended = try #require(task["terminalAt"]?.intValue)
        #expect(ended >= created)
        #expect((task["minGetGap"]?.intValue ?? -1) >= 0)
    }

    @Test("one tasks/get at a time counts one outstanding")
    func sequential() throws {
        let stats = DemoStats(path: "/dev/null", pollInterval: 500)
        for id in 1...3 {
            stats.received(.int(id), method: GetTaskRequest.method, params: ["taskId": "t"])
            stats.answered(.int(id), created: nil)
        }
        let task = try #require(stats.json["tasks"]?.arrayValue?.first)
        #expect(task["maxGetsOutstanding"] == 1)
        #expect(task["requests"]?[GetTaskRequest.method] == 3)
    }
}
