import Dispatch
import MCPClient
import Testing

@Suite struct DurationDispatchTests {
    @Test("a duration becomes a timer's nanoseconds, and one past what they count is never")
    func dispatchInterval() {
        #expect(Duration.milliseconds(1500).dispatchInterval == .nanoseconds(1_500_000_000))
        #expect(Duration.nanoseconds(7).dispatchInterval == .nanoseconds(7))
        #expect(Duration.milliseconds(Int.max).dispatchInterval == .never)
        #expect(Duration.seconds(Int64.max).dispatchInterval == .never)
        #expect(Duration.seconds(-3).dispatchInterval == .nanoseconds(0))
    }
}
