extension Hasher {
    /// Feeds `text`'s UTF-8 bytes, for a value compared on its bytes: `String`'s own hash goes
    /// through the text's normal form, which is canonically equivalent spellings' one and costs
    /// time quadratic in a run of combining marks.
    mutating func combine(bytesOf text: String) {
        var text = text
        text.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
        combine(text.utf8.count)
    }
}
