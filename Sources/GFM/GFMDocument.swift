import CCmarkGFM
import Foundation

/// One Markdown text parsed once by cmark-gfm and rendered as many views as the caller needs.
///
/// This is the only file that touches the C library. The tree is kept (not converted to Swift
/// values) because each view is a handful of cheap mutations followed by cmark's own renderer:
/// hiding containers, labelling them, substituting value tokens and rewriting links. A document
/// is not thread-safe; use one per task.
public final class GFMDocument {
    private let parser: OpaquePointer
    private let root: OpaquePointer
    private let options: GFMOptions
    private let source: [UInt8]
    /// Byte offset where each line of `source` starts, for converting cmark's byte columns.
    private let lineStarts: [Int]

    private var containers: [Int: OpaquePointer] = [:]
    private var tokenNodes: [(node: OpaquePointer, literal: String, field: LiteralField)] = []
    private var linkNodes: [(node: OpaquePointer, link: GFMLink)] = []

    /// Container ids whose open and close markers ended up in different parents (a block that
    /// starts inside a list item and ends outside it, say); their content renders unwrapped.
    public private(set) var misplacedContainers: [Int] = []
    /// Every link and image destination, with where it starts.
    public private(set) var links: [GFMLink] = []
    /// For each of `links`, the ids of the containers around it, outermost first: a view that
    /// hides one of them does not show the link.
    public private(set) var linkContainers: [[Int]] = []
    /// Footnote definitions written inside a container, with where each starts: cmark moves every
    /// footnote to the end of the document, out of its container, so hiding the container would
    /// not hide it.
    public private(set) var footnotesInContainers: [(id: Int, position: GFMPosition)] = []
    /// Footnotes defined outside containers whose every reference sits inside one: the note is at
    /// the end of the page in every view, also in a view that hides each reference (and its way
    /// back leads nowhere there). For each, its first reference and the container ids around
    /// each reference, outermost first. References in a note or an image's description are not
    /// counted: neither shows a reference.
    public private(set) var footnotesReferencedInContainers: [(position: GFMPosition, containers: [[Int]])] = []

    /// Whether the container `id` became a block of its own: its markers are HTML blocks of one
    /// parent. A marker inside an indented code block or raw HTML is text, and the container's
    /// content would show in every view.
    public func hasContainer(_ id: Int) -> Bool { containers[id] != nil }
    /// Where raw HTML (blocks or inline) appears; rendered only when `allowsRawHTML` is set.
    public private(set) var rawHTML: [GFMPosition] = []
    /// The first block quote or list item nested deeper than `GFMLimits.maximumNesting`: lists
    /// nest by indentation alone, which no line-by-line check sees.
    public private(set) var tooDeep: GFMPosition?

    /// Tables too large to hand to cmark-gfm: their delimiter rows were blanked before parsing.
    public let oversizedTables: [GFMLimits.Table]

    public convenience init(markdown: String, options: GFMOptions = GFMOptions()) {
        self.init(markdown: markdown[...], options: options)
    }

    /// Parses a slice of a text (an SOP's body in its file) without copying it to a `String` first.
    public init(markdown: Substring, options: GFMOptions = GFMOptions()) {
        GFMExtensions.registerOnce()
        self.options = options
        // One copy of the bytes (the slice's own `Array(_:)` goes byte by byte).
        var source = markdown.utf8.withContiguousStorageIfAvailable { Array($0) } ?? Array(markdown.utf8)
        oversizedTables = GFMLimits.defuseTables(in: &source)
        self.source = source
        var lineStarts = [0]
        for (offset, byte) in source.enumerated() where byte == UInt8(ascii: "\n") { lineStarts.append(offset + 1) }
        self.lineStarts = lineStarts
        let parser = cmark_parser_new(options.parseFlags)!
        // cmark-gfm 0.29 switches the inline special-character table, a process-wide global, on and
        // off around every parse; two parses at once lose strikethrough and autolinks. Rendering
        // does not touch it, so only parsing is serialised.
        root = GFMExtensions.parseLock.withLock {
            for extensionPointer in GFMExtensions.all {
                cmark_parser_attach_syntax_extension(parser, extensionPointer)
            }
            source.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            }
            return cmark_parser_finish(parser)
        }
        self.parser = parser
        prepareTree()
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// Renders one view of the document to an HTML fragment.
    public func render(_ view: GFMView) -> GFMRendering {
        let links = linkNodes.map { view.rewriteLink(substituted($0.link, in: view)) }
        let html = written(view, addresses: links)
        return anchored(html, marks: HeadingAnchors.marks(in: html), for: view)
    }

    /// Renders views that show the same containers, labels and values (their `hiddenContainers`,
    /// `containerHTML` and `substitute` give what the first's do) and differ only in where their
    /// links lead and in their heading ids: a role's page and print views of an SOP, and the views
    /// of readers who may follow different links. cmark-gfm writes the fragment twice, each link
    /// that leads somewhere else in some view given a marker address (`a`–`p` in one, `A`–`P` in
    /// the other), not once per view: where the two differ is exactly where those addresses are
    /// written, and each view gets its own written there, escaped as cmark-gfm escapes them
    /// (`HrefEscaping`). Each rendering is what `render(_:)` gives for that view; if the two
    /// fragments do not differ only in whole markers, each view is rendered on its own.
    public func render(sharing views: [GFMView]) -> [GFMRendering] {
        guard let shared = views.first else { return [] }
        let substitutedLinks = linkNodes.map { substituted($0.link, in: shared) }
        let addresses = views.map { view in substitutedLinks.map(view.rewriteLink) }
        let varying = substitutedLinks.indices.filter { link in addresses.contains { $0[link] != addresses[0][link] } }
        if varying.isEmpty {
            let html = written(shared, addresses: addresses[0])
            let marks = HeadingAnchors.marks(in: html)
            return views.map { anchored(html, marks: marks, for: $0) }
        }
        // Two renderings (markers written twice) cost more than the views they replace below three.
        guard views.count > 2, varying.count < 1 << 32 else { return views.map(render) }
        func marked(_ letters: UInt8) -> [String] {
            var marked = addresses[0]
            for (number, link) in varying.enumerated() { marked[link] = LinkMarker.text(number, letters: letters) }
            return marked
        }
        let lower = written(shared, addresses: marked(UInt8(ascii: "a")))
        let upper = written(shared, addresses: marked(UInt8(ascii: "A")))
        guard let markers = LinkMarker.places(in: lower, against: upper, count: varying.count) else { return views.map(render) }
        // What each view writes for each marked link: its few distinct addresses escaped once each.
        let spliced: [[[UInt8]]] = varying.map { link in
            var escaped: [(address: String, bytes: [UInt8])] = []
            return addresses.map { views in
                let address = views[link]
                if let known = escaped.first(where: { $0.address == address }) { return known.bytes }
                let bytes = HrefEscaping.written(address, keepsDangerous: options.allowsRawHTML)
                escaped.append((address, bytes))
                return bytes
            }
        }
        // The headings are found once: a heading's text leaves its links' addresses out.
        let marks = HeadingAnchors.marks(in: lower)
        return views.indices.map { index in
            anchored(lower, marks: marks, splices: markers.map { (($0.offset..<($0.offset + LinkMarker.length)), spliced[$0.number][index]) },
                     for: views[index])
        }
    }

    /// `link` with the value tokens in its destination substituted for `view`.
    private func substituted(_ link: GFMLink, in view: GFMView) -> GFMLink {
        var substituted = link
        if link.destination.utf8.withContiguousStorageIfAvailable({ GFMReserved.holdsTokenStart(UnsafeRawBufferPointer($0)) })
            ?? link.destination.unicodeScalars.contains(GFMReserved.tokenStart) {
            substituted.destination = view.substitute(link.destination)
        }
        return substituted
    }

    /// What cmark-gfm writes for `view` with each link's address given (in `linkNodes` order), task
    /// items labelled, before the heading ids.
    private func written(_ view: GFMView, addresses: [String]) -> [UInt8] {
        for (node, literal, field) in tokenNodes {
            let value = view.substitute(literal)
            switch field {
            case .literal: cmark_node_set_literal(node, value)
            case .url: cmark_node_set_url(node, value)
            case .title: cmark_node_set_title(node, value)
            }
        }
        for ((node, _), address) in zip(linkNodes, addresses) {
            cmark_node_set_url(node, address)
        }
        var detached: [(node: OpaquePointer, parent: OpaquePointer, previous: OpaquePointer?)] = []
        for id in containers.keys.sorted() {
            guard let node = containers[id] else { continue }
            if view.hiddenContainers.contains(id) {
                if let parent = cmark_node_parent(node) {
                    detached.append((node, parent, cmark_node_previous(node)))
                    cmark_node_unlink(node)
                }
            } else {
                let (open, close) = view.containerHTML(id)
                cmark_node_set_on_enter(node, open)
                cmark_node_set_on_exit(node, close)
            }
        }
        // cmark's output is kept as bytes, not made a `String`: the task-list labels and the
        // heading ids are written on these bytes, and the rendering keeps them
        // (`GFMRendering.bytes`). cmark was given valid UTF-8, but does not always write it: its
        // encoder writes U+FFFF and U+FFFE (`&#xFFFF;`) as the single bytes FF and FE (helper 49),
        // so the bytes are checked and any invalid sequence replaced by U+FFFD, as a `String`
        // would have (and the old output did).
        let raw = cmark_render_html(root, options.renderFlags, cmark_parser_get_syntax_extensions(parser))
        var html: [UInt8] = UTF8Bytes.repaired(raw.map { pointer in
            Array(UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)))
        } ?? [])
        free(raw)
        // Every label's target holds a checkbox: one search settles a fragment without task items.
        if options.labelsTaskItems, UTF8Bytes.find(Self.checkbox, in: html, from: 0) != nil {
            // The item gets a class so a stylesheet can drop its bullet without `li:has(…)`,
            // which the Nu checker's CSS parser does not read; the checkbox gets a name.
            html = Self.labellingTaskItems(html)
        }
        for (node, parent, previous) in detached.reversed() {
            if let previous {
                cmark_node_insert_after(previous, node)
            } else {
                cmark_node_prepend_child(parent, node)
            }
        }
        return html
    }

    /// `html`, whose heading markers are `marks`, with `splices` written in and the heading ids of `view`.
    private func anchored(_ html: [UInt8], marks: HeadingAnchors.Marks, splices: [(range: Range<Int>, bytes: [UInt8])] = [],
                          for view: GFMView) -> GFMRendering {
        HeadingAnchors.anchored(html, marks: marks, splices: splices, idPrefix: view.headingIDPrefix, reservedIDs: view.reservedIDs,
                                unprefixedReservedIDs: view.unprefixedReservedIDs)
    }

    private static let checkbox = Array("<input type=\"checkbox\"".utf8)
    private static let listItem = Array("<li>".utf8)
    private static let taskItem = Array("<li class=\"task\">".utf8)
    /// What follows `checkbox` in cmark-gfm's ticked and unticked boxes, and what it becomes.
    private static let boxEnds: [(end: [UInt8], labelled: [UInt8])] = [
        (" checked=\"\" disabled=\"\" />", " checked=\"\" disabled=\"\" aria-label=\"Done\" />"),
        (" disabled=\"\" />", " disabled=\"\" aria-label=\"Not done\" />"),
    ].map { (Array($0.utf8), Array($1.utf8)) }

    /// `html` with each task item's `<li>` given the class `task` and each box its label, in one
    /// pass: every change is next to a checkbox (three passes, one per change, copied each view
    /// three times).
    static func labellingTaskItems(_ html: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(html.count + 256)
        var copiedUpTo = 0
        var from = 0
        while let found = UTF8Bytes.find(checkbox, in: html, from: from) {
            if found - listItem.count >= copiedUpTo, html[(found - listItem.count)..<found].elementsEqual(listItem) {
                output += html[copiedUpTo..<(found - listItem.count)]
                output += taskItem
            } else {
                output += html[copiedUpTo..<found]
            }
            output += checkbox
            copiedUpTo = found + checkbox.count
            from = copiedUpTo
            for (end, labelled) in boxEnds where html[copiedUpTo...].starts(with: end) {
                output += labelled
                copiedUpTo += end.count
                from = copiedUpTo
                break
            }
        }
        output += html[copiedUpTo...]
        return output
    }

    /// Whether `markdown` may hold a link or image, before parsing it: one is written `[…](…)`,
    /// `[…][…]` with a `[…]: …` definition, or `<scheme:…>`.
    public static func mayHoldLinks(_ markdown: some StringProtocol) -> Bool {
        markdown.contains("](") || markdown.contains("]:") || markdown.contains("<")
    }

    /// Whether the text is one paragraph from its first character, without raw HTML and without
    /// a link or image address the HTML renderer empties (`DroppedLinks`): Markdown that means
    /// the same written after a list item's marker among other items (its lines after the first
    /// indented into the item), and that any Markdown renderer shows as the HTML page does. A
    /// link reference definition would reach every other item, and raw HTML or a `javascript:`
    /// link would run wherever the file is rendered next; so would a `<` before a letter that
    /// cmark-gfm reads as text but a laxer renderer as a tag (an autolink is not plain either).
    /// Read on the tree as parsed: ask before rendering a view.
    public var isPlainParagraph: Bool {
        // A `<` that could open a tag in some renderer: cmark-gfm reads `<x\u{A0}y onfocus=…>` as
        // text, markdown-it as a tag whose attributes run (helper 52). Not one escaped by `\`.
        for (index, byte) in source.enumerated() where byte == UInt8(ascii: "<") && index + 1 < source.count {
            let next = source[index + 1]
            guard (next | 0x20) >= UInt8(ascii: "a") && (next | 0x20) <= UInt8(ascii: "z") || next == UInt8(ascii: "/")
                    || next == UInt8(ascii: "!") || next == UInt8(ascii: "?") else { continue }
            let backslashes = source[..<index].reversed().prefix { $0 == UInt8(ascii: "\\") }.count
            if backslashes.isMultiple(of: 2) { return false }
        }
        guard rawHTML.isEmpty,
              !links.contains(where: { DroppedLinks.scheme(of: $0.destination) != nil }),
              let first = cmark_node_first_child(root), cmark_node_next(first) == nil,
              cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH,
              cmark_node_get_start_line(first) == 1, cmark_node_get_start_column(first) == 1 else { return false }
        // A link reference definition at its start is taken out of the paragraph, which keeps its
        // place: each line the paragraph still holds ends in a break, so one line fewer is one
        // taken (a line break inside a code span or a link title is not counted either: such an
        // item is taken for one that is not plain, the safe way).
        var lineEnds = 0
        var previous: UInt8 = 0
        for byte in source {
            if byte == UInt8(ascii: "\n") ? previous != UInt8(ascii: "\r") : byte == UInt8(ascii: "\r") { lineEnds += 1 }
            previous = byte
        }
        if source.last == UInt8(ascii: "\n") || source.last == UInt8(ascii: "\r") { lineEnds -= 1 }
        var breaks = 0
        let iterator = cmark_iter_new(first)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            let type = cmark_node_get_type(cmark_iter_get_node(iterator))
            if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK { breaks += 1 }
        }
        return breaks == lineEnds
    }

    /// Renders Markdown with the default view: what `sopgen render` prints.
    public static func html(from markdown: String, options: GFMOptions = GFMOptions()) -> String {
        GFMDocument(markdown: markdown, options: options).render(GFMView()).html
    }

    // MARK: - Preparing the tree once

    private enum LiteralField { case literal, url, title }

    private func prepareTree() {
        var opens: [(id: Int, node: OpaquePointer)] = []
        var closes: [Int: OpaquePointer] = [:]
        var headings: [OpaquePointer] = []
        var footnotes: [GFMPosition] = []
        // cmark-gfm numbers a footnote's references with the footnote's number (their literal) and
        // moves the definitions to the end in that order: the k-th definition is footnote k.
        var footnoteReferences: [(number: String, node: OpaquePointer)] = []
        // Inside a note or an image's description, a reference shows nowhere.
        var hiddenDepth = 0
        // Inside an image's description, a link or image is only its text.
        var imageDepth = 0

        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        var nesting = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_ITEM {
                nesting += event == CMARK_EVENT_ENTER ? 1 : -1
                if nesting > GFMLimits.maximumNesting, tooDeep == nil { tooDeep = position(of: node) }
            }
            if type == CMARK_NODE_FOOTNOTE_DEFINITION || type == CMARK_NODE_IMAGE {
                hiddenDepth += event == CMARK_EVENT_ENTER ? 1 : event == CMARK_EVENT_EXIT ? -1 : 0
                if event == CMARK_EVENT_EXIT {
                    if type == CMARK_NODE_IMAGE { imageDepth -= 1 }
                    continue
                }
            }
            guard event == CMARK_EVENT_ENTER else { continue }
            switch type {
            case CMARK_NODE_HTML_BLOCK:
                let literal = string(cmark_node_get_literal(node))
                if let marker = GFMReserved.containerMarker(in: literal) {
                    if marker.isOpen { opens.append((marker.id, node)) } else { closes[marker.id] = node }
                } else {
                    rawHTML.append(position(of: node))
                    noteTokens(node, cmark_node_get_literal(node), .literal)
                }
            case CMARK_NODE_HTML_INLINE:
                rawHTML.append(position(of: node))
                noteTokens(node, cmark_node_get_literal(node), .literal)
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                noteTokens(node, cmark_node_get_literal(node), .literal)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let link = GFMLink(destination: string(cmark_node_get_url(node)),
                                   isImage: cmark_node_get_type(node) == CMARK_NODE_IMAGE, position: position(of: node),
                                   isInImageDescription: imageDepth > 0)
                if type == CMARK_NODE_IMAGE { imageDepth += 1 }
                linkNodes.append((node, link))
                links.append(link)
                noteTokens(node, cmark_node_get_title(node), .title)
            case CMARK_NODE_HEADING:
                headings.append(node)
            case CMARK_NODE_FOOTNOTE_DEFINITION:
                footnotes.append(position(of: node))
            case CMARK_NODE_FOOTNOTE_REFERENCE where hiddenDepth == 0:
                footnoteReferences.append((string(cmark_node_get_literal(node)), node))
            default:
                break
            }
        }

        for heading in headings {
            let marker = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
            cmark_node_set_on_enter(marker, GFMReserved.headingMarker)
            cmark_node_prepend_child(heading, marker)
        }
        for (id, open) in opens {
            let close = closes.removeValue(forKey: id)
            if let close {
                let (first, last) = (Int(cmark_node_get_start_line(open)), Int(cmark_node_get_start_line(close)))
                for footnote in footnotes where footnote.line > first && footnote.line < last {
                    footnotesInContainers.append((id, footnote))
                }
            }
            guard let close, cmark_node_parent(close) == cmark_node_parent(open) else {
                misplacedContainers.append(id)
                cmark_node_free(open)
                close.map { cmark_node_free($0) }
                continue
            }
            let container = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
            cmark_node_insert_before(open, container)
            var sibling = cmark_node_next(open)
            while let current = sibling, current != close {
                sibling = cmark_node_next(current)
                cmark_node_append_child(container, current)
            }
            cmark_node_free(open)
            cmark_node_free(close)
            containers[id] = container
        }
        for (id, orphan) in closes {
            misplacedContainers.append(id)
            cmark_node_free(orphan)
        }
        misplacedContainers.sort()
        footnotesReferencedInContainers = referencedInside(footnoteReferences, definitions: footnotes,
                                                           definedInside: Set(footnotesInContainers.map(\.position.line)))
        placeAutolinks()
        linkContainers = containersAround(linkNodes.map(\.node))
    }

    /// `footnotesReferencedInContainers` from every shown reference (cmark-gfm gives a reference
    /// its footnote's number as its literal, and the k-th definition is footnote k), leaving out
    /// footnotes defined inside a container (reported as such).
    private func referencedInside(_ references: [(number: String, node: OpaquePointer)], definitions: [GFMPosition],
                                  definedInside: Set<Int>) -> [(position: GFMPosition, containers: [[Int]])] {
        guard !containers.isEmpty, !references.isEmpty else { return [] }
        let around = containersAround(references.map(\.node))
        var byNumber: [String: (position: GFMPosition, containers: [[Int]])] = [:]
        var order: [String] = []
        for (reference, containers) in zip(references, around) {
            if byNumber[reference.number] == nil {
                byNumber[reference.number] = (position(of: reference.node), [])
                order.append(reference.number)
            }
            byNumber[reference.number]!.containers.append(containers)
        }
        return order.compactMap { number in
            guard let found = byNumber[number], found.containers.allSatisfy({ !$0.isEmpty }) else { return nil }
            if let k = Int(number), k >= 1, k <= definitions.count, definedInside.contains(definitions[k - 1].line) { return nil }
            return found
        }
    }

    /// The container ids around each of `nodes`, outermost first (none when there are no containers).
    private func containersAround(_ nodes: [OpaquePointer]) -> [[Int]] {
        guard !containers.isEmpty else { return Array(repeating: [], count: nodes.count) }
        let ids = Dictionary(containers.map { ($0.value, $0.key) }) { first, _ in first }
        return nodes.map { node in
            var around: [Int] = []
            var current = cmark_node_parent(node)
            while let parent = current {
                if let id = ids[parent] { around.append(id) }
                current = cmark_node_parent(parent)
            }
            return around.reversed()
        }
    }

    /// Notes a node whose literal holds a value token. Most literals hold none: they are looked
    /// through as cmark keeps them (for the token start's UTF-8), and only one that holds a token
    /// becomes a `String`.
    private func noteTokens(_ node: OpaquePointer, _ literal: UnsafePointer<CChar>?, _ field: LiteralField) {
        guard let literal, GFMReserved.holdsTokenStart(UnsafeRawBufferPointer(start: literal, count: strlen(literal))) else { return }
        tokenNodes.append((node, String(cString: literal), field))
    }

    /// The last column converted: nodes come in document order, so counting on from here keeps
    /// a line of twenty thousand links linear, not quadratic.
    private var lastColumn = (line: 0, byte: 0, scalars: 0)

    private func position(of node: OpaquePointer) -> GFMPosition {
        position(line: Int(cmark_node_get_start_line(node)), byteColumn: Int(cmark_node_get_start_column(node)))
    }

    /// cmark-gfm gives a `<…>` autolink the column of its place in the paragraph's text, not in
    /// its line: wrong on a wrapped line (`Count.\nThen <x:y>` said 13, not 6) and on an
    /// indented one. A line's autolinks are matched, in order, with the `<text>`s on it that can
    /// be links when they are as many; otherwise cmark-gfm's column stays, so that a link is
    /// never placed on something else and no two links share a place (helpers 43 and 44). An
    /// autolink is a link of one text, the address itself, that cmark-gfm does not place at a
    /// `[` (an inline or reference link whose text is its address is placed there); a `<text>`
    /// after a backslash, inside a code span or an HTML comment is not a link.
    private func placeAutolinks() {
        var groups: [String: (line: Int, text: String, members: [Int])] = [:]
        for (index, entry) in linkNodes.enumerated() where cmark_node_get_type(entry.node) == CMARK_NODE_LINK {
            guard let child = cmark_node_first_child(entry.node), cmark_node_next(child) == nil,
                  cmark_node_get_type(child) == CMARK_NODE_TEXT else { continue }
            let text = string(cmark_node_get_literal(child))
            guard !text.isEmpty, entry.link.destination == text || entry.link.destination == "mailto:" + text else { continue }
            let line = Int(cmark_node_get_start_line(entry.node)), column = Int(cmark_node_get_start_column(entry.node))
            guard line >= 1, line <= lineStarts.count, column >= 1 else { continue }
            let at = lineStarts[line - 1] + column - 1
            if at < source.count, source[at] == UInt8(ascii: "[") { continue }
            groups["\(line) \(text)", default: (line, text, [])].members.append(index)
        }
        for (line, text, members) in groups.values {
            let end = line < lineStarts.count ? lineStarts[line] : source.count
            let bytes = Array(source[lineStarts[line - 1]..<end])
            let needle = [UInt8(ascii: "<")] + Array(text.utf8) + [UInt8(ascii: ">")]
            var found: [Int] = []
            var from = 0
            while found.count <= members.count, let offset = UTF8Bytes.find(needle, in: bytes, from: from) {
                if Self.canBeLink(at: offset, in: bytes) { found.append(offset) }
                from = offset + needle.count
            }
            guard found.count == members.count else { continue }
            for (index, offset) in zip(members, found) {
                linkNodes[index].link.position = position(line: line, byteColumn: offset + 1)
                links[index].position = linkNodes[index].link.position
            }
        }
    }

    /// Whether a `<` at `offset` in a line can open an autolink: not escaped, not inside a code
    /// span (an odd number of backticks before it on the line) or an HTML comment opened before it.
    private static func canBeLink(at offset: Int, in line: [UInt8]) -> Bool {
        if offset > 0, line[offset - 1] == UInt8(ascii: "\\") { return false }
        let before = Array(line[..<offset])
        if !before.filter({ $0 == UInt8(ascii: "`") }).count.isMultiple(of: 2) { return false }
        func last(_ needle: String) -> Int? {
            var result: Int?, from = 0
            while let found = UTF8Bytes.find(Array(needle.utf8), in: before, from: from) { (result, from) = (found, found + 1) }
            return result
        }
        if let opened = last("<!--"), last("-->").map({ $0 < opened }) ?? true { return false }
        return true
    }

    private func position(line: Int, byteColumn: Int) -> GFMPosition {
        guard line >= 1, line <= lineStarts.count, byteColumn >= 1 else {
            return GFMPosition(line: max(line, 1), column: max(byteColumn, 1))
        }
        let start = lineStarts[line - 1]
        let end = min(start + byteColumn - 1, source.count)
        var (from, scalars) = (start, 0)
        if lastColumn.line == line, lastColumn.byte <= end {
            (from, scalars) = (lastColumn.byte, lastColumn.scalars)
        }
        scalars += source[from..<end].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        lastColumn = (line, end, scalars)
        return GFMPosition(line: line, column: scalars + 1)
    }

    private func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}

/// The syntax extensions every document gets: the five of GitHub's own renderer.
private enum GFMExtensions {
    static let names = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    nonisolated(unsafe) static let all: [OpaquePointer] = {
        cmark_gfm_core_extensions_ensure_registered()
        return names.compactMap { cmark_find_syntax_extension($0) }
    }()

    static func registerOnce() { _ = all }

    static let parseLock = NSLock()
}

extension GFMOptions {
    var parseFlags: Int32 {
        CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES | (allowsRawHTML ? CMARK_OPT_UNSAFE : 0)
    }

    var renderFlags: Int32 {
        CMARK_OPT_FOOTNOTES | (allowsRawHTML ? CMARK_OPT_UNSAFE : 0)
    }
}
