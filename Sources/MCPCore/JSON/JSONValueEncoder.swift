/// Encodes `Encodable` types straight into a `JSONValue`. Optionals that are nil are left out.
public enum JSONValueEncoder {
    /// Encodes `value` as a `JSONValue`.
    public static func encode(_ value: some Encodable) throws -> JSONValue {
        if let json = value as? JSONValue { return json }
        let storage = Storage()
        try value.encode(to: Impl(storage: storage, codingPath: []))
        return storage.value
    }

    /// One slot being filled; containers write their members into it as they are encoded.
    final class Storage {
        enum Slot {
            case empty
            case value(JSONValue)
            case object(Box<[String: Storage]>)
            case array(Box<[Storage]>)
        }

        final class Box<T> {
            var content: T
            init(_ content: T) { self.content = content }
        }

        var slot = Slot.empty

        func set(_ value: JSONValue) { slot = .value(value) }

        var value: JSONValue {
            switch slot {
            case .empty: return .object([:])
            case .value(let value): return value
            case .object(let box): return .object(box.content.mapValues(\.value))
            case .array(let box): return .array(box.content.map(\.value))
            }
        }

        func objectBox() -> Box<[String: Storage]> {
            if case .object(let box) = slot { return box }
            let box = Box<[String: Storage]>([:])
            slot = .object(box)
            return box
        }

        func arrayBox() -> Box<[Storage]> {
            if case .array(let box) = slot { return box }
            let box = Box<[Storage]>([])
            slot = .array(box)
            return box
        }
    }

    struct Impl: Encoder {
        let storage: Storage
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(Keyed<Key>(box: storage.objectBox(), codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            Unkeyed(box: storage.arrayBox(), codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            Single(storage: storage, codingPath: codingPath)
        }
    }

    static func encodeValue<T: Encodable>(_ value: T, into storage: Storage, path: [any CodingKey]) throws {
        switch value {
        case let json as JSONValue: storage.set(json)
        case let flag as Bool: storage.set(.bool(flag))
        case let text as String: storage.set(.string(text))
        case let number as Int: storage.set(.int(number))
        case let number as Int64: storage.set(.int(Int(number)))
        case let number as Double: storage.set(.double(number))
        // Every other width, which would otherwise come back here through `encode(to:)` for ever.
        case let number as any BinaryInteger:
            // Past Int's range (a UInt64 over 2^63) the number is kept as its exact text.
            if let whole = Int(exactly: number) {
                storage.set(.int(whole))
            } else {
                storage.set(.number(JSONNumber(validated: String(number))))
            }
        case let number as any BinaryFloatingPoint: storage.set(.double(Double(number)))
        default: try value.encode(to: Impl(storage: storage, codingPath: path))
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let box: Storage.Box<[String: Storage]>
        let codingPath: [any CodingKey]

        private func slot(_ key: Key) -> Storage {
            let storage = Storage()
            box.content[key.stringValue] = storage
            return storage
        }

        mutating func encodeNil(forKey key: Key) throws { slot(key).set(.null) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try JSONValueEncoder.encodeValue(value, into: slot(key), path: codingPath + [key])
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey>
        {
            KeyedEncodingContainer(Keyed<NestedKey>(box: slot(key).objectBox(), codingPath: codingPath + [key]))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            Unkeyed(box: slot(key).arrayBox(), codingPath: codingPath + [key])
        }

        mutating func superEncoder() -> any Encoder {
            let storage = Storage()
            box.content["super"] = storage
            return Impl(storage: storage, codingPath: codingPath)
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            Impl(storage: slot(key), codingPath: codingPath + [key])
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let box: Storage.Box<[Storage]>
        let codingPath: [any CodingKey]
        var count: Int { box.content.count }

        private func slot() -> Storage {
            let storage = Storage()
            box.content.append(storage)
            return storage
        }

        mutating func encodeNil() throws { slot().set(.null) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            try JSONValueEncoder.encodeValue(value, into: slot(), path: codingPath)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
            -> KeyedEncodingContainer<NestedKey>
        {
            KeyedEncodingContainer(Keyed<NestedKey>(box: slot().objectBox(), codingPath: codingPath))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            Unkeyed(box: slot().arrayBox(), codingPath: codingPath)
        }

        mutating func superEncoder() -> any Encoder { Impl(storage: slot(), codingPath: codingPath) }
    }

    struct Single: SingleValueEncodingContainer {
        let storage: Storage
        let codingPath: [any CodingKey]

        mutating func encodeNil() throws { storage.set(.null) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            try JSONValueEncoder.encodeValue(value, into: storage, path: codingPath)
        }
    }
}
