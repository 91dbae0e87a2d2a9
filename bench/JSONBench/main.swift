// mcptask-json-bench FILE [ROUNDS [ONLY]]: how fast MCPCore reads a large JSON document (a tools/list result):
// parsing alone, parsing and decoding into `ListToolsResult`, and writing it back compactly. Prints one
// line per measurement with the best and median throughput over ROUNDS rounds (default 15), per CPU second. bench/json/run.sh
// runs it on the page bench/json/many_tools_server.py writes.
import MCPCore

#if canImport(Glibc)
    import Glibc
#endif

func readFile(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        if count == 0 { break }
        bytes.append(contentsOf: chunk[0..<count])
    }
    return bytes
}

/// CPU seconds this process has used: on a machine shared with builds this tracks the work done far better
/// than the wall clock does.
func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Runs `work` `rounds` times and prints the best and median rate for `byteCount` bytes a round, in MB per
/// CPU second.
func measure(_ label: String, key: String, byteCount: Int, rounds: Int, _ work: () throws -> Int) rethrows {
    // ONLY (parse, decode or write) names the one measurement to run, for a profiler.
    if arguments.count > 3, arguments[3] != key { return }
    var times: [Double] = []
    var check = 0
    for _ in 0..<rounds {
        let start = cpuSeconds()
        check &+= try work()
        times.append(cpuSeconds() - start)
    }
    times.sort()
    let megabytes = Double(byteCount) / 1e6
    let best = megabytes / times[0]
    let median = megabytes / times[times.count / 2]
    let padded = label + String(repeating: " ", count: max(0, 24 - label.count))
    print("\(padded) best \(Int(best.rounded())) MB/s  median \(Int(median.rounded())) MB/s  (CPU time; \(check % 10))")
}

let arguments = CommandLine.arguments
guard arguments.count >= 2, let bytes = readFile(arguments[1]) else {
    print("usage: mcptask-json-bench FILE [ROUNDS [parse|decode|write]]")
    exit(2)
}
let rounds = arguments.count > 2 ? max(1, Int(arguments[2]) ?? 15) : 15
print("document: \(bytes.count) bytes, \(rounds) rounds")
do {
    try measure("parse", key: "parse", byteCount: bytes.count, rounds: rounds) {
        if case .object(let members) = try JSONParser.parse(bytes) { return members.count }
        return 0
    }
    try measure("parse + decode tools", key: "decode", byteCount: bytes.count, rounds: rounds) {
        try JSONValueDecoder.decode(ListToolsResult.self, from: try JSONParser.parse(bytes)).tools.count
    }
    let value = try JSONParser.parse(bytes)
    measure("write compact", key: "write", byteCount: bytes.count, rounds: rounds) { JSONWriter.compact(value).count }
} catch {
    print("error: \(error)")
    exit(1)
}
