#if canImport(Glibc)
    import Glibc
#endif

/// Files only their owner may read: directories 0700, files 0600, written to a temporary file and renamed.
enum PrivateFile {
    static func read(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += buffer[0..<count]
        }
        return bytes
    }

    static func makeDirectory(_ path: String) throws(AuthFailure) {
        var prefix = ""
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                throw AuthFailure(.refused, "cannot create \(prefix): \(String(cString: strerror(errno)))")
            }
        }
        chmod(path, 0o700)
    }

    static func write(_ path: String, bytes: [UInt8]) throws(AuthFailure) {
        let temporary = path + ".tmp.\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw AuthFailure(.refused, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        fchmod(descriptor, 0o600)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                close(descriptor)
                unlink(temporary)
                throw AuthFailure(.refused, "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            written += count
        }
        fsync(descriptor)
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw AuthFailure(.refused, "cannot replace \(path): \(String(cString: strerror(errno)))")
        }
    }
}
