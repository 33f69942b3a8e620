import Foundation
import Yams

/// `sopgen review --record`: writes `reviews/<date>.yml` into the pack through `PackFileStore`
/// (atomically, never through a link, never outside the pack). A record of the same day that
/// sopgen wrote is replaced; a file there that sopgen did not write is refused.
struct ReviewRecordWriter {
    static let header = "# Written by `sopgen review --record`. check warns sop-update-due for each flagged SOP until its\n"
        + "# last_reviewed is after this review's date.\n"

    enum Failure: Error, CustomStringConvertible {
        case notOurs(String)
        case store(PackFileError)

        var description: String {
            switch self {
            case .notOurs(let path): "\(path) exists and sopgen did not write it; move it away or record on another day (--today)"
            case .store(let error): error.description
            }
        }
    }

    let packRoot: URL

    /// The record's text: stable for the same report.
    static func text(_ report: ReviewReport) -> String {
        var counts: [String: Int] = [:]
        for finding in report.findings { counts["\(finding.code.rawValue)\u{0}\(finding.role ?? "")", default: 0] += 1 }
        let findings: [Node] = counts.keys.sorted().map { key in
            let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
            var pairs: [(Node, Node)] = [(YAMLValue.text("code"), YAMLValue.text(parts[0]))]
            if !parts[1].isEmpty { pairs.append((YAMLValue.text("role"), YAMLValue.text(parts[1]))) }
            pairs.append((YAMLValue.text("count"), Node(String(counts[key]!), Tag(.int))))
            return Node(pairs)
        }
        let flagged: [Node] = report.flaggedSOPs.map { sop in
            Node([(YAMLValue.text("id"), YAMLValue.text(sop.id)),
                  (YAMLValue.text("codes"), Node(sop.codes.map { YAMLValue.text($0.rawValue) }, Tag(.seq), .flow))])
        }
        let root = Node([
            (YAMLValue.text("date"), YAMLValue.text(report.date.description)),
            (YAMLValue.text("from"), YAMLValue.text(report.window.from.description)),
            (YAMLValue.text("to"), YAMLValue.text(report.window.to.description)),
            (YAMLValue.text("export"), YAMLValue.text(PathText.name(report.export))),
            (YAMLValue.text("events"), Node(String(report.counts.events), Tag(.int))),
            (YAMLValue.text("findings"), Node(findings, Tag(.seq))),
            (YAMLValue.text("flagged_sops"), Node(flagged, Tag(.seq))),
        ])
        // Ids, codes, dates and counts only: serializing them cannot fail.
        let body = (try? Yams.serialize(node: root, width: -1, allowUnicode: true)) ?? ""
        return header + body
    }

    /// Refuses what `write` would refuse for the record of `date` (a file there sopgen did not
    /// write, a link, a `reviews` folder outside the pack), so `review --record` says it before
    /// the export is read.
    func check(date: CalendarDate) throws(Failure) {
        try checkExisting("\(date).yml", in: PackFileStore(root: packRoot, folder: "reviews"))
    }

    /// Writes the record; returns its pack-relative path.
    func write(_ report: ReviewReport) throws(Failure) -> String {
        let name = "\(report.date).yml"
        let store = PackFileStore(root: packRoot, folder: "reviews")
        try checkExisting(name, in: store)
        do {
            try store.replace(name, with: Data(Self.text(report).utf8))
        } catch {
            throw .store(error)
        }
        return "reviews/\(name)"
    }

    private func checkExisting(_ name: String, in store: PackFileStore) throws(Failure) {
        let existing: Data?
        do {
            existing = try store.contents(of: name)
        } catch {
            throw .store(error)
        }
        if let existing, !String(decoding: existing, as: UTF8.self).hasPrefix(Self.header) {
            throw .notOurs("reviews/\(name)")
        }
    }
}
