#if canImport(Glibc)
    import Glibc
#endif

/// Where a background session lives: its socket and record in a runtime directory private to the user
/// (`$XDG_RUNTIME_DIR/mcptask`, else `${TMPDIR:-/tmp}/mcptask-UID`), its log under the state directory.
package struct SessionPaths: Sendable {
    package let name: String
    package let runtimeDirectory: String
    package let logDirectory: String

    package init(name: String, environment: [String: String]) throws {
        guard Self.isValid(name) else {
            throw CommandFailure(
                status: .usage,
                message: "'\(name)' is not a usable session name: use 1 to 40 letters, digits, '.', '_' or '-'")
        }
        self.name = name
        runtimeDirectory = Self.runtimeDirectory(environment: environment)
        let state =
            environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? "/tmp") + "/.local/state"
        logDirectory = state + "/mcptask/sessions"
    }

    package var socket: String { runtimeDirectory + "/" + name + ".sock" }
    package var record: String { runtimeDirectory + "/" + name + ".json" }
    package var log: String { logDirectory + "/" + name + ".log" }

    package static func runtimeDirectory(environment: [String: String]) -> String {
        if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty { return runtime + "/mcptask" }
        let temporary = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return temporary + "/mcptask-\(getuid())"
    }

    package static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 40 && !name.hasPrefix(".")
            && name.unicodeScalars.allSatisfy(isNameCharacter)
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": return true
        default: return false
        }
    }

    /// Makes the runtime and log directories (0700), refusing a runtime directory someone else owns.
    package func prepare() throws {
        try FileSystem.makePrivateDirectory(runtimeDirectory)
        var info = stat()
        guard stat(runtimeDirectory, &info) == 0, info.st_uid == getuid() else {
            throw CommandFailure(
                status: .connection, message: "\(runtimeDirectory) belongs to another user; set XDG_RUNTIME_DIR")
        }
        try FileSystem.makePrivateDirectory(logDirectory)
        // sun_path holds 107 bytes and a terminator.
        guard socket.utf8.count < 108 else {
            throw CommandFailure(
                status: .usage,
                message: "the session socket path \(socket) is too long for a Unix socket; set XDG_RUNTIME_DIR shorter")
        }
    }

    /// Every session name with a record in the runtime directory.
    package static func names(environment: [String: String]) -> [String] {
        let directory = runtimeDirectory(environment: environment)
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let file = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if file.hasSuffix(".json") { names.append(String(file.dropLast(5))) }
        }
        return names.filter(isValid).sorted()
    }
}
