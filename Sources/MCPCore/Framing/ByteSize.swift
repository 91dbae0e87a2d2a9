/// A number of bytes as a person reads it: `1 byte`, `512 bytes`, `64 KiB`, `16 MiB`.
///
/// KiB and MiB are used only when they are exact, so a limit is never misstated: a cap of 1000000 bytes reads
/// `1000000 bytes`, not `0 MiB` or `976 KiB`.
public struct ByteSize: Sendable, Hashable, CustomStringConvertible {
    public var byteCount: Int

    public init(_ byteCount: Int) { self.byteCount = byteCount }

    public var description: String {
        let kibibyte = 1024
        let mebibyte = 1024 * 1024
        if byteCount == 1 { return "1 byte" }
        if byteCount > 0 && byteCount % mebibyte == 0 { return "\(byteCount / mebibyte) MiB" }
        if byteCount > 0 && byteCount % kibibyte == 0 { return "\(byteCount / kibibyte) KiB" }
        return "\(byteCount) bytes"
    }
}
