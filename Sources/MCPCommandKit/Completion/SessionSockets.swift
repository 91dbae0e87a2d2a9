#if canImport(Glibc)
    import Glibc
#endif

/// The background sessions completion offers as `@NAME`: one for each `NAME.sock` in the sessions' runtime
/// directory (`SessionPaths`: `$XDG_RUNTIME_DIR/mcptask`, else `${TMPDIR:-/tmp}/mcptask-UID`).
package struct SessionSockets: Sendable {
    package let directory: String

    package init(environment: [String: String]) {
        directory = SessionPaths.runtimeDirectory(environment: environment)
    }

    /// The session names, sorted.
    package func names() -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let file = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard file.hasSuffix(".sock") else { continue }
            let name = String(file.dropLast(5))
            if SessionPaths.isValid(name) { names.append(name) }
        }
        return names.sorted()
    }
}
