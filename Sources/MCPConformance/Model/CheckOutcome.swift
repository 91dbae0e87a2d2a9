/// How one check ended. `warn` is for a SHOULD the server missed, or a behaviour that breaks common
/// clients; `fail` for a MUST; `skip` when the check could not run (the finding says why).
package enum CheckOutcome: String, Sendable, CaseIterable, Comparable {
    case pass, warn, fail, skip

    /// Worse outcomes sort later, so the worst of several findings is their maximum.
    private var severity: Int {
        switch self {
        case .skip: return 0
        case .pass: return 1
        case .warn: return 2
        case .fail: return 3
        }
    }

    package static func < (lhs: CheckOutcome, rhs: CheckOutcome) -> Bool { lhs.severity < rhs.severity }
}

/// What a check found: its outcome, one sentence saying why, and the messages that show it (requests sent
/// and what came back, notifications), as compact one-line JSON.
package struct CheckFinding: Sendable, Equatable {
    package var outcome: CheckOutcome
    package var detail: String
    package var evidence: [String]

    package init(_ outcome: CheckOutcome, _ detail: String, evidence: [String] = []) {
        self.outcome = outcome
        self.detail = detail
        self.evidence = evidence
    }

    package static func pass(_ detail: String, _ evidence: [String] = []) -> CheckFinding {
        CheckFinding(.pass, detail, evidence: evidence)
    }
    package static func warn(_ detail: String, _ evidence: [String] = []) -> CheckFinding {
        CheckFinding(.warn, detail, evidence: evidence)
    }
    package static func fail(_ detail: String, _ evidence: [String] = []) -> CheckFinding {
        CheckFinding(.fail, detail, evidence: evidence)
    }
    package static func skip(_ detail: String) -> CheckFinding { CheckFinding(.skip, detail) }
}
