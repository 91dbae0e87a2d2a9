extension String {
    /// The text, or its start and how long it was when it is longer than `limit` characters: an overlong
    /// task id (or anything else a person or a server typed) fits an error line.
    package func clipped(_ limit: Int = 80) -> String {
        guard count > limit else { return self }
        return String(prefix(limit)) + "… (\(count) characters)"
    }
}
