/// The one rule for every id in a pack — roles, policies, SOPs, snippets, sites, checklists and
/// playbooks — wherever it comes from: YAML, a file name, a command-line argument or a bundle.
///
/// Ids become file names (`sites/<id>.yml`, `<id>.html`), URL path segments and HTML anchors, so
/// an id is 1 to 64 of `a`–`z`, `0`–`9` and `-`, neither starting nor ending with `-`. That keeps
/// out `/`, `.` and `..` (no path leaves its folder), `#` and `?` (no link breaks), upper case (no
/// clash on case-insensitive disks), spaces, Unicode look-alikes and control characters; the
/// length keeps `<id>.html` well inside every file system's name limit. Two `-` in a row are
/// refused: a printed handbook joins an SOP's id and a heading's with `--` (`refunds--steps`), and
/// only an id without `--` makes that join unambiguous on a page of many SOPs. Windows' device names
/// (`con`, `nul`, `com1`, …) are refused too: a pack must check out on any machine.
public struct Identifier: Sendable, Hashable, Comparable, CustomStringConvertible {
    public static let maximumLength = 64
    /// The rule in words, for messages and `--help`.
    public static let rule =
        "1 to \(maximumLength) lower-case letters a-z, digits and '-', not starting or ending with '-' nor with two '-' in a row"

    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        case empty
        case tooLong(Int)
        case character(Unicode.Scalar)
        case edgeHyphen
        case doubleHyphen
        case reservedName

        public var description: String {
            switch self {
            case .empty: "it is empty"
            case .tooLong(let count): "it is \(count) characters long"
            case .character(let scalar): "\(Identifier.describe(scalar)) is not allowed"
            case .edgeHyphen: "it starts or ends with '-'"
            case .doubleHyphen: "it has two '-' in a row"
            case .reservedName: "Windows reserves that name for a device"
            }
        }
    }

    public let value: String

    public init(_ text: String) throws(Problem) {
        if let problem = Self.problem(with: text) { throw problem }
        value = text
    }

    public var description: String { value }

    public static func < (lhs: Identifier, rhs: Identifier) -> Bool { lhs.value < rhs.value }

    public static func isValid(_ text: String) -> Bool { problem(with: text) == nil }

    /// The first thing wrong with `text` as an id, or nil when it is one.
    public static func problem(with text: String) -> Problem? {
        let scalars = text.unicodeScalars
        if scalars.isEmpty { return .empty }
        if let bad = scalars.first(where: { !isAllowed($0) }) { return .character(bad) }
        if scalars.count > maximumLength { return .tooLong(scalars.count) }
        if scalars.first == "-" || scalars.last == "-" { return .edgeHyphen }
        if text.contains("--") { return .doubleHyphen }
        if reservedNames.contains(text) { return .reservedName }
        return nil
    }

    /// The message every refusal uses: `site id '../x' is not a usable id: '.' is not allowed; …`.
    public static func message(kind: String, _ text: String, _ problem: Problem) -> String {
        "\(kind) id \(quoted(text)) is not a usable id: \(problem); an id is \(rule)"
    }

    /// `text` in quotes for a message: control characters escaped and long texts cut, so an id
    /// from a hostile file cannot rewrite the terminal or flood the report.
    public static func quoted(_ text: String) -> String {
        var shown = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == 40 {
                shown += "…"
                break
            }
            shown +=
                isInvisible(scalar) || scalar == "'" || scalar == "\\" ? scalar.escaped(asASCII: true) : String(scalar)
            count += 1
        }
        return "'\(shown)'"
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
    }

    private static func describe(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case " ": "a space"
        case "A"..."Z": "upper case ('\(scalar)')"
        default:
            isInvisible(scalar) ? "'\(scalar.escaped(asASCII: true))'" : "'\(scalar)'"
        }
    }

    /// Control, format (bidi overrides, zero-width) and separator characters: shown escaped.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: true
        default: false
        }
    }

    private static let reservedNames: Set<String> = Set(
        ["con", "prn", "aux", "nul"]
            + (1...9).map { "com\($0)" } + (1...9).map { "lpt\($0)" })
}
