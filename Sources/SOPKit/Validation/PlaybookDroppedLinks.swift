import GFM

/// Links a playbook's steps lose (`DroppedLinks`): its own steps' unless the pack has
/// `options.unsafe_html: true`, an imported playbook's always (another site's steps are never
/// trusted). Reported at the link, as remote images in the steps are.
enum PlaybookDroppedLinks {
    static func check(_ pack: Pack) -> [Diagnostic] {
        pack.playbooks.flatMap { playbook -> [Diagnostic] in
            guard !playbook.trustsHTML(in: pack.settings), GFMDocument.mayHoldLinks(playbook.steps) else { return [] }
            return GFMDocument(markdown: GFMReserved.sanitize(playbook.steps)).links.compactMap { link in
                guard !link.isInImageDescription, let scheme = DroppedLinks.scheme(of: link.destination) else { return nil }
                return SOPViewRenderer.unsafeLink(to: link.destination, schemes: [scheme], image: link.isImage,
                                                  detail: " in playbook '\(playbook.id)'",
                                                  fromAnotherSite: playbook.isImported,
                                                  at: playbook.location(inSteps: link.position))
            }
        }
    }
}
