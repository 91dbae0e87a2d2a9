#if canImport(Glibc)
    import Glibc
#endif

/// The one way mcptask starts a program it does not keep inside a scope: the background session's own
/// process, which outlives the command that starts it, and the URL opener, which is not waited for. (A stdio
/// server lives exactly as long as its connection; swift-subprocess runs it, in a scope.) The child gets a
/// session of its own (no controlling terminal: closing the shell does not end it, and it cannot read the
/// person's keys), a clean signal mask and default dispositions (this process ignores SIGINT and SIGTERM and
/// routes them itself), standard input and output on /dev/null, standard error and one more descriptor as
/// asked.
package enum DetachedProcess {
    /// glibc's POSIX_SPAWN_SETSID (since 2.26), which Swift's Glibc module does not export.
    private static let setsidFlag: Int32 = 0x80

    /// Starts `program` (a path, or a name looked up in PATH) with `arguments`; its process id. `environment`
    /// replaces the inherited one when given. `standardError` (default /dev/null) and `passing` (a descriptor
    /// of this process and the number the child finds it at) are duplicated into the child.
    package static func spawn(
        _ program: String, arguments: [String], environment: [String: String]? = nil,
        standardError: Int32? = nil, passing: (descriptor: Int32, as: Int32)? = nil
    ) throws(FileSystem.Failure) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        if let standardError {
            posix_spawn_file_actions_adddup2(&actions, standardError, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        if let passing { posix_spawn_file_actions_adddup2(&actions, passing.descriptor, passing.as) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGINT, SIGTERM, SIGPIPE, SIGHUP, SIGWINCH] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(setsidFlag | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        // Each argument is one argument: no shell ever sees them.
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer {
            argv.forEach { free($0) }
            envp?.forEach { free($0) }
        }
        var pid: pid_t = 0
        let error =
            if let envp {
                posix_spawnp(&pid, program, &actions, &attributes, argv, envp)
            } else {
                posix_spawnp(&pid, program, &actions, &attributes, argv, environ)
            }
        guard error == 0 else { throw FileSystem.Failure(description: String(cString: strerror(error))) }
        return pid
    }
}
