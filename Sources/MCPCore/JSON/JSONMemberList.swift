/// The members of an object that has been read or built: one array of pairs in order (one allocation an
/// object), searched linearly while small (which beats hashing at that size) and through a name-to-position
/// index past `indexThreshold` members.
struct JSONMemberList: Sendable {
    private(set) var members: [JSONObject.Member]
    private var positions: [String: Int]?

    static let indexThreshold = 12

    init() { members = [] }

    /// Members whose names the caller knows to be distinct.
    init(uniqueMembers members: [JSONObject.Member]) {
        self.members = members
        if members.count > Self.indexThreshold { buildIndex() }
    }

    /// Members as read from text: a repeated name keeps its first place and takes the last value, as a
    /// dictionary would have it.
    init(readMembers members: [JSONObject.Member]) {
        if members.count <= Self.indexThreshold {
            if !Self.repeatsAName(members) {
                self.init(uniqueMembers: members)
                return
            }
        } else {
            self.init(uniqueMembers: members)
            if positions?.count == members.count { return }
        }
        self.init()
        for member in members { self[member.key] = member.value }
    }

    var count: Int { members.count }

    func index(forKey key: String) -> Int? {
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

    subscript(key: String) -> JSONValue? {
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
            members.append(JSONObject.Member(key: key, value: newValue))
            if positions != nil {
                positions?[key] = members.count - 1
            } else if members.count > Self.indexThreshold {
                buildIndex()
            }
        }
    }

    @discardableResult
    mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let position = index(forKey: key) else { return nil }
        let removed = members.remove(at: position).value
        if positions != nil { buildIndex() }
        return removed
    }

    /// The same names with new values (the index stays right: names and places do not change).
    mutating func transformValues(_ transform: (JSONValue) throws -> JSONValue) rethrows {
        for position in members.indices { members[position].value = try transform(members[position].value) }
    }

    private mutating func buildIndex() {
        var index = [String: Int](minimumCapacity: members.count)
        for (position, member) in members.enumerated() { index[member.key] = position }
        positions = index
    }

    /// Whether two members share a name, compared in place (slicing and `contains(where:)` copied members,
    /// a retain and a release each) and by length first, which tells most names apart at no cost.
    private static func repeatsAName(_ members: [JSONObject.Member]) -> Bool {
        members.withUnsafeBufferPointer { buffer in
            for later in buffer.indices.dropFirst() {
                let length = buffer[later].key.utf8.count
                for earlier in 0..<later
                where buffer[earlier].key.utf8.count == length && buffer[earlier].key == buffer[later].key {
                    return true
                }
            }
            return false
        }
    }
}
