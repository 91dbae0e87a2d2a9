/// A JSON object's members in the order they were received or inserted, with lookup by name.
///
/// Order matters to people: an elicitation form asks its fields in the order of the server's schema, and
/// passed-through output should read as the server wrote it. Equality ignores order, as JSON's does.
///
/// An object from the parser is read from the message's text when it is first used, not while parsing
/// (see `JSONParsedObject`): a tools/list of 20,000 tools costs a check of its text and the members of the
/// objects somebody looks at, not a tree of every schema. Changing an object makes it a built one.
public struct JSONObject: Sendable {
    /// A struct rather than a tuple so copies and moves are specialised, not done by the generic runtime.
    struct Member: Sendable {
        var key: String
        var value: JSONValue
    }

    private enum Storage: Sendable {
        case built(JSONMemberList)
        case parsed(JSONParsedObject)
    }

    private var storage: Storage

    public init() { storage = .built(JSONMemberList()) }

    /// A dictionary's members, sorted by name so output built from one stays deterministic.
    public init(_ dictionary: [String: JSONValue]) {
        let sorted = dictionary.sorted { $0.key < $1.key }.map { Member(key: $0.key, value: $0.value) }
        storage = .built(JSONMemberList(uniqueMembers: sorted))
    }

    init(list: JSONMemberList) { storage = .built(list) }

    /// An object of a parsed document, read when first used.
    init(parsed: JSONParsedObject) { storage = .parsed(parsed) }

    /// The members, read from the text first if this object has not been used yet.
    var list: JSONMemberList {
        switch storage {
        case .built(let list): return list
        case .parsed(let parsed): return parsed.list
        }
    }

    var members: [Member] { list.members }

    /// Changes the members: the storage is emptied while `body` runs, so a built object's array is not shared
    /// and is changed in place (a parsed object's members are copied once, from its cache, and it becomes a
    /// built one).
    private mutating func mutate<Result>(_ body: (inout JSONMemberList) throws -> Result) rethrows -> Result {
        var list = self.list
        storage = .built(JSONMemberList())
        defer { storage = .built(list) }
        return try body(&list)
    }

    public var count: Int { list.count }
    public var isEmpty: Bool { list.count == 0 }
    public var keys: [String] { list.members.map(\.key) }
    public var values: [JSONValue] { list.members.map(\.value) }

    /// The position of `key`, or nil.
    public func index(forKey key: String) -> Int? { list.index(forKey: key) }

    /// Reading gives the member or nil; writing replaces a member in place, appends a new one at the end, or
    /// (with nil) removes it.
    public subscript(key: String) -> JSONValue? {
        get { list[key] }
        set { mutate { $0[key] = newValue } }
    }

    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? { mutate { $0.removeValue(forKey: key) } }

    public func mapValues(_ transform: (JSONValue) throws -> JSONValue) rethrows -> JSONObject {
        var copy = list
        try copy.transformValues(transform)
        return JSONObject(list: copy)
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
        Dictionary(list.members.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }
}

extension JSONObject: RandomAccessCollection {
    public typealias Element = (key: String, value: JSONValue)
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public subscript(position: Int) -> Element {
        let member = list.members[position]
        return (member.key, member.value)
    }

    /// Iterates one copy of the members (the default would look the object up again for every member).
    public func makeIterator() -> Iterator { Iterator(members: list.members.makeIterator()) }

    public struct Iterator: IteratorProtocol {
        var members: IndexingIterator<[Member]>

        public mutating func next() -> Element? { members.next().map { ($0.key, $0.value) } }
    }
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
        let right = rhs.list
        for member in lhs.list.members where right[member.key] != member.value { return false }
        return true
    }

    /// Order-independent, to agree with `==`.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for member in list.members {
            var hasher = Hasher()
            hasher.combine(member.key)
            hasher.combine(member.value)
            combined ^= hasher.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}
