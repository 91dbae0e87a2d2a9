import MCPClient
import MCPCore
import Synchronization

/// Shows a running task or call on stderr. On a terminal one line is redrawn in place, at most every
/// `frameInterval` however fast events come; otherwise a line is printed per status change, and progress
/// lines are thinned to a few a second.
public final class LiveView: Sendable {
    public enum Mode: Sendable { case terminal, lines, off }

    private struct State {
        var line: StatusLine
        var lastDraw: ContinuousClock.Instant?
        var lastProgressLine: ContinuousClock.Instant?
        var pendingProgressLine = false
        var drawn = false
    }

    private let stream: OutputStream
    private let style: Style
    private let mode: Mode
    private let start: ContinuousClock.Instant
    private let state: Mutex<State>
    public let frameInterval: Duration = .milliseconds(80)
    private let progressLineInterval: Duration = .milliseconds(250)

    /// `alreadyRunning` is how long the task had been running when the view began (for `watch`), so the
    /// elapsed time shown is the task's, not the viewer's.
    public init(label: String, stream: OutputStream, style: Style, mode: Mode, alreadyRunning: Double = 0) {
        self.start = ContinuousClock.now - .milliseconds(Int64(max(0, alreadyRunning) * 1000))
        self.stream = stream
        self.style = style
        self.mode = mode
        self.state = Mutex(State(line: StatusLine(label: label, task: nil, progress: nil, elapsed: 0, now: 0)))
    }

    public func apply(_ event: TaskEvent) {
        guard mode != .off else { return }
        let text: String? = state.withLock { state in
            let now = ContinuousClock.now
            switch event {
            case .status(let task):
                state.line.task = task
                if mode == .lines { return render(&state, now: now) }
            case .progress(let progress):
                state.line.progress = progress
                if mode == .lines {
                    if let last = state.lastProgressLine, now - last < progressLineInterval {
                        state.pendingProgressLine = true
                        return nil
                    }
                    state.lastProgressLine = now
                    return render(&state, now: now)
                }
            }
            if let last = state.lastDraw, now - last < frameInterval { return nil }
            return render(&state, now: now)
        }
        if let text { draw(text) }
    }

    /// Redraws the latest state (a coalesced event included) and moves the clock on. Call it on a timer.
    public func tick() {
        guard mode == .terminal else { return }
        let text = state.withLock { state in render(&state, now: ContinuousClock.now) }
        draw(text)
    }

    /// Ends the view: a terminal line is cleared, a thinned-out progress line is printed.
    public func finish() {
        switch mode {
        case .terminal:
            let drawn = state.withLock { $0.drawn }
            if drawn && !TerminalHold.isHeld { stream.write("\r\u{1B}[2K") }
        case .lines:
            let text: String? = state.withLock { state in
                state.pendingProgressLine ? render(&state, now: ContinuousClock.now) : nil
            }
            if let text { draw(text) }
        case .off: break
        }
    }

    private func render(_ state: inout State, now: ContinuousClock.Instant) -> String {
        state.pendingProgressLine = false
        state.lastDraw = now
        state.drawn = true
        let elapsed = now - start
        state.line.elapsed = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        state.line.now = Timestamps.now()
        return state.line.render(style: style, bar: mode == .terminal, width: mode == .terminal ? stream.columns : nil)
    }

    private func draw(_ text: String) {
        // A question is on the terminal (an elicitation form): the next tick catches up.
        if mode == .terminal && TerminalHold.isHeld { return }
        switch mode {
        case .terminal: stream.write("\r\u{1B}[2K" + text)
        case .lines: stream.line("mcptask: " + text)
        case .off: break
        }
    }
}
