import GFM

/// The render stage's part for training: for each role the knowledge check (interactive, printable
/// without answers, the trainer's answer key, Moodle GIFT) and the sign-off sheet, and the
/// handbook's version file at the site root. Pure: values in, files out.
struct TrainingRenderer: Sendable {
    let resolved: ResolvedPack
    let models: PageModelBuilder
    let theme: ThemeLibrary

    /// Pages of one role's folder, by path.
    func pages(for handbook: ResolvedPack.Handbook, nav: SafeHTML, version: HandbookVersion,
               sops: [String: SOP]) -> [(String, String)] {
        let folder = "roles/\(handbook.role.id)/"
        let chrome = models.chrome(title: "\(handbook.role.name) knowledge check", root: "../../", bodyClass: "check", nav: nav)
        let sheetFooter = theme.cssString(models.trainingFooter(handbook, "knowledge check", version: version))
        let keyFooter = theme.cssString(models.trainingFooter(handbook, "answer key", version: version))
        let signOffFooter = theme.cssString(models.trainingFooter(handbook, "sign-off", version: version))
        return [
            (folder + "check.html", theme.render(Page(chrome: chrome, content: models.knowledgeCheck(handbook)))),
            (folder + "check-print.html", theme.render(models.questionSheet(handbook, answerKey: false, footerCSS: sheetFooter))),
            (folder + "check-key.html", theme.render(models.questionSheet(handbook, answerKey: true, footerCSS: keyFooter))),
            (folder + "check.gift", GIFTExport.text(handbook.check, roleName: handbook.role.name, version: version.label)),
            (folder + "sign-off.html", theme.render(models.signOff(handbook, sops: handbook.sopIDs.compactMap { sops[$0] }, version: version,
                                                           footerCSS: signOffFooter))),
        ]
    }

    /// Every role's training pages and `handbook-version.json`.
    func pages(navs: [String: SafeHTML]) -> [(String, String)] {
        let version = HandbookVersion.current(resolved)
        let sops = Dictionary(resolved.sops.map { ($0.sop.id, $0.sop) }, uniquingKeysWith: { first, _ in first })
        return resolved.handbooks.flatMap { pages(for: $0, nav: navs["../../"] ?? .empty, version: version, sops: sops) }
            + [(HandbookVersion.fileName, version.json)]
    }
}
