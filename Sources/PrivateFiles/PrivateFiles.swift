#if canImport(Glibc)
    import Glibc
#endif

/// Files only their owner may read: directories 0700, files 0600, replaced whole through a temporary file
/// and a rename, so a reader never sees half a file. The one implementation behind the journal's directory,
/// session records, caches, reports and the credential store, which all hold things that are nobody else's.
package enum PrivateFiles {
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// Creates (or truncates) `path` for writing, private to the user (0600 whatever the umask).
    package static func open(_ path: String) throws(Failure) -> Int32 {
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Failure(description: String(cString: strerror(errno))) }
        fchmod(descriptor, 0o600)
        return descriptor
    }

    /// Creates `path` and its parents as needed; the last one private to the user (0700).
    package static func makeDirectory(_ path: String) throws(Failure) {
        var prefix = ""
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                throw Failure(description: "cannot create \(prefix): \(String(cString: strerror(errno)))")
            }
        }
        chmod(path, 0o700)
    }

    /// Replaces `path` atomically with `bytes`, private to the user (0600).
    package static func write(_ path: String, bytes: [UInt8]) throws(Failure) {
        let temporary = path + ".tmp.\(getpid())"
        let descriptor: Int32
        do {
            descriptor = try open(temporary)
        } catch {
            throw Failure(description: "cannot write \(path): \(error.description)")
        }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                close(descriptor)
                unlink(temporary)
                throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            written += count
        }
        fsync(descriptor)
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw Failure(description: "cannot replace \(path): \(String(cString: strerror(errno)))")
        }
    }
}
