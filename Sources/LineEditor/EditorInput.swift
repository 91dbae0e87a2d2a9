import CLibEdit
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The one place libedit's C callbacks reach (they cannot capture context): what the current read wants,
/// and the keys, lines and requests other threads hand it. libedit itself is only ever called from the
/// editor's queue; other threads only touch this state under its lock and wake the reader through a pipe.
final class EditorInput: Sendable {
    static let shared = EditorInput()

    /// A step the reader takes before reading the terminal again.
    enum Step: Sendable {
        case key(Int32)
        /// Text written straight to the terminal (the `^C` after an interrupted line).
        case write(String)
    }

    enum Ending: Sendable {
        case interrupted, preempted
    }

    struct State {
        var configured = false
        var reading = false
        var preemptible = false
        var preemptPending = false
        var steps: [Step] = []
        var messages: [String] = []
        var ending: Ending?
        var resized = false
        var completer: (@Sendable (String) -> [String])?
        /// Characters read from the terminal during the current read.
        var characters = 0
        /// Candidates handed to libedit's generator during one completion.
        var candidates: [String] = []
        var candidateIndex = 0
    }

    let state = Mutex(State())
    /// Written to wake the reader blocked in poll(2); read end first.
    private let wake: (read: Int32, write: Int32)

    private init() {
        var descriptors: [Int32] = [-1, -1]
        if pipe(&descriptors) == 0 {
            for descriptor in descriptors {
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            }
        } else {
            descriptors = [-1, -1]
        }
        wake = (descriptors[0], descriptors[1])
    }

    func configureOnce(programName: String) {
        let first = state.withLock { state in
            defer { state.configured = true }
            return !state.configured
        }
        guard first else { return }
        // libedit keeps the pointer, so hand it a copy that lives as long as the process.
        programName.withCString { mcptask_set_readline_name(strdup($0)) }
        mcptask_configure(editorGetc)
        mcptask_set_attempted_completion(editorComplete)
    }

    var isReading: Bool { state.withLock { $0.reading } }

    /// Runs one readline on the calling (editor) thread.
    func read(_ request: LineEditor.Request) -> LineEditor.Outcome {
        let early: LineEditor.Outcome? = state.withLock { state in
            if request.preemptible && state.preemptPending {
                state.preemptPending = false
                return .preempted(request.prefill)
            }
            state.reading = true
            state.preemptible = request.preemptible
            state.ending = nil
            state.characters = 0
            state.completer = request.completer
            state.steps = request.prefill.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map {
                .key(Int32(bitPattern: $0.value))
            }
            return nil
        }
        if let early { return early }
        let raw = mcptask_readline(PromptText.forLibedit(request.prompt))
        let line = raw.map { String(cString: $0) }
        if let raw { mcptask_free(raw) }
        let (ending, leftover) = state.withLock { state in
            defer {
                state.reading = false
                state.ending = nil
                state.steps = []
                state.messages = []
                state.completer = nil
            }
            return (state.ending, state.messages)
        }
        if !leftover.isEmpty { writeTerminal(leftover.joined()) }
        switch ending {
        case .interrupted?:
            return .interrupted
        case .preempted?:
            // The abandoned line was ended with a newline: take it off the screen again.
            writeTerminal("\u{1B}[A\r\u{1B}[J")
            return .preempted(line ?? "")
        case nil:
            guard let line else {
                writeTerminal("\n")
                return .endOfInput
            }
            return .line(line)
        }
    }

    func printAbove(_ text: String) {
        let direct = state.withLock { state -> Bool in
            guard state.reading else { return true }
            state.messages.append(text)
            return false
        }
        if direct {
            writeTerminal("\r\u{1B}[2K" + text)
        } else {
            poke()
        }
    }

    func interrupt() -> Bool {
        let done = state.withLock { state -> Bool in
            guard state.reading, state.ending == nil else { return false }
            state.ending = .interrupted
            // To the end of the line, show ^C there, then end the line.
            state.steps = [.key(0x05), .write("^C"), .key(0x0A)]
            return true
        }
        if done { poke() }
        return done
    }

    func preempt() {
        let now = state.withLock { state -> Bool in
            guard state.reading, state.preemptible else {
                state.preemptPending = true
                return false
            }
            guard state.ending == nil else { return false }
            state.ending = .preempted
            state.steps = [.key(0x05), .key(0x0A)]
            return true
        }
        if now { poke() }
    }

    func cancelPreempt() { state.withLock { $0.preemptPending = false } }

    func resized() {
        state.withLock { $0.resized = true }
        poke()
    }

    private func poke() {
        var byte: UInt8 = 1
        _ = Glibc.write(wake.write, &byte, 1)
    }

    /// libedit's getc: the next queued step, else the terminal's next character (UTF-8 decoded), waking for
    /// lines to print above the prompt meanwhile. -1 at end of input.
    func nextCharacter() -> Int32 {
        while true {
            let (step, messages, resized) = state.withLock { state -> (Step?, [String], Bool) in
                if !state.steps.isEmpty { return (state.steps.removeFirst(), [], false) }
                defer {
                    state.messages = []
                    state.resized = false
                }
                return (nil, state.messages, state.resized)
            }
            switch step {
            case .key(let key)?: return key
            case .write(let text)?:
                writeTerminal(text)
                continue
            case nil: break
            }
            if resized { mcptask_resize() }
            if !messages.isEmpty {
                // From the start of the prompt's line, clear it and what follows, print, and redraw below.
                writeTerminal("\r\u{1B}[J" + messages.joined())
                mcptask_redisplay()
                continue
            }
            var descriptors = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0)]
            if wake.read >= 0 { descriptors.append(pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&descriptors, nfds_t(descriptors.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if descriptors.count > 1, descriptors[1].revents != 0 {
                var drain = [UInt8](repeating: 0, count: 64)
                while Glibc.read(wake.read, &drain, drain.count) > 0 {}
                continue
            }
            if descriptors[0].revents != 0 { return readCharacter() }
        }
    }

    /// One character from standard input, decoding UTF-8; -1 at end of input.
    private func readCharacter() -> Int32 {
        guard let lead = readByte() else { return -1 }
        let first = state.withLock { state in
            defer { state.characters += 1 }
            return state.characters == 0
        }
        let extra: Int
        switch lead {
        case 0 where first:
            // Ctrl-D typed between two reads, while the terminal was in cooked mode, is left in the input as
            // a NUL (the line discipline's end-of-file mark): at the start of a line it is Ctrl-D.
            return 0x04
        case 0..<0x80: return Int32(lead)
        case 0xC0..<0xE0: extra = 1
        case 0xE0..<0xF0: extra = 2
        case 0xF0..<0xF8: extra = 3
        default: return 0xFFFD
        }
        var value = UInt32(lead) & (0x3F >> UInt32(extra))
        for _ in 0..<extra {
            guard let next = readByte() else { return -1 }
            guard next & 0xC0 == 0x80 else { return 0xFFFD }
            value = value << 6 | UInt32(next & 0x3F)
        }
        return Unicode.Scalar(value) != nil ? Int32(bitPattern: value) : 0xFFFD
    }

    private func readByte() -> UInt8? {
        var byte: UInt8 = 0
        while true {
            let count = Glibc.read(0, &byte, 1)
            if count == 1 { return byte }
            if count < 0 && errno == EINTR { continue }
            return nil
        }
    }

    // MARK: - Completion

    /// The candidates for `word`, from the current read's completer given the line up to the cursor.
    func candidates(word: String) -> [String] {
        guard let completer = state.withLock({ $0.completer }) else { return [] }
        var before = ""
        if let buffer = mcptask_line_buffer() {
            let bytes = Array(String(cString: buffer).utf8)
            let point = max(0, min(Int(mcptask_point()), bytes.count))
            before = String(decoding: bytes[0..<point], as: UTF8.self)
        }
        return completer(before).filter { $0.hasPrefix(word) }
    }
}

/// Writes straight to the terminal (standard error), where libedit draws.
func writeTerminal(_ text: String) {
    let bytes = Array(text.utf8)
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count, let base = buffer.baseAddress {
            let written = Glibc.write(2, base + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}

/// libedit's getc hook.
private func editorGetc(_ file: UnsafeMutablePointer<FILE>?) -> Int32 {
    EditorInput.shared.nextCharacter()
}

/// libedit's attempted-completion hook: the program's candidates for the word, never file names.
private func editorComplete(
    _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    mcptask_completion_over()
    let word = text.map { String(cString: $0) } ?? ""
    let candidates = EditorInput.shared.candidates(word: word)
    guard !candidates.isEmpty else { return nil }
    // A `name=` candidate is completed with no space after it, so the value can follow.
    mcptask_set_append_character(candidates.allSatisfy { $0.hasSuffix("=") } ? 0 : 0x20)
    EditorInput.shared.state.withLock { state in
        state.candidates = candidates
        state.candidateIndex = 0
    }
    return mcptask_completion_matches(text, completionGenerator)
}

/// libedit's generator: each candidate in turn (state 0 starts over), as malloc'd strings.
private func completionGenerator(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
    let next: String? = EditorInput.shared.state.withLock { shared in
        if state == 0 { shared.candidateIndex = 0 }
        guard shared.candidateIndex < shared.candidates.count else { return nil }
        defer { shared.candidateIndex += 1 }
        return shared.candidates[shared.candidateIndex]
    }
    return next.flatMap { strdup($0) }
}
