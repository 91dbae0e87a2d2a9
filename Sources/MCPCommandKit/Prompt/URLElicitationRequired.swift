import LineEditor
import MCPClient
import MCPCore
import MCPRender

/// Error -32042, URL elicitation required (MCP 2025-11-25): before the call can succeed the person has to
/// visit the URLs in `data.elicitations`. Each is shown and asked about as a URL-mode elicitation (opened
/// only after a yes); then mcptask waits until the server reports each step complete
/// (notifications/elicitation/complete) or the person says they are done, and the call is made again.
package struct URLElicitationRequired: Sendable {
    package let elicitor: Elicitor
    package let session: ClientSession

    package init(elicitor: Elicitor, session: ClientSession) {
        self.elicitor = elicitor
        self.session = session
    }

    /// The URL elicitations an error asks for; none when it is another error.
    package static func requests(in error: ResponseError) -> [ElicitRequest] {
        guard error.code == .urlElicitationRequired else { return [] }
        return (error.data?["elicitations"]?.arrayValue ?? []).compactMap { item in
            guard var request = try? JSONValueDecoder.decode(ElicitRequest.self, from: item) else { return nil }
            request.mode = .url
            return request
        }
    }

    /// Whether to make the call again: every URL accepted, and its step reported complete or said done.
    package func resolve(_ error: ResponseError, tool: String) async -> Bool {
        let requests = Self.requests(in: error)
        guard !requests.isEmpty else { return false }
        // Subscribed before anyone is sent anywhere, so no completion is missed.
        let notifications = session.notifications()
        var waiting: Set<String> = []
        for (index, request) in requests.enumerated() {
            let context = ElicitationContext(requestID: .string("url-required-\(index)"), relatedTaskID: nil)
            guard await elicitor.answer(request, context, tool: tool).action == .accept else { return false }
            if let id = request.elicitationId { waiting.insert(id) }
        }
        // Accepted means a person answered at the terminal (without one, each was declined and said so).
        guard let prompter = elicitor.prompter else { return false }
        return await prompter.waitForBrowser(ids: waiting, notifications: notifications)
    }
}

extension TerminalPrompter {
    /// Waits until the server reports every id complete, or the person presses Enter; false on Ctrl-C or
    /// Ctrl-D.
    package func waitForBrowser(ids: Set<String>, notifications: AsyncStream<ServerNotification>) async -> Bool {
        guard await lock.acquire(.question) else { return false }
        defer { lock.release() }
        let reported = Trigger()
        return await TerminalHold.hold { await waitForEither(ids, notifications, reported) }
    }

    private func waitForEither(
        _ ids: Set<String>, _ notifications: AsyncStream<ServerNotification>, _ reported: Trigger
    ) async -> Bool {
        let editor = editor
        let style = style
        return await withTaskGroup(of: Bool?.self, returning: Bool.self) { group in
            if !ids.isEmpty {
                group.addTask {
                    var left = ids
                    for await case .elicitationComplete(let id) in notifications {
                        // Unknown and repeated ids are ignored, as the spec asks.
                        left.remove(id)
                        if left.isEmpty {
                            reported.fire()
                            editor.preempt()
                            return nil
                        }
                    }
                    return nil
                }
            }
            group.addTask {
                let prompt = "Press Enter once you are done in the browser (Ctrl-C gives up): "
                let outcome = await editor.readLine(
                    LineEditor.Request(prompt: prompt, preemptible: true, usesHistory: false))
                editor.cancelPreempt()
                if reported.isFired {
                    editor.printAbove(style.green("the server reports the browser step complete"))
                    return true
                }
                if case .line = outcome { return true }
                return false
            }
            defer { group.cancelAll() }
            while let next = await group.next() {
                if let next { return next }
            }
            return false
        }
    }
}
