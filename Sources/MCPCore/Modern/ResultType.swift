/// `resultType` of a 2026-07-28 result: how to read the rest of it. Open, because extensions add values;
/// a result without one is `complete` (legacy servers).
public struct ResultType: RawRepresentable, Sendable, Hashable, Codable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let complete = ResultType(rawValue: "complete")
    public static let inputRequired = ResultType(rawValue: "input_required")
    /// The tasks extension: a tools/call that became a task.
    public static let task = ResultType(rawValue: "task")

    /// The `resultType` of a result object, `complete` when absent.
    public static func of(_ result: JSONValue) -> ResultType {
        result["resultType"]?.stringValue.map(ResultType.init(rawValue:)) ?? .complete
    }
}
