import Synchronization

/// A JSON text that has been checked whole, with where each of its containers starts and ends: what parsed
/// objects are read from when they are first used.
final class JSONDocument: Sendable {
    /// One object or array, in the order their opening brackets appear.
    struct Container: Sendable {
        /// Offset of the opening bracket.
        var start: UInt32
        /// Offset just past the closing bracket.
        var end: UInt32
        /// Members or elements (an object's repeated names counted each time).
        var count: UInt32
        /// Containers inside this one, at any depth: the next container after this one's is this + that + 1.
        var descendants: UInt32
    }

    let bytes: [UInt8]
    let containers: [Container]

    init(bytes: [UInt8], containers: [Container]) {
        self.bytes = bytes
        self.containers = containers
    }

    /// Reads the value at the start of the text (after space).
    func rootValue() -> JSONValue {
        withReader(at: 0, container: 0) { $0.readValue() }
    }

    /// Reads the members of the object that is container `container`.
    func members(ofObject container: Int) -> JSONMemberList {
        let start = Int(containers[container].start)
        return withReader(at: start, container: container) { JSONMemberList(readMembers: $0.readObjectMembers()) }
    }

    private func withReader<Result>(at index: Int, container: Int, _ body: (inout JSONReader) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { bytes in
            containers.withUnsafeBufferPointer { containers in
                var reader = JSONReader(
                    document: self, bytes: bytes, containers: containers, index: index, nextContainer: container)
                return body(&reader)
            }
        }
    }
}

/// An object of a parsed document: its members are read from the text the first time they are needed and
/// kept. Many tasks may share one parsed message, hence the lock.
final class JSONParsedObject: Sendable {
    let document: JSONDocument
    let container: Int
    private let read = Mutex<JSONMemberList?>(nil)

    init(document: JSONDocument, container: Int) {
        self.document = document
        self.container = container
    }

    var list: JSONMemberList {
        read.withLock { read in
            if let read { return read }
            let list = document.members(ofObject: container)
            read = list
            return list
        }
    }
}
