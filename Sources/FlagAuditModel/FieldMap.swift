/// Values by study field, one slot per field: a lookup is an array index, not a hash, and rules
/// look fields up all the time. Iterates in the order of the entry format; reads and writes like
/// a dictionary.
public struct FieldMap<Value: Sendable>: Sendable {
    /// Empty until the first value is set; then one optional per field, at the field's raw value.
    private var slots: [Value?] = []

    public init() {}

    public subscript(field: StudyField) -> Value? {
        get { slots.isEmpty ? nil : slots[field.rawValue] }
        set {
            if slots.isEmpty {
                guard newValue != nil else { return }
                slots = Array(repeating: nil, count: StudyField.allCases.count)
            }
            slots[field.rawValue] = newValue
        }
    }

    public subscript(field: StudyField, default defaultValue: @autoclosure () -> Value) -> Value {
        get { self[field] ?? defaultValue() }
        _modify {
            if slots.isEmpty { slots = Array(repeating: nil, count: StudyField.allCases.count) }
            let index = field.rawValue
            // Taken out of its slot while modified, so an append does not copy it.
            var value = slots[index].take() ?? defaultValue()
            defer { slots[index] = value }
            yield &value
        }
    }

    public var isEmpty: Bool { !slots.contains { $0 != nil } }
    public var count: Int { slots.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }
    public var keys: [StudyField] { map(\.key) }
    public var values: [Value] { map(\.value) }
}

extension FieldMap: Sequence {
    public struct Iterator: IteratorProtocol {
        fileprivate let slots: [Value?]
        fileprivate var index = 0

        public mutating func next() -> (key: StudyField, value: Value)? {
            while index < slots.count {
                defer { index += 1 }
                if let value = slots[index] { return (StudyField.allCases[index], value) }
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(slots: slots) }
}

extension FieldMap: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (StudyField, Value)...) {
        for (field, value) in elements { self[field] = value }
    }
}

extension FieldMap: Equatable where Value: Equatable {}
