import ArgumentParser

/// The documented exit statuses (README, man page, docs/cli.md).
public enum ExitStatus: Int32, Sendable {
    case success = 0
    case toolError = 1
    case cancelled = 2
    case inputRequired = 3
    case connection = 4
    case protocolViolation = 5
    case noSuchTask = 6
    case usage = 64
    case timedOut = 124
    /// SIGHUP (the terminal closed): 128 + 1.
    case hangUp = 129
    case interrupted = 130
    /// SIGTERM: 128 + 15.
    case terminated = 143

    var exitCode: ExitCode { ExitCode(rawValue) }
}

/// A failure that has been explained to the user already and only needs its exit status.
package struct CommandFailure: Error {
    package var status: ExitStatus
    package var message: String
    package var details: [String] = []

    package init(status: ExitStatus, message: String, details: [String] = []) {
        self.status = status
        self.message = message
        self.details = details
    }
}
