/// The theme's templates checked before swift-mustache parses or renders them: its parser and
/// renderer recurse once per section and per partial, so a template that includes itself, or
/// nests thousands deep, would crash them. Each such template is reported and left out of the
/// library (a reference to it then renders as nothing, and is not reported again).
struct ThemeChecks {
    /// Sections and partials, counted together along the deepest path a page renders. The
    /// default theme needs about ten.
    static let maximumDepth = 32
    /// Templates rendered for one render of a template, counting each partial every time it is
    /// named (two partials each naming the next twice, 28 deep, are 2^28 renders per page: a
    /// build that never ends). The default theme's pages render at most a dozen.
    static let maximumRenders = 1_000

    struct Template {
        var name: String
        var path: String
        var outline: MustacheOutline
    }

    private(set) var diagnostics: [Diagnostic] = []
    /// Templates not to hand to swift-mustache.
    private(set) var refused: Set<String> = []

    init(_ templates: [Template]) {
        let byName = Dictionary(templates.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for template in templates {
            if let location = template.outline.badDelimiter {
                refuse(template.name, .error(.templateSyntax, "set delimiters as two words of up to \(MustacheOutline.longestDelimiter) characters, like '{{=<% %>=}}'", at: location))
            } else if let location = template.outline.tooDeep {
                refuse(template.name, .error(.templateTooDeep, "Mustache sections nested more than \(Self.maximumDepth) levels deep; flatten them", at: location))
            } else if let location = template.outline.parentInOverride {
                refuse(template.name, .error(.partialCycle, "a parent inside a block override of a parent can render itself without end (the outer override wins each time); move it out of the override", at: location))
            } else if let dynamic = template.outline.references.first(where: \.isDynamic) {
                refuse(template.name, .error(.dynamicPartial, "'\(dynamic.name.value)' would name the partial at render time, where sopgen cannot check it for loops; name the partial itself", at: dynamic.name.location))
            }
        }
        let graph = NameGraph(byName.filter { !refused.contains($0.key) }.mapValues { $0.outline.references.map(\.name) })
        for group in graph.cycles() {
            if let cycle = graph.cycle(in: group) {
                diagnostics.append(.error(.partialCycle, "template includes itself: \(cycle.names.joined(separator: " → ")); Mustache would never finish rendering it", at: cycle.location))
            }
            refused.formUnion(group)
        }
        checkDepth(byName)
    }

    private mutating func refuse(_ name: String, _ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
        refused.insert(name)
    }

    /// Depth-first over the partials with an explicit stack, each template measured once: its
    /// depth is the deepest of its own sections and of each partial's depth below the sections
    /// the partial stands in. The first partial that takes a template past the limit is reported.
    private mutating func checkDepth(_ byName: [String: Template]) {
        var depths: [String: Int] = [:]
        var renders: [String: Int] = [:]
        for root in byName.keys.sorted() where depths[root] == nil && !refused.contains(root) {
            var work: [(name: String, next: Int)] = [(root, 0)]
            var onPath: Set<String> = [root]
            while let (name, next) = work.last {
                let references = byName[name]!.outline.references
                if next < references.count {
                    work[work.count - 1].next += 1
                    let target = references[next].name.value
                    if byName[target] != nil, !refused.contains(target), depths[target] == nil, onPath.insert(target).inserted {
                        work.append((target, 0))
                    }
                    continue
                }
                work.removeLast()
                onPath.remove(name)
                var depth = byName[name]!.outline.deepest
                var count = 1
                for reference in references {
                    guard let below = depths[reference.name.value] else { continue }
                    if reference.depth + 1 + below > Self.maximumDepth {
                        refuse(name, .error(.templateTooDeep, "'\(reference.name.value)' takes '\(name)' past \(Self.maximumDepth) levels of sections and partials; flatten them", at: reference.name.location))
                        break
                    }
                    depth = max(depth, reference.depth + 1 + below)
                    count += renders[reference.name.value] ?? 1
                    if count > Self.maximumRenders {
                        refuse(name, .error(.templateTooDeep, "'\(name)' renders more than \(Self.maximumRenders) templates (partials naming partials, each as often as it is named), so a page would take without end; name fewer partials", at: reference.name.location))
                        break
                    }
                }
                if !refused.contains(name) {
                    depths[name] = depth
                    renders[name] = count
                }
            }
        }
    }
}
