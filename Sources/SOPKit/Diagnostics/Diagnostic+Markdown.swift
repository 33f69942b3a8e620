import GFM

/// Markdown that cmark-gfm is not given as written, reported the same way wherever it is found.
extension Diagnostic {
    public static func markdownTooDeep(at location: SourceLocation) -> Diagnostic {
        .error(.nestingTooDeep, "Markdown nested more than \(GFMLimits.maximumNesting) levels deep (quotes and lists); flatten it", at: location)
    }

    public static func tableTooLarge(_ table: GFMLimits.Table, at location: SourceLocation, in what: String = "") -> Diagnostic {
        .error(.tableTooLarge, "\(what)this table has \(table.columns) columns and \(table.rows) rows, more than the \(GFMLimits.maximumTableCells) cells a table may have; split it", at: location)
    }
}
