import MCPCommandKit
import MCPCore
import MCPSessionRelay
import Testing

/// A forwarded request runs as one task, its cancel awaited beside it without a second one.
@Suite(.timeLimit(.minutes(1))) struct ForwardedRequestsTests {
    @Test("a forwarded request not cancelled gives its answer")
    func answered() async {
        let requests = ForwardedRequests()
        #expect(await requests.race(.int(8)) { 5 } == 5)
        // Its slot is gone: the same id can be forwarded again.
        #expect(await requests.race(.int(8)) { 6 } == 6)
    }

    @Test("a forwarded request the command cancels gives nil, and its work sees the cancellation")
    func cancelled() async {
        let requests = ForwardedRequests()
        let started = Trigger()
        let sawCancel = Trigger()
        async let answer: Int? = requests.race(.int(7)) {
            started.fire()
            await Trigger().wait()  // returns only when cancelled
            if Task.isCancelled { sawCancel.fire() }
            return 1
        }
        await started.wait()
        requests.cancel(.int(7))
        #expect(await answer == nil)
        #expect(sawCancel.isFired)
    }
}
