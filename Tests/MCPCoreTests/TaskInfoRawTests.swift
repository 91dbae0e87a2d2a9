import MCPCore
import Testing

@Suite("TaskInfo keeps what the server sent")
struct TaskInfoRawTests {
    @Test("json is the server's object, unknown members and all; equality ignores it")
    func raw() throws {
        let wire: JSONValue = [
            "taskId": "t1", "status": "working", "ttl": 60_000, "pollInterval": 500,
            "x-server": ["queue": 3], "_meta": ["k": "v"],
        ]
        let task = try JSONValueDecoder.decode(TaskInfo.self, from: wire)
        #expect(task.json == wire)
        #expect(task == TaskInfo(taskId: "t1", status: .working, ttl: 60_000, pollInterval: 500))
        #expect(TaskInfo(taskId: "t2", status: .completed).json == ["taskId": "t2", "status": "completed", "ttl": nil])
    }

    @Test("a 2026-07-28 task keeps its own spelling (ttlMs, resultType) under the shared model")
    func extensionTask() throws {
        let wire: JSONValue = [
            "taskId": "t9", "status": "working", "ttlMs": 900_000, "pollIntervalMs": 5000, "resultType": "complete",
        ]
        let info = try JSONValueDecoder.decode(DetailedTask.self, from: wire).info
        #expect(info.ttl == 900_000 && info.pollInterval == 5000)
        #expect(info.json == wire)
    }
}
