/// Every snippet measured once, in time linear in the snippets' size: how deep its includes nest,
/// and how long it is with its includes pasted in (indentation included). A snippet that nests too
/// deep or grows too long is reported once, at the include where it crosses the limit; snippets
/// that include it, and the SOPs and checklists that do, only skip it. So ten includes of ten
/// includes of … (an include bomb) are refused before anything is expanded.
struct IncludeGraph: Sendable {
    /// Snippets within snippets: no real pack nests more than a few.
    static let maximumDepth = 16
    /// An SOP with its snippets pasted in may be as long as one file may be.
    static let maximumSize = PackLoader.maximumFileSize

    /// One snippet, or a template that includes snippets, with its includes pasted in.
    struct Measure: Sendable {
        /// Snippet levels, counting this one: a snippet that includes nothing is 1.
        var depth = 1
        /// Bytes and lines of text, capped just above `maximumSize`.
        var bytes = 0
        var lines = 0
        /// Set when the snippet cannot be expanded: its own problem or one it includes.
        var isBroken = false
    }

    struct Include: Sendable {
        var name: Located<String>
        var indentation: Int
    }

    let snippets: [String: Template]
    private(set) var measures: [String: Measure] = [:]
    /// Too deep or too long, at the include in a snippet where the limit is crossed.
    private(set) var diagnostics: [Diagnostic] = []

    init(snippets: [String: Template]) {
        self.snippets = snippets
        measureAll()
    }

    /// The snippet to paste for `name`, unless it is missing or broken (which is reported elsewhere).
    func expandable(_ name: String) -> Template? {
        guard measures[name]?.isBroken == false else { return nil }
        return snippets[name]
    }

    /// Each item of `checklist` with its snippets pasted in, the includes that would take the
    /// items past `maximumSize` left out (`oversizedIncludes`): the text every checklist check
    /// and the renderer read.
    func expandedItems(of checklist: Checklist) -> [ExpandedMarkdown] {
        let skipped = oversizedIncludes(in: checklist.items.map(\.text), name: checklist.path).skipped
        return checklist.items.map { SOPExpander.expand($0.text, graph: self, skipped: skipped).trimmed() }
    }

    /// Includes in `templates` (read as one text: an SOP, or a checklist's items) that would take
    /// it past `maximumSize`: the first is reported, and all of them are skipped when expanding.
    func oversizedIncludes(in templates: [Template], name: String) -> (diagnostics: [Diagnostic], skipped: Set<SourceLocation>) {
        // Most SOPs include nothing: nothing to measure then (validate and resolve both ask).
        guard templates.contains(where: Self.includesAny) else { return ([], []) }
        var total = Measure()
        var diagnostics: [Diagnostic] = []
        var skipped: Set<SourceLocation> = []
        for template in templates {
            let (own, includes) = Self.scan(template)
            total.bytes = Self.capped(total.bytes + own.bytes)
            total.lines = Self.capped(total.lines + own.lines)
            for include in includes {
                guard let measure = measures[include.name.value], !measure.isBroken else { continue }
                let pasted = Self.pasted(measure, indentation: include.indentation)
                if total.bytes + pasted.bytes > Self.maximumSize {
                    if diagnostics.isEmpty { diagnostics.append(Self.tooLarge(include, in: name)) }
                    skipped.insert(include.name.location)
                    continue
                }
                total.bytes += pasted.bytes
                total.lines = Self.capped(total.lines + pasted.lines)
            }
        }
        return (diagnostics, skipped)
    }

    // MARK: - Measuring

    /// Depth-first over the snippets with an explicit stack (a chain of thousands must not exhaust
    /// the thread's stack); each snippet is measured once, after everything it includes.
    private mutating func measureAll() {
        enum Mark { case inProgress, done }
        var marks: [String: Mark] = [:]
        var scans: [String: (own: Measure, includes: [Include])] = [:]
        for root in snippets.keys.sorted() where marks[root] == nil {
            var stack: [(name: String, next: Int)] = [(root, 0)]
            marks[root] = .inProgress
            scans[root] = Self.scan(snippets[root]!)
            while let (name, next) = stack.last {
                let includes = scans[name]!.includes
                if next < includes.count {
                    stack[stack.count - 1].next += 1
                    let child = includes[next].name.value
                    guard snippets[child] != nil, marks[child] == nil else { continue }
                    marks[child] = .inProgress
                    scans[child] = Self.scan(snippets[child]!)
                    stack.append((child, 0))
                    continue
                }
                stack.removeLast()
                // A child still in progress closes a cycle (IncludeCycleChecks reports it).
                let inCycle = includes.contains { marks[$0.name.value] == .inProgress }
                let measure = combine(name, scans[name]!, inCycle: inCycle)
                measures[name] = measure
                marks[name] = .done
            }
        }
    }

    /// A snippet's measure from its own text and its includes' measures.
    private mutating func combine(_ name: String, _ scan: (own: Measure, includes: [Include]), inCycle: Bool) -> Measure {
        var measure = scan.own
        measure.isBroken = inCycle
        for include in scan.includes where !measure.isBroken {
            // Missing snippets are reported by the reference checks; they add nothing.
            guard let child = measures[include.name.value] else { continue }
            if child.isBroken {
                measure.isBroken = true
                break
            }
            if child.depth >= Self.maximumDepth {
                diagnostics.append(.error(.includeTooDeep, "'{{> \(include.name.value)}}' nests snippets more than \(Self.maximumDepth) deep: \(chain(from: name, through: include.name.value)); flatten the chain", at: include.name.location))
                measure.isBroken = true
                break
            }
            let pasted = Self.pasted(child, indentation: include.indentation)
            if measure.bytes + pasted.bytes > Self.maximumSize {
                diagnostics.append(Self.tooLarge(include, in: "snippet '\(name)'"))
                measure.isBroken = true
                break
            }
            measure.depth = max(measure.depth, child.depth + 1)
            measure.bytes += pasted.bytes
            measure.lines = Self.capped(measure.lines + pasted.lines)
        }
        return measure
    }

    /// `start → child → …`, following the deepest include of each snippet.
    private func chain(from start: String, through child: String) -> String {
        var names = [start, child]
        var current = child
        while let template = snippets[current], let next = Self.scan(template).includes
            .compactMap({ include in measures[include.name.value].map { (include.name.value, $0.depth) } })
            .max(by: { $0.1 < $1.1 })?.0 {
            names.append(next)
            current = next
        }
        return names.joined(separator: " → ")
    }

    private static func tooLarge(_ include: Include, in name: String) -> Diagnostic {
        .error(.includeTooLarge, "'{{> \(include.name.value)}}' makes \(name) longer than \(maximumSize / 1_048_576) MiB with its snippets pasted in; include less", at: include.name.location)
    }

    /// A measure pasted at `indentation`: every line gets the indentation.
    private static func pasted(_ measure: Measure, indentation: Int) -> Measure {
        var result = measure
        result.bytes = capped(measure.bytes + capped(indentation) * measure.lines)
        return result
    }

    private static func capped(_ value: Int) -> Int { min(value, maximumSize + 1) }

    /// Whether `template` includes a snippet anywhere, role blocks included.
    static func includesAny(_ template: Template) -> Bool {
        var pending: [ArraySlice<Template.Piece>] = [template.pieces[...]]
        while let pieces = pending.popLast() {
            for piece in pieces {
                switch piece {
                case .include: return true
                case .roleBlock(let block): pending.append(block.body[...])
                case .text, .value: continue
                }
            }
        }
        return false
    }

    /// A template's own text (values at their written width) and its includes, in order. Role
    /// blocks are walked with a stack; the parser keeps them shallow, but this costs nothing.
    /// The snippets `templates` include, directly or through other snippets (each once, cycles
    /// and unknown names ignored).
    static func reached(from templates: [Template], snippets: [String: Template]) -> Set<String> {
        var reached: Set<String> = []
        var pending = templates
        while let template = pending.popLast() {
            for include in scan(template).includes where reached.insert(include.name.value).inserted {
                if let snippet = snippets[include.name.value] { pending.append(snippet) }
            }
        }
        return reached
    }

    static func scan(_ template: Template) -> (own: Measure, includes: [Include]) {
        var own = Measure()
        var includes: [Include] = []
        var pending: [ArraySlice<Template.Piece>] = [template.pieces[...]]
        while var pieces = pending.popLast() {
            while let piece = pieces.popFirst() {
                switch piece {
                case .text(let text):
                    own.bytes = capped(own.bytes + text.value.utf8.count)
                    own.lines = capped(own.lines + text.value.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) })
                case .value(_, let width):
                    own.bytes = capped(own.bytes + width)
                case .include(let name, let indentation):
                    includes.append(Include(name: name, indentation: indentation.utf8.count))
                    own.lines = capped(own.lines + 1)
                case .roleBlock(let block):
                    pending.append(pieces)
                    pieces = block.body[...]
                }
            }
        }
        return (own, includes)
    }
}
