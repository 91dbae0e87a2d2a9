import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// Hands a URL to the desktop's opener (`xdg-open`, or `$MCPTASK_OPENER`), detached and silent. Called only
/// after the person said yes; mcptask itself never fetches the URL.
package enum SystemOpener {
    /// glibc's POSIX_SPAWN_SETSID (not exported to Swift).
    private static let setsidFlag: Int32 = 0x80

    /// Whether the opener could be started; it is not waited for.
    package static func open(_ url: String, environment: [String: String]) -> Bool {
        let opener = environment["MCPTASK_OPENER"].flatMap { $0.isEmpty ? nil : $0 } ?? "xdg-open"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGINT, SIGTERM, SIGPIPE, SIGHUP] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(setsidFlag | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        // The URL is one argument: no shell ever sees it.
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(opener), strdup(url), nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let error = posix_spawnp(&pid, opener, &actions, &attributes, argv, environ)
        guard error == 0 else { return false }
        // Reaped in the background so no zombie is left; the exit status does not matter.
        let child = pid
        DispatchQueue.global().async { waitpid(child, nil, 0) }
        return true
    }
}
