import MCPCore

/// One check's entry in a report.
package struct CheckRecord: Sendable {
    package var id: String
    package var area: CheckArea
    package var clause: String
    package var title: String
    package var finding: CheckFinding

    package init(_ check: ConformanceCheck, _ finding: CheckFinding) {
        id = check.id
        area = check.area
        clause = check.clause
        title = check.title
        self.finding = finding
    }
}

/// What `mcptask check` found on one server.
package struct ConformanceReport: Sendable {
    /// `name version` as the server gave them.
    package var server: String
    package var protocolVersion: String
    /// The task wire, as `tools` names it.
    package var wire: String
    package var transport: String
    package var records: [CheckRecord]

    package init(server: String, protocolVersion: String, wire: String, transport: String, records: [CheckRecord]) {
        self.server = server
        self.protocolVersion = protocolVersion
        self.wire = wire
        self.transport = transport
        self.records = records
    }

    package func count(_ outcome: CheckOutcome) -> Int { records.filter { $0.finding.outcome == outcome }.count }

    package var failed: Bool { count(.fail) > 0 }

    /// The `--json` document: server, wire, transport, a summary, and every check with its evidence.
    package var document: JSONValue {
        let checks: [JSONValue] = records.map { record in
            [
                "id": .string(record.id), "area": .string(record.area.rawValue),
                "outcome": .string(record.finding.outcome.rawValue), "clause": .string(record.clause),
                "title": .string(record.title), "detail": .string(record.finding.detail),
                "evidence": .array(record.finding.evidence.map { .string($0) }),
            ]
        }
        let summary = Dictionary(
            uniqueKeysWithValues: CheckOutcome.allCases.map { ($0.rawValue, JSONValue.int(count($0))) })
        return [
            "server": .string(server), "protocolVersion": .string(protocolVersion), "wire": .string(wire),
            "transport": .string(transport), "summary": .object(summary), "checks": .array(checks),
        ]
    }
}
