import Dispatch

extension Duration {
    /// The duration for a Dispatch timer, saturating rather than overflowing: a duration past what its
    /// nanoseconds can count (a server's pollInterval near Int.max milliseconds, an absurd `--timeout`) is
    /// "never".
    public var dispatchInterval: DispatchTimeInterval {
        let (seconds, attoseconds) = components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow, seconds >= 0 else { return seconds < 0 ? .nanoseconds(0) : .never }
        let (nanoseconds, carry) = whole.addingReportingOverflow(attoseconds / 1_000_000_000)
        return carry ? .never : .nanoseconds(Int(nanoseconds))
    }
}
