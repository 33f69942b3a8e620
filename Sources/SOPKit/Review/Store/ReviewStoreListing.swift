import Foundation

/// `sopgen review --list`: what the review store holds, one line per ingested export (the day it
/// was ingested, the export, the days its events cover, rows read and kept). Never creates the store.
public enum ReviewStoreListing {
    public static func text(_ location: ReviewStore.Location, packRoot: URL) throws -> String {
        let store: ReviewStore
        switch Result(catching: { () throws(ReviewStoreFailure) in try ReviewStore.open(location, packRoot: packRoot, create: false) }) {
        case .success(let opened): store = opened
        case .failure(.missing(let path)):
            return "No review store yet at \(path): review an export to start one (sopgen review EXPORT)."
        case .failure(let failure): throw failure
        }
        let ingests = try store.ingests()
        let totals = try store.totals()
        var lines: [String] = []
        let span = zip(totals.first, totals.last).map { first, last in
            " from \(CalendarDate(secondsSince1970: Int(first))) to \(CalendarDate(secondsSince1970: Int(last))) (UTC)"
        } ?? ""
        lines.append("Review store \(store.shownPath) (schema \(ReviewStoreSchema.version)): \(Counted.text(Int(totals.events), "event"))\(span), \(Counted.text(ingests.count, "export")) ingested")
        guard !ingests.isEmpty else { return lines.joined(separator: "\n") }
        let rows: [[String]] = [["ingested", "export", "days", "rows", "new", "duplicates", "already stored", "malformed"]]
            + ingests.map { ingest in
                let days = zip(ingest.firstDay, ingest.lastDay).map { "\($0) to \($1)" } ?? "no events"
                return [ingest.day, ingest.export, days, "\(ingest.rows)", "\(ingest.added)", "\(ingest.duplicates)",
                        "\(ingest.alreadyStored)", "\(ingest.malformed)"]
            }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            lines.append(row.enumerated().map { column, text in
                column >= 3 ? String(repeating: " ", count: widths[column] - text.count) + text
                    : text + String(repeating: " ", count: widths[column] - text.count)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
        }
        return lines.joined(separator: "\n")
    }
}

/// Both values, or nil.
private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
