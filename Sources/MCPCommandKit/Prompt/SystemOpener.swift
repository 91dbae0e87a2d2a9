import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// Hands a URL to the desktop's opener (`xdg-open`, or `$MCPTASK_OPENER`), detached and silent. Called only
/// after the person said yes; mcptask itself never fetches the URL.
package enum SystemOpener {
    /// Whether the opener could be started; it is not waited for.
    package static func open(_ url: String, environment: [String: String]) -> Bool {
        let opener = environment["MCPTASK_OPENER"].flatMap { $0.isEmpty ? nil : $0 } ?? "xdg-open"
        // The URL is one argument: no shell ever sees it.
        guard let pid = try? DetachedProcess.spawn(opener, arguments: [url]) else { return false }
        // Reaped in the background so no zombie is left; the exit status does not matter.
        DispatchQueue.global().async { waitpid(pid, nil, 0) }
        return true
    }
}
