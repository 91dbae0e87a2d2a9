/// One conformance check as data: what it is called, the spec clause it checks, the wires it applies to,
/// and the probe that runs it.
package struct ConformanceCheck: Sendable {
    package var id: String
    package var area: CheckArea
    /// Revision and section of the clause checked, e.g. "2025-11-25 tasks §4.1".
    package var clause: String
    /// What a conforming server does, in one line.
    package var title: String
    package var wires: Set<WireKind>
    package var probe: @Sendable (ProbeContext) async -> CheckFinding

    package init(
        _ id: String, _ area: CheckArea, clause: String, title: String, wires: Set<WireKind> = [.core],
        probe: @escaping @Sendable (ProbeContext) async -> CheckFinding
    ) {
        self.id = id
        self.area = area
        self.clause = clause
        self.title = title
        self.wires = wires
        self.probe = probe
    }
}
