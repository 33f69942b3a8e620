/// Texts that repeat from row to row (policy ids, reviewer notes) made once: a cell's bytes are
/// matched against the last texts made, so a repeated value costs a comparison, not a new
/// `String` (most policy ids are too long to be held inline). At most `capacity` texts are kept,
/// the oldest replaced first.
struct TextInterner {
    static let capacity = 16
    private var entries: [(bytes: [UInt8], text: String)] = []
    private var next = 0
    private let making: (UnsafeBufferPointer<UInt8>) -> String

    /// `making` makes the text of bytes not seen lately: by default their UTF-8 decoded as
    /// `String(decoding:as:)` does.
    init(making: @escaping (UnsafeBufferPointer<UInt8>) -> String = { String(decoding: $0, as: UTF8.self) }) {
        self.making = making
    }

    /// The text of `bytes`, made by `making` once while it repeats.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        for entry in entries where entry.bytes.count == bytes.count && entry.bytes.withUnsafeBufferPointer({ ByteSearch.same($0, bytes) }) {
            return entry.text
        }
        let text = making(bytes)
        if entries.count < Self.capacity {
            entries.append((Array(bytes), text))
        } else {
            entries[next] = (Array(bytes), text)
            next = (next + 1) % Self.capacity
        }
        return text
    }
}
