import MCPCore
import Testing

@Suite("ByteSize")
struct ByteSizeTests {
    @Test(
        "whole KiB and MiB by their unit, anything else in bytes",
        arguments: [
            (0, "0 bytes"), (1, "1 byte"), (2, "2 bytes"), (1000, "1000 bytes"), (1024, "1 KiB"), (1500, "1500 bytes"),
            (64 * 1024, "64 KiB"), (1_000_000, "1000000 bytes"), (1024 * 1024, "1 MiB"), (1536 * 1024, "1536 KiB"),
            (16 * 1024 * 1024, "16 MiB"), (32 << 20, "32 MiB"), (16 * 1024 * 1024 + 1, "16777217 bytes"),
        ])
    func description(byteCount: Int, expected: String) {
        #expect(ByteSize(byteCount).description == expected)
    }
}
