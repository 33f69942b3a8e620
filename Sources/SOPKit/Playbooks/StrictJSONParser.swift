/// JSON as RFC 8259 writes it, and nothing looser: a duplicate key, text after the value, invalid
/// UTF-8, a lone surrogate escape or nesting deeper than `maximumDepth` is an error with its line
/// and column, never a guess (Foundation's parser keeps the last of two equal keys). Where each
/// value stands is kept by its path (`playbook.input[0]`) for later messages: a member by its key.
struct StrictJSONParser {
    struct Failure: Error, CustomStringConvertible {
        var line: Int
        var column: Int
        var message: String
        var description: String { "line \(line), column \(column): \(message)" }
    }

    struct Position: Sendable, Hashable {
        var line: Int
        var column: Int
    }

    static let maximumDepth = 32

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var column = 1
    private(set) var positions: [String: Position] = [:]

    static func parse(_ bytes: [UInt8]) throws(Failure) -> (value: JSONValue, positions: [String: Position]) {
        var parser = StrictJSONParser(bytes: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes)
        guard String(validating: parser.bytes, as: UTF8.self) != nil else {
            throw Failure(line: 1, column: 1, message: "it is not UTF-8 text")
        }
        parser.skipWhitespace()
        guard parser.index < parser.bytes.count else { throw parser.failure("it is empty; expected a JSON object") }
        let value = try parser.value(path: "", depth: 0)
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else { throw parser.failure("unexpected text after the JSON value") }
        return (value, parser.positions)
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private func failure(_ message: String) -> Failure {
        Failure(line: line, column: column, message: message)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func advance() {
        if bytes[index] == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if bytes[index] & 0xC0 != 0x80 {
            column += 1
        }
        index += 1
    }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { advance() }
    }

    private mutating func expect(_ character: Character) throws(Failure) {
        guard current == character.asciiValue else {
            throw failure("expected '\(character)'\(current.map { ", found '\(Character(Unicode.Scalar($0)))'" } ?? " before the end")")
        }
        advance()
    }

    private mutating func value(path: String, depth: Int) throws(Failure) -> JSONValue {
        guard depth < Self.maximumDepth else { throw failure("nested more than \(Self.maximumDepth) levels deep") }
        if positions[path] == nil { positions[path] = Position(line: line, column: column) }
        switch current {
        case UInt8(ascii: "{"): return try object(path: path, depth: depth)
        case UInt8(ascii: "["): return try array(path: path, depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case let byte? where byte == UInt8(ascii: "-") || (0x30...0x39).contains(byte): return try number()
        case nil: throw failure("the JSON ends where a value was expected")
        default: throw failure("expected a JSON value")
        }
    }

    private mutating func object(path: String, depth: Int) throws(Failure) -> JSONValue {
        advance()
        var members: [JSONValue.Member] = []
        var seen: Set<String> = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            advance()
            return .object([])
        }
        while true {
            skipWhitespace()
            let keyLine = line, keyColumn = column
            guard current == UInt8(ascii: "\"") else { throw failure("expected a key in double quotes") }
            let key = try string()
            guard seen.insert(key).inserted else {
                throw Failure(line: keyLine, column: keyColumn, message: "duplicate key '\(key)'; each key may appear once in an object")
            }
            skipWhitespace()
            try expect(":")
            skipWhitespace()
            let child = path.isEmpty ? key : "\(path).\(key)"
            positions[child] = Position(line: keyLine, column: keyColumn)
            members.append(.init(key: key, value: try value(path: child, depth: depth + 1)))
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                advance()
                continue
            }
            try expect("}")
            return .object(members)
        }
    }

    private mutating func array(path: String, depth: Int) throws(Failure) -> JSONValue {
        advance()
        var items: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            advance()
            return .array([])
        }
        while true {
            skipWhitespace()
            items.append(try value(path: "\(path)[\(items.count)]", depth: depth + 1))
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                advance()
                continue
            }
            try expect("]")
            return .array(items)
        }
    }

    private mutating func literal(_ word: String, _ value: JSONValue) throws(Failure) -> JSONValue {
        for byte in word.utf8 {
            guard current == byte else { throw failure("expected '\(word)'") }
            advance()
        }
        return value
    }

    private mutating func number() throws(Failure) -> JSONValue {
        let start = index
        func digits(_ parser: inout StrictJSONParser) -> Int {
            var count = 0
            while let byte = parser.current, (0x30...0x39).contains(byte) {
                parser.advance()
                count += 1
            }
            return count
        }
        if current == UInt8(ascii: "-") { advance() }
        if current == UInt8(ascii: "0") {
            advance()
        } else if digits(&self) == 0 {
            throw failure("expected a digit")
        }
        if current == UInt8(ascii: ".") {
            advance()
            guard digits(&self) > 0 else { throw failure("expected a digit after '.'") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            advance()
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { advance() }
            guard digits(&self) > 0 else { throw failure("expected a digit in the exponent") }
        }
        return .number(String(decoding: bytes[start..<index], as: UTF8.self))
    }

    private mutating func string() throws(Failure) -> String {
        advance()
        var scalars = String.UnicodeScalarView()
        var run = index
        func flush(_ parser: StrictJSONParser) {
            scalars.append(contentsOf: String(decoding: parser.bytes[run..<parser.index], as: UTF8.self).unicodeScalars)
        }
        while true {
            guard let byte = current else { throw failure("a string is never closed") }
            switch byte {
            case UInt8(ascii: "\""):
                flush(self)
                advance()
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush(self)
                advance()
                scalars.append(try escape())
                run = index
            case 0x00..<0x20:
                throw failure("a control character must be escaped inside a string")
            default:
                advance()
            }
        }
    }

    private mutating func escape() throws(Failure) -> Unicode.Scalar {
        guard let byte = current else { throw failure("a string is never closed") }
        advance()
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{8}"
        case UInt8(ascii: "f"): return "\u{C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try hexUnit()
            if (0xD800..<0xDC00).contains(unit) {
                guard current == UInt8(ascii: "\\") else { throw failure("a lone surrogate escape is not a character") }
                advance()
                guard current == UInt8(ascii: "u") else { throw failure("a lone surrogate escape is not a character") }
                advance()
                let low = try hexUnit()
                guard (0xDC00..<0xE000).contains(low) else { throw failure("a lone surrogate escape is not a character") }
                return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!
            }
            guard let scalar = Unicode.Scalar(unit) else { throw failure("a lone surrogate escape is not a character") }
            return scalar
        default:
            throw failure("unknown escape '\\\(Character(Unicode.Scalar(byte)))'")
        }
    }

    private mutating func hexUnit() throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = Character(Unicode.Scalar(byte)).hexDigitValue else {
                throw failure("expected four hex digits after '\\u'")
            }
            value = value * 16 + UInt32(digit)
            advance()
        }
        return value
    }
}
