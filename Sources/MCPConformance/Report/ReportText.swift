import MCPRender

extension ConformanceReport {
    /// The readable report: a heading, the checks grouped by area, the evidence of every warning and
    /// failure (of every check with `verbose`), and a summary line. Server strings are sanitised.
    package func text(verbose: Bool, style: Style) -> [String] {
        var lines = [
            "\(style.bold("mcptask check")) \(Sanitizer.clean(server)) · protocol \(protocolVersion) · \(wire) · \(transport)"
        ]
        for area in CheckArea.allCases {
            let inArea = records.filter { $0.area == area }
            guard !inArea.isEmpty else { continue }
            lines.append("")
            lines.append(style.bold(area.rawValue))
            for record in inArea {
                let finding = record.finding
                lines.append(
                    "  \(Self.label(finding.outcome, style))  \(record.id)  \(record.title)  [\(record.clause)]")
                lines.append("        \(Sanitizer.clean(finding.detail))")
                if verbose || finding.outcome == .fail || finding.outcome == .warn {
                    lines += finding.evidence.map { "          " + Sanitizer.clean($0) }
                }
            }
        }
        lines.append("")
        lines.append(
            "\(count(.pass)) passed, \(count(.warn)) warned, \(count(.fail)) failed, \(count(.skip)) skipped")
        return lines
    }

    static func label(_ outcome: CheckOutcome, _ style: Style) -> String {
        switch outcome {
        case .pass: return style.green("PASS")
        case .warn: return style.yellow("WARN")
        case .fail: return style.red("FAIL")
        case .skip: return style.dim("SKIP")
        }
    }
}

extension CheckCatalog {
    /// `--list`: every check with its area, what it checks and the clause.
    package static func listing() -> [String] {
        all.map { "\($0.id)  [\($0.area.rawValue)]  \($0.title)  (\($0.clause))" }
    }
}
