import MCPRender

extension ConformanceReport {
    /// JUnit XML for CI: one test case per check, `failure` for a failed check, `skipped` for a skipped one,
    /// and a warning as a passing case whose output says so.
    package var junit: String {
        var xml = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        let suite = Self.escape("mcptask check: \(server) (\(wire), \(transport))")
        xml.append("<testsuites>")
        xml.append(
            "  <testsuite name=\"\(suite)\" tests=\"\(records.count)\" failures=\"\(count(.fail))\" errors=\"0\" "
                + "skipped=\"\(count(.skip))\">")
        for record in records {
            let finding = record.finding
            let name = Self.escape("\(record.id): \(record.title)")
            xml.append("    <testcase classname=\"\(record.area.rawValue)\" name=\"\(name)\">")
            let body = Self.escape(
                ([finding.detail, "clause: \(record.clause)"] + finding.evidence).joined(separator: "\n"))
            switch finding.outcome {
            case .fail:
                xml.append("      <failure message=\"\(Self.escape(finding.detail))\">\(body)</failure>")
            case .skip:
                xml.append("      <skipped message=\"\(Self.escape(finding.detail))\"/>")
            case .warn:
                xml.append("      <system-out>warning: \(body)</system-out>")
            case .pass:
                xml.append("      <system-out>\(body)</system-out>")
            }
            xml.append("    </testcase>")
        }
        xml.append("  </testsuite>")
        xml.append("</testsuites>")
        return xml.joined(separator: "\n") + "\n"
    }

    /// XML text: control characters removed (XML 1.0 cannot hold them), markup escaped.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in Sanitizer.clean(text, multiline: true) {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
