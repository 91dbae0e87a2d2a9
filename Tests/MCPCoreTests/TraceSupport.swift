import Foundation
import MCPCore
import Testing

/// One JSON-RPC message from a trace: the `msg` of a record, with where it came from.
struct TraceMessage {
    var file: String
    var line: Int
    /// `c2s` or `s2c`.
    var direction: String
    var json: JSONValue

    var location: String { "\(file):\(line)" }
}

/// A request and what answered it, paired by id within one trace file (in the opposite direction).
struct TraceExchange {
    var method: String
    var request: TraceMessage
    var params: JSONValue?
    /// The `result` member, or nil when the answer was an error.
    var result: JSONValue?
    var error: ResponseError?
    var response: TraceMessage
}

struct TraceFile {
    var name: String
    var messages: [TraceMessage]

    /// 2026-07-28 traces: different result shapes (flat tasks, `server/discover`), decoded leniently.
    var isModern: Bool { name.contains("modern") || name.hasPrefix("fastmcp4-") }

    /// Requests paired with their responses. A request id is remembered per direction until answered.
    func exchanges() throws -> [TraceExchange] {
        var pending: [String: [RequestID: (String, TraceMessage, JSONValue?)]] = [:]
        var exchanges: [TraceExchange] = []
        for message in messages {
            switch try JSONRPCMessage.classify(message.json) {
            case .request(let id, let method, let params, _):
                pending[message.direction, default: [:]][id] = (method, message, params)
            case .response(let id, let result):
                if let (method, request, params) = pending[message.direction == "c2s" ? "s2c" : "c2s"]?[id] {
                    exchanges.append(
                        TraceExchange(
                            method: method, request: request, params: params, result: result, response: message))
                }
            case .errorResponse(let id?, let error):
                if let (method, request, params) = pending[message.direction == "c2s" ? "s2c" : "c2s"]?[id] {
                    exchanges.append(
                        TraceExchange(
                            method: method, request: request, params: params, error: error, response: message))
                }
            case .errorResponse(nil, _), .notification:
                break
            }
        }
        return exchanges
    }
}

enum Traces {
    /// `../shared/traces` beside the package root, which is three levels above this file.
    static var directory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/traces").standardizedFileURL
    }

    /// Every `*.jsonl` trace, sorted by name. Fails the calling test if the folder is missing or empty.
    static func load(sourceLocation: SourceLocation = #_sourceLocation) throws -> [TraceFile] {
        let path = directory.path
        var isDirectory: ObjCBool = false
        try #require(
            FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue,
            "trace folder not found at \(path) (expected ../shared/traces beside the package root)",
            sourceLocation: sourceLocation)
        let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".jsonl") }.sorted()
        try #require(!names.isEmpty, "no *.jsonl traces in \(path)", sourceLocation: sourceLocation)
        return try names.map { name in
            try TraceFile(name: name, messages: messages(in: directory.appendingPathComponent(name), name: name))
        }
    }

    /// The file named `name`; fails the test when it is not there.
    static func file(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> TraceFile {
        let file = try load(sourceLocation: sourceLocation).first { $0.name == name }
        return try #require(file, "trace \(name) not found in \(directory.path)", sourceLocation: sourceLocation)
    }

    private static func messages(in url: URL, name: String) throws -> [TraceMessage] {
        let bytes = [UInt8](try Data(contentsOf: url))
        var messages: [TraceMessage] = []
        for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
        where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
            let record = try JSONParser.parse(line)
            guard let direction = record["dir"]?.stringValue else {
                Issue.record("\(name):\(index + 1): record without \"dir\"")
                continue
            }
            guard let message = record["msg"], message != .null else { continue }
            messages.append(TraceMessage(file: name, line: index + 1, direction: direction, json: message))
        }
        return messages
    }
}
