import MCPCore
import Testing

@testable import MCPDemoServer

/// The demo server's own requests to its client: ids, answers, and a client that goes away.
@Suite(.timeLimit(.minutes(1))) struct ClientRequestsTests {
    @Test func idsAreTheServersOwn() {
        let requests = ClientRequests()
        #expect(requests.makeID() == .string("demo-1"))
        #expect(requests.makeID() == .string("demo-2"))
    }

    @Test func theAnswerReachesTheRequest() async throws {
        let requests = ClientRequests()
        let id = requests.makeID()
        let (sent, wasSent) = AsyncStream<Void>.makeStream()
        async let answer = requests.wait(for: id) { wasSent.yield() }
        for await _ in sent { break }
        #expect(requests.resolve(id, with: .success(["action": "accept"])))
        #expect(try await answer == ["action": "accept"])
        #expect(!requests.resolve(id, with: .success(["action": "accept"])))
    }

    @Test func theClientsErrorIsThrown() async throws {
        let requests = ClientRequests()
        let id = requests.makeID()
        let refusal = ResponseError(code: .methodNotFound, message: "no elicitation here")
        let (sent, wasSent) = AsyncStream<Void>.makeStream()
        let answer = Task { try await requests.wait(for: id) { wasSent.yield() } }
        for await _ in sent { break }
        #expect(requests.resolve(id, with: .failure(refusal)))
        await #expect(throws: refusal) { try await answer.value }
    }

    @Test func theClientGoingAwayFailsEveryRequest() async throws {
        let requests = ClientRequests()
        let id = requests.makeID()
        let (sent, wasSent) = AsyncStream<Void>.makeStream()
        let answer = Task { try await requests.wait(for: id) { wasSent.yield() } }
        for await _ in sent { break }
        requests.abandonAll()
        await #expect(throws: CancellationError.self) { try await answer.value }
        await #expect(throws: CancellationError.self) {
            try await requests.wait(for: requests.makeID()) { Issue.record("sent to a client that is gone") }
        }
        #expect(!requests.resolve(id, with: .success([:])))
    }

    @Test func aCancelledCallerSendsNothing() async throws {
        let requests = ClientRequests()
        let id = requests.makeID()
        let caller = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await requests.wait(for: id) { Issue.record("sent for a cancelled caller") }
        }
        await #expect(throws: CancellationError.self) { try await caller.value }
        #expect(!requests.resolve(id, with: .success([:])))
    }
}
