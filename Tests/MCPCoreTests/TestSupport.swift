import MCPCore
import Testing

/// Parses JSON text written in a test; a typo in a fixture fails the test that uses it.
func json(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
    do {
        return try JSONParser.parse(text)
    } catch {
        Issue.record("fixture is not JSON: \(error)", sourceLocation: sourceLocation)
        throw error
    }
}

/// Encodes with `JSONValueEncoder`.
func encoded(_ value: some Encodable) throws -> JSONValue {
    try JSONValueEncoder.encode(value)
}

/// Decodes with `JSONValueDecoder` from JSON text.
func decoded<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
    try JSONValueDecoder.decode(type, from: try json(text))
}

/// The decoding error `body` throws, or nil (and a recorded issue) when it does not throw one.
func decodingError(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) -> DecodingError? {
    do {
        try body()
        Issue.record("expected a DecodingError, nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as DecodingError {
        return error
    } catch {
        Issue.record("expected a DecodingError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// The coding path of a decoding error, as strings (indices as their numbers).
func codingPath(of error: DecodingError) -> [String] {
    let context: DecodingError.Context
    switch error {
    case .keyNotFound(_, let value), .typeMismatch(_, let value), .valueNotFound(_, let value),
        .dataCorrupted(let value):
        context = value
    @unknown default:
        return []
    }
    return context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
}

/// A string coding key for hand-written containers in tests.
struct AnyKey: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(stringLiteral value: String) { stringValue = value }
}
