import MCPCore

/// Which attached commands a server notification goes to. A background session may follow hundreds of tasks
/// for as many commands (a `watch` each): sending every command every task's notifications would cost each
/// of them work in proportion to all the tasks. So a notification about a task goes only to the commands that
/// follow it: the one whose tools/call created it (while attached) and those that named it in a request
/// (tasks/get, tasks/result, tasks/cancel …). A progress notification is about the task its related-task
/// marker names, else the task its progress token was given for, else (a plain call's) the command that sent
/// that token. A notification about no known task, and one about a task nobody ever followed (say, a status
/// that comes before its CreateTaskResult), goes to every command, as before.
struct NotificationRoutes {
    /// The commands following each task; a task stays here, perhaps with nobody, once somebody followed it.
    private var followers: [String: Set<Int>] = [:]
    /// The tasks each command follows, to forget it when it leaves.
    private var following: [Int: Set<String>] = [:]
    /// Progress tokens (as compact JSON) of calls that created a task, and of calls still in flight.
    private var tokenTasks: [String: String] = [:]
    private var tokenCallers: [String: Int] = [:]

    /// Who gets a notification: the commands listed, or everyone (nil).
    enum Audience: Equatable {
        case everyone
        case only(Set<Int>)
    }

    mutating func follow(_ taskID: String, by client: Int) {
        followers[taskID, default: []].insert(client)
        following[client, default: []].insert(taskID)
    }

    /// A tools/call carrying `token` is on its way to the server for `client`.
    mutating func callStarted(token: JSONValue?, by client: Int) {
        guard let token = token.map(JSONWriter.compactString) else { return }
        tokenCallers[token] = client
    }

    /// Its answer came: the task it created (if any) is followed by the caller, and its token names it.
    mutating func callEnded(token: JSONValue?, createdTask taskID: String?, by client: Int) {
        let key = token.map(JSONWriter.compactString)
        if let key { tokenCallers[key] = nil }
        guard let taskID else { return }
        follow(taskID, by: client)
        if let key { tokenTasks[key] = taskID }
    }

    mutating func leave(_ client: Int) {
        for taskID in following.removeValue(forKey: client) ?? [] { followers[taskID]?.remove(client) }
        tokenCallers = tokenCallers.filter { $0.value != client }
    }

    /// Where a notification (method, params, the message's own `_meta`) goes.
    func audience(method: String, params: JSONValue?, envelopeMeta: JSONValue?) -> Audience {
        var taskID = JSONValue.relatedTaskID(params: params, envelopeMeta: envelopeMeta)
        if method == TaskStatusNotification.method, let id = params?["taskId"]?.stringValue { taskID = id }
        let token = method == ProgressNotification.method ? params?["progressToken"].map(JSONWriter.compactString) : nil
        if taskID == nil, let token { taskID = tokenTasks[token] }
        if let taskID, let clients = followers[taskID] { return .only(clients) }
        if let token, let caller = tokenCallers[token] { return .only([caller]) }
        return .everyone
    }
}
