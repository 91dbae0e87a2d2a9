/// Every check, in report order: by area, then as each area lists them.
package enum CheckCatalog {
    package static let all: [ConformanceCheck] = {
        let checks =
            ProtocolChecks.all + TaskChecks.all + ExtensionChecks.all + InputChecks.all + ResultChecks.all
            + RobustnessChecks.all + PaginationChecks.all + RetentionChecks.all + SessionChecks.all
        // A stable sort keeps each area's own order; robustness.alive ends the run, after every other probe.
        return CheckArea.allCases.flatMap { area in checks.filter { $0.area == area } }
    }()

    /// The checks of `areas` (all of them when empty).
    package static func checks(in areas: [CheckArea]) -> [ConformanceCheck] {
        areas.isEmpty ? all : all.filter { areas.contains($0.area) }
    }
}
