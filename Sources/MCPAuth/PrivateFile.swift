import PrivateFiles

#if canImport(Glibc)
    import Glibc
#endif

/// The credential store's files: read here, made and written by `PrivateFiles` (0700 directories, 0600
/// files, replaced whole).
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
        do { try PrivateFiles.makeDirectory(path) } catch { throw AuthFailure(.refused, error.description) }
    }

    static func write(_ path: String, bytes: [UInt8]) throws(AuthFailure) {
        do { try PrivateFiles.write(path, bytes: bytes) } catch { throw AuthFailure(.refused, error.description) }
    }
}
