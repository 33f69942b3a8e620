import Foundation

/// Seeded, deterministic mutations of a pack held in memory (path → text). One seed always gives
/// the same mutated pack, so a failing case is replayed from the seed printed with it:
/// `SOPGEN_MUTATION_SEED=<seed> swift test --filter MutationTests`.
struct PackMutator {
    /// One mutated pack.
    struct Case: Sendable, CustomStringConvertible {
        var seed: UInt64
        var kind: Kind
        var path: String
        /// What was done, in words: enough to see the mistake without replaying.
        var detail: String
        var files: [String: String]

        var description: String { "seed \(seed): \(kind.rawValue) in \(path): \(detail)" }
    }

    enum Kind: String, CaseIterable, Sendable {
        case deleteLine, duplicateLine, swapLines, replaceValue, aimValue, duplicateID, duplicateEntry, truncate
        case unclosedBlock, strayBlockEnd, unknownKey, include, deepNesting, insertScalars, insertCRLF
        case emptyFile, deleteFile, copyFile
    }

    /// What a scalar value is replaced with: YAML nulls, numbers at and beyond Int's range, huge
    /// and empty text, line breaks, terminal controls, bidi overrides, path tricks, dates out of
    /// range, YAML structure where text belongs, template syntax.
    static let replacements: [String] = [
        "null", "~", "\"\"", "''", "0", "-1", "1e309", "99999999999999999999", "9223372036854775807",
        "-9223372036854775808", "every 9223372036854775807 weeks", "every 99999999999 years",
        String(repeating: "x", count: 100_000), "\"a\\r\\nb\"", "|\n  multi\n  line", "\"\\e]0;title\\a\\e[2J\"",
        "\"\\u202Eevil\"", "\"\\0\"", "../x", "../../etc/passwd", "/absolute", "0000-01-01", "9999-12-31",
        "2026-02-30", "[a, b]", "{a: b}", "[]", "{}", "*nope", "&anchor x", "!!binary aGk=", "'unterminated",
        "true", "-", "::: for", "{{site.name}}", "{{> stop-rule}}", "{{", "}}", "\u{FEFF}", "\u{E000}x",
        "ＡＢＣ", "e\u{301}\u{301}\u{301}", "<script>alert(1)</script>", "javascript:alert(1)",
    ]

    /// Values aimed at what a key means (`aimValue`): overflowing
    /// cadences, impossible dates, counts out of range, versions that are not versions, ids that
    /// are paths or repeat, roles that loop.
    static let targeted: [String: [String]] = [
        "review_cadence": ["every 9223372036854775807 weeks", "every 1537228672809129302 weeks", "every 0 days", "every -1 days",
                           "every 99999999999999999999 days", "never", "every"],
        "last_reviewed": ["0000-01-01", "2026-02-30", "9999-12-31", "1899-12-31", "2026-1-1", "+026-11-01", "2026-11-01T00:00"],
        "approvals_required": ["0", "-1", "9223372036854775807", "-9223372036854775808", "1.5", "two"],
        "php_version": ["-1", "99999999999999999999", "8..2", "eight", "8.2-"],
        "wordpress_version": ["-6.8", "6.8.1.2.3", "latest"],
        "sophmate_version": ["0", "2.4.1-", "v2.4.1"],
        "id": ["../x", "A B", String(repeating: "a", count: 300), "site-admin", "store-manager", "refunds-and-coupons", "-x", "é"],
        "escalates_to": ["site-admin", "store-manager", "support-agent", "nobody"],
        "audience": ["[]", "[nobody]", "[site-admin, site-admin]", "site-admin", "[[nested]]"],
        "approvers": ["[]", "[nobody]", "[site-admin, site-admin]"],
        "proposers": ["[]", "[nobody]"],
        "owner": ["nobody", "[site-admin]", "''"],
        "surface": ["nowhere", "[copilot, approvals]", "[]"],
        "risk": ["hgh", "HIGH", "[high]"],
        "mode": ["production", "read-write", "staging"],
        "default_site": ["harbour-stor", "nope", "../x", "''"],
        "policies": ["[nope]", "[refunds-and-coupons, refunds-and-coupons]", "{}"],
        "kill_switch": ["nobody", "site-admin"],
        "approval": ["nope", "refunds-and-coupons"],
        "production_url": ["http://shop.example", "shop.example", "https://", "javascript:alert(1)"],
        "staging_url": ["https://shop.harbourandvine.example", "ftp://x"],
    ]

    /// Scalars inserted into text: NUL, controls, BOM, replacement, bidi, private use, emoji,
    /// combining marks, an unpaired-looking surrogate spelled out.
    static let hostileScalars: [String] = [
        "\u{0}", "\u{1B}[31m", "\u{7}", "\u{7F}", "\u{85}", "\u{9B}", "\u{FEFF}", "\u{FFFD}", "\u{202E}", "\u{2066}",
        "\u{E000}", "\u{F8FF}", "🧪", "e\u{301}", "\u{2028}", "\\uD800", "\r", "\t",
    ]

    let files: [String: String]
    let paths: [String]

    init(files: [String: String]) {
        self.files = files
        paths = files.keys.sorted()
    }

    /// The seed of case `index` in the run started from `base`: spread by SplitMix64, so
    /// neighbouring cases share nothing.
    static func seed(base: UInt64, index: Int) -> UInt64 {
        var generator = SplitMix64(state: base &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        return generator.next()
    }

    func mutate(seed: UInt64) -> Case {
        var random = SplitMix64(state: seed)
        let kind = Kind.allCases[Int(random.next() % UInt64(Kind.allCases.count))]
        let path = paths[Int(random.next() % UInt64(paths.count))]
        var result = files
        let detail = apply(kind, to: path, in: &result, random: &random)
        return Case(seed: seed, kind: kind, path: path, detail: detail, files: result)
    }

    // MARK: - Mutations

    private func apply(_ kind: Kind, to path: String, in files: inout [String: String], random: inout SplitMix64) -> String {
        let text = files[path] ?? ""
        var lines = text.components(separatedBy: "\n")
        func pick(_ count: Int) -> Int { count <= 1 ? 0 : Int(random.next() % UInt64(count)) }
        func pick<T>(_ items: [T]) -> T { items[pick(items.count)] }
        let line = pick(lines.count)

        switch kind {
        case .deleteLine:
            let removed = lines.remove(at: line)
            files[path] = lines.joined(separator: "\n")
            return "deleted line \(line + 1) '\(removed.prefix(40))'"
        case .duplicateLine:
            lines.insert(lines[line], at: line)
            files[path] = lines.joined(separator: "\n")
            return "duplicated line \(line + 1) '\(lines[line].prefix(40))'"
        case .swapLines:
            let other = pick(lines.count)
            lines.swapAt(line, other)
            files[path] = lines.joined(separator: "\n")
            return "swapped lines \(line + 1) and \(other + 1)"
        case .replaceValue:
            let replacement = pick(Self.replacements)
            let keyed = lines.indices.filter { Self.keyValue(lines[$0]) != nil }
            if let index = keyed.isEmpty ? nil : pick(keyed), let (prefix, _) = Self.keyValue(lines[index]) {
                lines[index] = prefix + replacement
                files[path] = lines.joined(separator: "\n")
                return "line \(index + 1) value → \(Self.shown(replacement))"
            }
            let words = lines[line].split(separator: " ", omittingEmptySubsequences: false)
            var changed = words.map(String.init)
            changed[pick(changed.count)] = replacement
            lines[line] = changed.joined(separator: " ")
            files[path] = lines.joined(separator: "\n")
            return "line \(line + 1) word → \(Self.shown(replacement))"
        case .aimValue:
            // A key that means something particular, with a value aimed at what it means.
            let aimedAt = lines.indices.filter { Self.targeted[Self.key(lines[$0])] != nil }
            let index = aimedAt.isEmpty ? 0 : pick(aimedAt)
            guard !aimedAt.isEmpty, let (prefix, _) = Self.keyValue(lines[index]) else {
                return apply(.replaceValue, to: path, in: &files, random: &random)
            }
            let replacement = pick(Self.targeted[Self.key(lines[index])] ?? [])
            lines[index] = prefix + replacement
            files[path] = lines.joined(separator: "\n")
            return "line \(index + 1) \(Self.key(lines[index])) → \(Self.shown(replacement))"
        case .duplicateID:
            return duplicateID(in: path, files: &files, random: &random)
        case .duplicateEntry:
            let starts = lines.indices.filter { lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix("- ") }
            guard !starts.isEmpty else { return apply(.duplicateLine, to: path, in: &files, random: &random) }
            let start = pick(starts)
            let indent = lines[start].prefix { $0 == " " }.count
            var end = start + 1
            while end < lines.count, lines[end].isEmpty || lines[end].prefix(while: { $0 == " " }).count > indent { end += 1 }
            lines.insert(contentsOf: lines[start..<end], at: end)
            files[path] = lines.joined(separator: "\n")
            return "duplicated the list entry at lines \(start + 1)–\(end)"
        case .truncate:
            let scalars = Array(text.unicodeScalars)
            let cut = pick(scalars.count + 1)
            files[path] = String(String.UnicodeScalarView(scalars.prefix(cut)))
            return "cut after \(cut) of \(scalars.count) scalars"
        case .unclosedBlock:
            let header = pick(["::: for", "::: for site-admin", "::: except support-agent", "::: for nobody", "::: note", ":::: for site-admin"])
            lines.insert(header, at: line)
            files[path] = lines.joined(separator: "\n")
            return "inserted '\(header)' at line \(line + 1)"
        case .strayBlockEnd:
            lines.insert(pick([":::", "  :::", "> :::", "- :::"]), at: line)
            files[path] = lines.joined(separator: "\n")
            return "inserted a block end at line \(line + 1)"
        case .unknownKey:
            let keyed = lines.indices.filter { Self.keyValue(lines[$0]) != nil }
            let index = keyed.isEmpty ? line : pick(keyed)
            let indent = String(lines[index].prefix { $0 == " " })
            lines.insert(indent + pick(["bogus_key: 1", "titel: x", "ID: X", "\"\": empty", "? complex\n: key", "<<: *nope"]), at: index)
            files[path] = lines.joined(separator: "\n")
            return "inserted an unknown key at line \(index + 1)"
        case .include:
            let name = pick(["stop-rule", "escalation-path", "site-facts", "missing", Self.stem(of: path), "", "../x", "stop-rule}}"])
            lines.insert(pick(["", "  ", "> "]) + "{{> \(name)}}", at: line)
            files[path] = lines.joined(separator: "\n")
            return "inserted an include of '\(name)' at line \(line + 1)"
        case .deepNesting:
            let depth = pick([20, 33, 40, 200])
            let marker = pick(["> ", "- ", "1. ", "> - "])
            lines.insert(String(repeating: marker, count: depth) + "x", at: line)
            files[path] = lines.joined(separator: "\n")
            return "inserted \(depth) × '\(marker)' at line \(line + 1)"
        case .insertScalars:
            let scalar = pick(Self.hostileScalars)
            var characters = Array(lines[line])
            characters.insert(contentsOf: scalar, at: pick(characters.count + 1))
            lines[line] = String(characters)
            files[path] = lines.joined(separator: "\n")
            return "inserted \(Self.shown(scalar)) into line \(line + 1)"
        case .insertCRLF:
            files[path] = lines.prefix(line).joined(separator: "\r\n") + "\r\n" + lines.dropFirst(line).joined(separator: "\n")
            return "CRLF line ends before line \(line + 1)"
        case .emptyFile:
            files[path] = pick(["", "\n", "---\n", "---\n---\n", " ", "\u{FEFF}"])
            return "emptied"
        case .deleteFile:
            files[path] = nil
            return "deleted"
        case .copyFile:
            let copy = (path as NSString).deletingLastPathComponent + "/copy-" + (path as NSString).lastPathComponent
            files[copy.hasPrefix("/") ? String(copy.dropFirst()) : copy] = text
            return "copied to \(copy)"
        }
    }

    /// Makes an id repeat: the id of another role or policy, another SOP's file name as an SOP id,
    /// another playbook's id.
    private func duplicateID(in path: String, files: inout [String: String], random: inout SplitMix64) -> String {
        let text = files[path] ?? ""
        var lines = text.components(separatedBy: "\n")
        let ids = lines.indices.filter { lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix("- id: ") }
        if ids.count >= 2 {
            let target = ids[Int(random.next() % UInt64(ids.count))]
            let source = ids.first { $0 != target }!
            let id = lines[source].components(separatedBy: "id: ").last ?? ""
            lines[target] = (lines[target].components(separatedBy: "id: ").first ?? "") + "id: " + id
            files[path] = lines.joined(separator: "\n")
            return "line \(target + 1) takes the id '\(id)' of line \(source + 1)"
        }
        let siblings = paths.filter { $0 != path && ($0 as NSString).deletingLastPathComponent.split(separator: "/").first
                == (path as NSString).deletingLastPathComponent.split(separator: "/").first }
        guard let other = siblings.isEmpty ? nil : siblings[Int(random.next() % UInt64(siblings.count))] else {
            return "no id to duplicate"
        }
        let id = Self.stem(of: other)
        if lines.first == "---" {
            lines.insert("id: \(id)", at: 1)
        } else if let index = lines.firstIndex(where: { $0.hasPrefix("id: ") }) {
            lines[index] = "id: \(id)"
        } else {
            lines.insert("id: \(id)", at: 0)
        }
        files[path] = lines.joined(separator: "\n")
        return "id set to '\(id)' (the id of \(other))"
    }

    // MARK: - Helpers

    /// `key: value` with a value on the same line: the part up to the value, and the value.
    static func keyValue(_ line: String) -> (String, String)? {
        guard let colon = line.range(of: ": ") else { return nil }
        let key = line[..<colon.lowerBound].trimmingCharacters(in: .whitespaces)
        let bare = key.hasPrefix("- ") ? String(key.dropFirst(2)) : key
        guard !bare.isEmpty, bare.allSatisfy({ $0.isLetter || $0 == "_" || $0 == "-" }) else { return nil }
        let value = String(line[colon.upperBound...])
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return (String(line[..<colon.upperBound]), value)
    }

    static func key(_ line: String) -> String {
        guard let (prefix, _) = keyValue(line) else { return "" }
        return prefix.trimmingCharacters(in: CharacterSet(charactersIn: "-: "))
    }

    static func stem(of path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    /// A replacement as it can be read in a test log: escapes for controls, the length of long ones.
    static func shown(_ text: String) -> String {
        if text.count > 60 { return "\(text.count) × '\(text.prefix(1))'" }
        return "'" + text.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x2028...0x202E).contains($0.value)
            ? "\\u{\(String($0.value, radix: 16, uppercase: true))}" : String($0) }.joined() + "'"
    }
}

/// A small, fast, seedable generator (Vigna's SplitMix64): the same seed gives the same sequence on
/// every platform and Swift version, which `SystemRandomNumberGenerator` does not promise.
struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
