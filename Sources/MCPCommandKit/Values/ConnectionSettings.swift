import ArgumentParser

/// How to reach a server and how to talk to it: what `ServerOptions` parses, as a plain value.
package struct ConnectionSettings: Sendable {
    package var server: String?
    package var config: String?
    package var header: [String] = []
    package var timeout: DurationArgument?
    package var requestTimeout = DurationArgument(seconds: 60)
    package var `protocol`: ProtocolChoice = .auto
    package var trace: String?
    package var color: ColorChoice = .auto
    package var verbose = false
    package var maxFrameSize = 16 * 1024 * 1024
    /// Any protocol violation is fatal (exit 5) instead of warned about and skipped.
    package var strict = false

    package init(
        server: String? = nil, config: String? = nil, header: [String] = [], timeout: DurationArgument? = nil,
        requestTimeout: DurationArgument = DurationArgument(seconds: 60), protocol: ProtocolChoice = .auto,
        trace: String? = nil, color: ColorChoice = .auto, verbose: Bool = false, maxFrameSize: Int = 16 * 1024 * 1024,
        strict: Bool = false
    ) {
        self.strict = strict
        self.server = server
        self.config = config
        self.header = header
        self.timeout = timeout
        self.requestTimeout = requestTimeout
        self.protocol = `protocol`
        self.trace = trace
        self.color = color
        self.verbose = verbose
        self.maxFrameSize = maxFrameSize
    }
}

package enum ProtocolChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case auto
    case v2025 = "2025-11-25"
    case v2026 = "2026-07-28"
}

package enum ColorChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case auto, always, never
}

/// A duration written as `250ms`, `90s`, `10m`, `1h`, or a plain number of seconds.
package struct DurationArgument: ExpressibleByArgument, Sendable, Equatable {
    package var milliseconds: Int

    package init(seconds: Int) { milliseconds = seconds * 1000 }

    package init(milliseconds: Int) { self.milliseconds = milliseconds }

    package init?(argument: String) {
        let units: [(String, Int)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for (suffix, scale) in units where argument.hasSuffix(suffix) {
            let number = argument.dropLast(suffix.count)
            // Negative values parse, so the command can say what is wrong with them (validate()).
            if let value = Double(number), abs(value * Double(scale)) < 1e12 {
                milliseconds = Int(value * Double(scale))
                return
            }
        }
        guard let value = Double(argument), abs(value) < 1e9 else { return nil }
        milliseconds = Int(value * 1000)
    }

    package var duration: Duration { .milliseconds(milliseconds) }

    /// How --help shows a default, the way a user would write it: whole hours as `1h`, ten minutes or more
    /// as `10m`, else seconds (`60s`) or milliseconds.
    package var defaultValueDescription: String {
        if milliseconds >= 3_600_000 && milliseconds % 3_600_000 == 0 { return "\(milliseconds / 3_600_000)h" }
        if milliseconds >= 600_000 && milliseconds % 60_000 == 0 { return "\(milliseconds / 60_000)m" }
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
        return "\(milliseconds)ms"
    }
}

extension DurationArgument: CustomStringConvertible {
    package var description: String { defaultValueDescription }
}
