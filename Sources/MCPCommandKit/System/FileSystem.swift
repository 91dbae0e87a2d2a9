import PrivateFiles

#if canImport(Glibc)
    import Glibc
#endif

/// The few file operations the commands need, on POSIX calls (Foundation would cost start-up time).
package enum FileSystem {
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    package static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
    package static func isExecutable(_ path: String) -> Bool { access(path, X_OK) == 0 }

    package static func read(_ path: String, limit: Int = 64 * 1024 * 1024) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(description: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        return try readAll(descriptor, limit: limit)
    }

    package static func readAll(_ descriptor: Int32, limit: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(description: String(cString: strerror(errno)))
            }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
            if bytes.count > limit { throw Failure(description: "larger than \(limit / 1024 / 1024) MiB") }
        }
    }

    /// Creates (or truncates) `path` for writing, private to the user (0600).
    package static func openPrivate(_ path: String) throws -> Int32 {
        do { return try PrivateFiles.open(path) } catch { throw Failure(description: error.description) }
    }

    /// Creates `path` and its parents as needed; the last one private to the user (0700).
    package static func makePrivateDirectory(_ path: String) throws {
        do { try PrivateFiles.makeDirectory(path) } catch { throw Failure(description: error.description) }
    }

    /// Replaces `path` atomically with `bytes`, private to the user (0600).
    package static func writePrivate(_ path: String, bytes: [UInt8]) throws {
        do { try PrivateFiles.write(path, bytes: bytes) } catch { throw Failure(description: error.description) }
    }

    /// The working directory, where the project config files are looked for.
    package static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The path of the running executable.
    package static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    package static func environment() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}
