/// A fuzzer's input read as a few control bytes followed by the data under test, and the chunk boundaries derived
/// from it, so one input always splits the same way and libFuzzer can shrink a failure to the smallest one.
struct FuzzInput {
    /// The data under test: the input after the control bytes.
    let data: [UInt8]
    private var state: UInt64

    /// Takes `controlByteCount` bytes (zero when the input is shorter) as settings and a split seed.
    init(_ start: UnsafePointer<UInt8>?, _ count: Int, controlByteCount: Int) {
        let bytes = Array(UnsafeBufferPointer(start: start, count: count))
        let controls = min(controlByteCount, bytes.count)
        let settings = Array(bytes[..<controls])
        control = settings
        data = Array(bytes[controls...])
        state = settings.reduce(0x9E37_79B9_7F4A_7C15) { ($0 &* 31) &+ UInt64($1) }
    }

    /// The control bytes, shorter than asked for when the input was.
    let control: [UInt8]

    /// The data cut into chunks of 0 to `largest` bytes (empty chunks too: feeding nothing must change nothing).
    mutating func chunks(largest: Int) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start = 0
        while start < data.count {
            let size = Int(next() % UInt64(largest + 1))
            let end = min(data.count, start + size)
            result.append(data[start..<end])
            start = end
        }
        return result
    }

    /// SplitMix64: cheap, deterministic, and good enough to spread split points.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// Stops the run with `message`; the trap is what libFuzzer reports as a crash, saving the input.
func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("property violated: \(message())") }
}
