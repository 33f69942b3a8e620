import GFM

/// Links a playbook's steps lose (`DroppedLinks`): its own steps' unless the pack has
/// `options.unsafe_html: true`, an imported playbook's always (another site's steps are never
/// trusted). Reported at the steps, as remote images in them are.
enum PlaybookDroppedLinks {
    static func check(_ pack: Pack) -> [Diagnostic] {
        pack.playbooks.flatMap { playbook -> [Diagnostic] in
            let trusted = pack.settings.unsafeHTML && !playbook.isImported
            guard !trusted, playbook.steps.contains("](") || playbook.steps.contains("]:") || playbook.steps.contains("<") else { return [] }
            let at = playbook.stepsLocation ?? playbook.location
            return GFMDocument(markdown: GFMReserved.sanitize(playbook.steps)).links.compactMap { link in
                guard !link.isInImageDescription, let scheme = DroppedLinks.scheme(of: link.destination),
                      !(link.isImage && RemoteImages.isRemote(link.destination)) else { return nil }
                guard playbook.isImported, pack.settings.unsafeHTML else {
                    return SOPViewRenderer.unsafeLink(to: link.destination, schemes: [scheme], image: link.isImage,
                                                      detail: " in playbook '\(playbook.id)'", at: at)
                }
                return .warning(.unsafeLink, "\(link.isImage ? "image" : "link to") \(Identifier.quoted(link.destination)) in playbook '\(playbook.id)' \(link.isImage ? "shows nothing" : "leads nowhere"): it came "
                                + "from another site, and the handbook empties \(scheme): addresses in imported steps even with "
                                + "options.unsafe_html: true; link to a web page instead", at: at)
            }
        }
    }
}
