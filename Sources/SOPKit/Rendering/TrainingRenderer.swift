import GFM

/// The render stage's part for training: for each role the knowledge check (interactive, printable
/// without answers, the trainer's answer key, Moodle GIFT) and the sign-off sheet, and the
/// handbook's version file at the site root. Pure: values in, files out.
struct TrainingRenderer: Sendable {
    let resolved: ResolvedPack
    let models: PageModelBuilder
    let theme: ThemeLibrary

    /// The paths `pages(for:nav:version:)` gives, in its order, known before anything renders.
    func paths(for handbook: ResolvedPack.Handbook) -> [String] {
        let folder = "roles/\(handbook.role.id)/"
        let people = (resolved.pack.people?.people ?? []).filter { $0.role.value == handbook.role.id }
        return ["check.html", "check-print.html", "check-key.html", "check.gift", "sign-off.html"].map { folder + $0 }
            + Self.fileNames(people.map(\.login.value)).map { folder + "sign-off/\($0).html" }
    }

    /// Pages of one role's folder, by path.
    func pages(for handbook: ResolvedPack.Handbook, nav: SafeHTML, version: HandbookVersion) -> [(String, String)] {
        let folder = "roles/\(handbook.role.id)/"
        let chrome = models.chrome(title: "\(handbook.role.name) knowledge check", at: .knowledgeCheck(role: handbook.role.id),
                                   bodyClass: "check", nav: nav)
        let sheetFooter = theme.cssString(models.trainingFooter(handbook, "knowledge check", version: version))
        let keyFooter = theme.cssString(models.trainingFooter(handbook, "answer key", version: version))
        let signOffFooter = theme.cssString(models.trainingFooter(handbook, "sign-off", version: version))
        let handbookSOPs = handbook.sopIDs.compactMap { resolved.sop($0)?.sop }
        let people = (resolved.pack.people?.people ?? []).filter { $0.role.value == handbook.role.id }
        let personal = zip(people, Self.fileNames(people.map(\.login.value))).map { person, file in
            let footer = theme.cssString(models.trainingFooter(handbook, "sign-off for \(person.name)", version: version))
            return (folder + "sign-off/\(file).html",
                    theme.render(models.signOff(handbook, sops: handbookSOPs, version: version, footerCSS: footer,
                                                person: person.name)))
        }
        return [
            (folder + "check.html", theme.render(Page(chrome: chrome, content: models.knowledgeCheck(handbook)))),
            (folder + "check-print.html", theme.render(models.questionSheet(handbook, answerKey: false, footerCSS: sheetFooter))),
            (folder + "check-key.html", theme.render(models.questionSheet(handbook, answerKey: true, footerCSS: keyFooter))),
            (folder + "check.gift", GIFTExport.text(handbook.check, roleName: handbook.role.name, version: version.label)),
            (folder + "sign-off.html", theme.render(models.signOff(handbook, sops: handbookSOPs, version: version,
                                                           footerCSS: signOffFooter))),
        ] + personal
    }

    /// A file name per login: the login as an id (`priya.raman` → `priya-raman`: lower case, any
    /// other character a `-`), else `person-` and a hash of it, so a login with `..`, `/` or only
    /// symbols never becomes a path; unique in order (`-2`, `-3`…).
    static func fileNames(_ logins: [String]) -> [String] {
        var used: Set<String> = []
        return logins.map { login in
            var slug = ""
            for scalar in login.lowercased().unicodeScalars {
                let keep = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
                if keep { slug.unicodeScalars.append(scalar) } else if !slug.isEmpty, !slug.hasSuffix("-") { slug += "-" }
            }
            while slug.hasSuffix("-") { slug.removeLast() }
            slug = String(slug.prefix(48))
            while slug.hasSuffix("-") { slug.removeLast() }
            var name = Identifier.isValid(slug) && !slug.hasPrefix("person-") ? slug : "person-" + ContentSeed.tag(login)
            var number = 2
            while used.contains(name) { name = "\(name)-\(number)"; number += 1 }
            used.insert(name)
            return name
        }
    }
}
