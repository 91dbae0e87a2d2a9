import Synchronization

/// Inbound frames from a transport to the session: a bounded, single-consumer async channel.
///
/// The reader awaits `send` when `capacity` frames are waiting, so a server that writes faster than the
/// client decodes is slowed by its own pipe instead of growing mcptask's memory. When the consumer goes
/// away (the session ends), senders are released and later frames dropped, so a reader never hangs.
public final class FrameChannel: AsyncSequence, Sendable {
    public typealias Element = [UInt8]
    public typealias Failure = any Error

    private struct State {
        var frames: [[UInt8]] = []
        var ending: Result<Void, any Error>?
        var consumer: CheckedContinuation<[UInt8]?, any Error>?
        var waitingSenders: [CheckedContinuation<Void, Never>] = []
        var consumerGone = false
    }

    public let capacity: Int
    private let state = Mutex(State())

    public init(capacity: Int = 256) { self.capacity = Swift.max(1, capacity) }

    /// Delivers a frame, waiting while the channel is full. False when nobody will read it any more.
    @discardableResult
    public func send(_ frame: [UInt8]) async -> Bool {
        guard deliver(frame) else { return false }
        while state.withLock({ $0.frames.count >= capacity && !$0.consumerGone }) {
            await withCheckedContinuation { (sender: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    guard state.frames.count >= capacity && !state.consumerGone else { return true }
                    state.waitingSenders.append(sender)
                    return false
                }
                if resumeNow { sender.resume() }
            }
        }
        return true
    }

    /// Delivers a frame without waiting (for producers that cannot suspend, and for tests).
    @discardableResult
    public func yield(_ frame: [UInt8]) -> Bool { deliver(frame) }

    /// Ends the stream: the consumer sees the remaining frames, then the end (or `error`).
    public func finish(throwing error: (any Error)? = nil) {
        let consumer = state.withLock { state -> CheckedContinuation<[UInt8]?, any Error>? in
            guard state.ending == nil else { return nil }
            state.ending = error.map { .failure($0) } ?? .success(())
            guard state.frames.isEmpty else { return nil }
            defer { state.consumer = nil }
            return state.consumer
        }
        guard let consumer else { return }
        if let error { consumer.resume(throwing: error) } else { consumer.resume(returning: nil) }
    }

    private func deliver(_ frame: [UInt8]) -> Bool {
        let (accepted, consumer) = state.withLock { state -> (Bool, CheckedContinuation<[UInt8]?, any Error>?) in
            guard !state.consumerGone, state.ending == nil else { return (false, nil) }
            if let consumer = state.consumer {
                state.consumer = nil
                return (true, consumer)
            }
            state.frames.append(frame)
            return (true, nil)
        }
        consumer?.resume(returning: frame)
        return accepted
    }

    func receive() async throws -> [UInt8]? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (consumer: CheckedContinuation<[UInt8]?, any Error>) in
                let (ready, senders) = state.withLock {
                    state -> (Result<[UInt8]?, any Error>?, [CheckedContinuation<Void, Never>]) in
                    if state.consumerGone { return (.success(nil), []) }
                    if !state.frames.isEmpty {
                        let frame = state.frames.removeFirst()
                        guard state.frames.count < capacity else { return (.success(frame), []) }
                        defer { state.waitingSenders = [] }
                        return (.success(frame), state.waitingSenders)
                    }
                    switch state.ending {
                    case .success?: return (.success(nil), [])
                    case .failure(let error)?: return (.failure(error), [])
                    case nil:
                        state.consumer = consumer
                        return (nil, [])
                    }
                }
                for sender in senders { sender.resume() }
                if let ready { consumer.resume(with: ready) }
            }
        } onCancel: {
            abandon()
        }
    }

    /// The consumer is done: waiting senders are released, and frames from now on are dropped.
    public func abandon() {
        let (consumer, senders) = state.withLock { state in
            state.consumerGone = true
            state.frames = []
            defer {
                state.consumer = nil
                state.waitingSenders = []
            }
            return (state.consumer, state.waitingSenders)
        }
        consumer?.resume(returning: nil)
        for sender in senders { sender.resume() }
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let channel: FrameChannel
        public mutating func next() async throws -> [UInt8]? { try await channel.receive() }
    }

    /// One consumer at a time: the session's receive loop.
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(channel: self) }
}
