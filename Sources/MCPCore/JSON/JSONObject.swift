/// A JSON object's members in the order they were received or inserted, with lookup by name.
///
/// Order matters to people: an elicitation form asks its fields in the order of the server's schema, and
/// passed-through output should read as the server wrote it. The members are one array of pairs (one
/// allocation an object); small objects (most of them) are searched linearly, which beats hashing at that
/// size, and past `indexThreshold` members a name-to-position index is kept. Equality ignores order, as
/// JSON's does.
public struct JSONObject: Sendable {
    /// A struct rather than a tuple so copies and moves are specialised, not done by the generic runtime.
    struct Member: Sendable {
        var key: String
        var value: JSONValue
    }

    private(set) var members: [Member]
    private var positions: [String: Int]?

    static let indexThreshold = 12

    public init() { members = [] }

    /// A dictionary's members, sorted by name so output built from one stays deterministic.
    public init(_ dictionary: [String: JSONValue]) {
        self.init(uniqueMembers: dictionary.sorted { $0.key < $1.key }.map { Member(key: $0.key, value: $0.value) })
    }

    /// Members whose names the caller knows to be distinct (the parser checks them).
    init(uniqueMembers members: [Member]) {
        self.members = members
        if members.count > Self.indexThreshold { buildIndex() }
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }
    public var values: [JSONValue] { members.map(\.value) }

    /// The position of `key`, or nil.
    public func index(forKey key: String) -> Int? {
        if let positions { return positions[key] }
        // Compared in place: `firstIndex(where:)` copied every member it passed (a retain and a release each),
        // which was most of the cost of decoding a large tools/list. Lengths first: they differ for most
        // names and cost nothing to read.
        let length = key.utf8.count
        return members.withUnsafeBufferPointer { buffer in
            for position in buffer.indices
            where buffer[position].key.utf8.count == length && buffer[position].key == key {
                return position
            }
            return nil
        }
    }

    /// Reading gives the member or nil; writing replaces a member in place, appends a new one at the end, or
    /// (with nil) removes it.
    public subscript(key: String) -> JSONValue? {
        get { index(forKey: key).map { members[$0].value } }
        set {
            guard let newValue else {
                removeValue(forKey: key)
                return
            }
            if let position = index(forKey: key) {
                members[position].value = newValue
                return
            }
            members.append(Member(key: key, value: newValue))
            if positions != nil {
                positions?[key] = members.count - 1
            } else if members.count > Self.indexThreshold {
                buildIndex()
            }
        }
    }

    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let position = index(forKey: key) else { return nil }
        let removed = members.remove(at: position).value
        if positions != nil { buildIndex() }
        return removed
    }

    public func mapValues(_ transform: (JSONValue) throws -> JSONValue) rethrows -> JSONObject {
        var copy = self
        copy.members = try members.map { Member(key: $0.key, value: try transform($0.value)) }
        return copy
    }

    /// Adds `other`'s members in its order; for a name already here, `combine` picks the value.
    public mutating func merge(
        _ other: JSONObject, uniquingKeysWith combine: (JSONValue, JSONValue) throws -> JSONValue
    ) rethrows {
        for (key, value) in other { self[key] = try self[key].map { try combine($0, value) } ?? value }
    }

    /// Adds a dictionary's members, new names in name order.
    public mutating func merge(
        _ other: [String: JSONValue], uniquingKeysWith combine: (JSONValue, JSONValue) throws -> JSONValue
    ) rethrows {
        try merge(JSONObject(other), uniquingKeysWith: combine)
    }

    /// The members as a `Dictionary`, for code that needs one (order is lost).
    public var dictionary: [String: JSONValue] {
        Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// False when two members share a name (the index then has fewer entries).
    var indexCoversEveryMember: Bool { positions?.count == members.count }

    private mutating func buildIndex() {
        var index = [String: Int](minimumCapacity: members.count)
        for (position, member) in members.enumerated() { index[member.key] = position }
        positions = index
    }
}

extension JSONObject: RandomAccessCollection {
    public typealias Element = (key: String, value: JSONValue)
    public var startIndex: Int { 0 }
    public var endIndex: Int { members.count }
    public subscript(position: Int) -> Element { (members[position].key, members[position].value) }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// Literal members in the order written; a repeated name keeps its first place and its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init()
        for (key, value) in elements { self[key] = value }
    }
}

extension JSONObject: Hashable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for member in lhs.members where rhs[member.key] != member.value { return false }
        return true
    }

    /// Order-independent, to agree with `==`.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for member in members {
            var hasher = Hasher()
            hasher.combine(member.key)
            hasher.combine(member.value)
            combined ^= hasher.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}
