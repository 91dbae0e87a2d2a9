import ArgumentParser

extension DurationArgument {
    /// Refuses a duration that is zero or negative for `flag`, quoting what was given.
    package func requirePositive(_ flag: String) throws {
        guard milliseconds <= 0 else { return }
        let given = milliseconds % 1000 == 0 ? "\(milliseconds / 1000)s" : "\(milliseconds)ms"
        throw ValidationError("\(flag) must be more than 0, like 90s or 10m (got \(given))")
    }
}
