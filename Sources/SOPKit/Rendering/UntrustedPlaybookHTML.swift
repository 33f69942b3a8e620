import GFM

enum UntrustedPlaybookHTML {
    /// Imported playbooks whose steps hold raw HTML that `options.unsafe_html: true` would keep
    /// if the pack's own authors had written it: the handbook leaves it out, and says so.
    static func diagnostics(in pack: Pack) -> [Diagnostic] {
        guard pack.settings.unsafeHTML else { return [] }
        return pack.playbooks.filter(\.isImported).compactMap { playbook in
            guard !GFMDocument(markdown: GFMReserved.sanitize(playbook.steps)).rawHTML.isEmpty else { return nil }
            return .warning(.rawHtml, "playbook '\(playbook.id)' came from another site, so the raw HTML in its steps is left out of the "
                            + "handbook even with options.unsafe_html: true; rewrite it in Markdown",
                            at: playbook.stepsLocation ?? playbook.location)
        }
    }
}
