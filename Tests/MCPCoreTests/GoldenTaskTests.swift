import MCPCore
import Testing

@Suite("Golden JSON: tasks")
struct GoldenTaskTests {
    static let fullTask = #"""
        {"taskId": "d30d8277:91fc", "status": "failed", "statusMessage": "boom",
         "createdAt": "2026-11-21T16:01:55.132143Z", "lastUpdatedAt": "2026-11-21T16:01:55.632Z",
         "ttl": 60000, "pollInterval": 500}
        """#

    @Test("TaskInfo: every member decoded, and encoded back to the same JSON")
    func taskInfoFull() throws {
        let task = try decoded(TaskInfo.self, Self.fullTask)
        let expected = TaskInfo(
            taskId: "d30d8277:91fc", status: .failed, statusMessage: "boom", createdAt: "2026-11-21T16:01:55.132143Z",
            lastUpdatedAt: "2026-11-21T16:01:55.632Z", ttl: 60000, pollInterval: 500)
        #expect(task == expected)
        #expect(try encoded(task) == json(Self.fullTask))
    }

    @Test(
        "TaskInfo.ttl: null, absent and a number",
        arguments: [
            (#"{"taskId": "t", "status": "working", "ttl": null}"#, Int?.none),
            (#"{"taskId": "t", "status": "working"}"#, nil), (#"{"taskId": "t", "status": "working", "ttl": 0}"#, 0),
            (#"{"taskId": "t", "status": "working", "ttl": 300000.0}"#, 300_000),
        ])
    func taskInfoTTL(text: String, expected: Int?) throws {
        #expect(try decoded(TaskInfo.self, text).ttl == expected)
    }

    @Test("TaskInfo encodes a nil ttl as \"ttl\": null, other nil members are left out")
    func taskInfoNullTTL() throws {
        let value = try encoded(TaskInfo(taskId: "t", status: .working))
        #expect(value == ["taskId": "t", "status": "working", "ttl": nil])
        #expect(JSONWriter.compactString(value) == #"{"status":"working","taskId":"t","ttl":null}"#)
        #expect(try encoded(TaskInfo(taskId: "t", status: .working, ttl: 5))["ttl"] == 5)
    }

    @Test("TaskInfo: a missing or mistyped required member is a readable error")
    func taskInfoErrors() throws {
        let missing = try #require(decodingError { _ = try decoded(TaskInfo.self, #"{"status": "working"}"#) })
        #expect(describe(missing, method: "tasks/get") == "malformed tasks/get: missing 'taskId'")
        let mistyped = try #require(decodingError { _ = try decoded(TaskInfo.self, #"{"taskId": 5, "status": "x"}"#) })
        #expect(
            describe(mistyped, method: "tasks/get") == "malformed tasks/get: at taskId, expected String, found number")
        let badTTL = try #require(
            decodingError { _ = try decoded(TaskInfo.self, #"{"taskId": "t", "status": "working", "ttl": "1"}"#) })
        #expect(codingPath(of: badTTL) == ["ttl"])
    }

    @Test(
        "TaskStatus: terminal states",
        arguments: [
            (TaskStatus.working, false), (.inputRequired, false), (.completed, true), (.failed, true),
            (.cancelled, true), (TaskStatus(rawValue: "paused"), false),
        ])
    func taskStatus(status: TaskStatus, terminal: Bool) throws {
        #expect(status.isTerminal == terminal)
        #expect(try encoded(status) == .string(status.rawValue))
        #expect(try JSONValueDecoder.decode(TaskStatus.self, from: .string(status.rawValue)) == status)
        #expect(status.description == status.rawValue)
    }

    @Test("TaskStatus raw values match the spec, and an unknown one is kept")
    func taskStatusRawValues() throws {
        #expect(
            [TaskStatus.working, .inputRequired, .completed, .failed, .cancelled].map(\.rawValue)
                == ["working", "input_required", "completed", "failed", "cancelled"])
        let task = try decoded(TaskInfo.self, #"{"taskId": "t", "status": "paused"}"#)
        #expect(task.status.rawValue == "paused" && !task.status.isTerminal)
    }

    @Test("CreateTaskResult with and without a model-immediate response")
    func createTaskResult() throws {
        let withText = CreateTaskResult(
            task: TaskInfo(taskId: "t", status: .working, ttl: 1000),
            _meta: [MetaKey.modelImmediateResponse: "Report started."])
        let expected = try json(
            #"""
            {"task": {"taskId": "t", "status": "working", "ttl": 1000},
             "_meta": {"io.modelcontextprotocol/model-immediate-response": "Report started."}}
            """#)
        #expect(try encoded(withText) == expected)
        #expect(try JSONValueDecoder.decode(CreateTaskResult.self, from: expected) == withText)
        #expect(withText.modelImmediateResponse == "Report started.")
        let bare = try decoded(CreateTaskResult.self, #"{"task": {"taskId": "t", "status": "working"}}"#)
        #expect(bare.modelImmediateResponse == nil && bare._meta == nil)
        let wrongType = CreateTaskResult(task: bare.task, _meta: [MetaKey.modelImmediateResponse: 5])
        #expect(wrongType.modelImmediateResponse == nil)
    }

    @Test("tasks/get, tasks/result and tasks/cancel take only the task id")
    func taskIDRequests() throws {
        #expect(GetTaskRequest.method == "tasks/get")
        #expect(GetTaskPayloadRequest.method == "tasks/result")
        #expect(CancelTaskRequest.method == "tasks/cancel")
        #expect(try encoded(GetTaskRequest(taskId: "t-1")) == ["taskId": "t-1"])
        #expect(try encoded(GetTaskPayloadRequest(taskId: "t-2")) == ["taskId": "t-2"])
        #expect(try encoded(CancelTaskRequest(taskId: "t-3")) == ["taskId": "t-3"])
    }

    @Test("tasks/list request and result")
    func listTasks() throws {
        #expect(ListTasksRequest.method == "tasks/list")
        #expect(try encoded(ListTasksRequest()) == [:])
        #expect(try encoded(ListTasksRequest(cursor: "c2")) == ["cursor": "c2"])
        let text = #"""
            {"tasks": [{"taskId": "a", "status": "completed", "ttl": null},
                       {"taskId": "b", "status": "working", "ttl": 5000, "pollInterval": 100}],
             "nextCursor": "c2"}
            """#
        let page = try decoded(ListTasksResult.self, text)
        #expect(page.tasks.map(\.taskId) == ["a", "b"])
        #expect(page.tasks.map(\.ttl) == [nil, 5000])
        #expect(page.nextCursor == "c2")
        #expect(try encoded(page) == json(text))
        let last = try decoded(ListTasksResult.self, #"{"tasks": [], "nextCursor": null}"#)
        #expect(last == ListTasksResult(tasks: []))
        #expect(try encoded(last) == ["tasks": []])
        let error = try #require(
            decodingError { _ = try decoded(ListTasksResult.self, #"{"tasks": [{"status": "x"}]}"#) })
        #expect(describe(error, method: "tasks/list") == "malformed tasks/list: missing 'taskId' in tasks[0]")
        let mistyped = try #require(
            decodingError { _ = try decoded(ListTasksResult.self, #"{"tasks": [{"taskId": "a", "status": 3}]}"#) })
        #expect(
            describe(mistyped, method: "tasks/list")
                == "malformed tasks/list: at tasks[0].status, expected String, found number")
    }

    @Test("notifications/tasks/status is the task, flat in params")
    func taskStatusNotification() throws {
        #expect(TaskStatusNotification.method == "notifications/tasks/status")
        let params = try json(Self.fullTask)
        let notification = try JSONValueDecoder.decode(TaskStatusNotification.self, from: params)
        #expect(notification.task.taskId == "d30d8277:91fc" && notification.task.status == .failed)
        #expect(try encoded(notification) == params)
        let parsed = try ServerNotification.decode(
            method: "notifications/tasks/status", params: params, envelopeMeta: nil)
        #expect(parsed == .taskStatus(notification.task))
    }
}
