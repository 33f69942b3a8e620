import GFM

/// The render stage's part for training: for each role the knowledge check (interactive, printable
/// without answers, the trainer's answer key, Moodle GIFT) and the sign-off sheet, and the
/// handbook's version file at the site root. Pure: values in, files out.
struct TrainingRenderer: Sendable {
    let resolved: ResolvedPack
    let models: PageModelBuilder
    let theme: ThemeLibrary

    /// One file of a role's training folder: its path, and what goes in it.
    struct File: Sendable {
        enum Kind: Sendable { case check, questionSheet, answerKey, gift, signOff, personalSignOff(Person) }
        let path: String
        let kind: Kind
    }

    /// The files of one role's folder, in order: one list that both the paths (known before anything
    /// renders, for the streamed writer's manifest) and the pages come from.
    func files(for handbook: ResolvedPack.Handbook) -> [File] {
        let folder = "roles/\(handbook.role.id)/"
        let people = (resolved.pack.people?.people ?? []).filter { $0.role.value == handbook.role.id }
        let fixed: [File] = [File(path: folder + "check.html", kind: .check), File(path: folder + "check-print.html", kind: .questionSheet),
                             File(path: folder + "check-key.html", kind: .answerKey), File(path: folder + "check.gift", kind: .gift),
                             File(path: folder + "sign-off.html", kind: .signOff)]
        return fixed + zip(people, Self.fileNames(people.map(\.login.value))).map { person, file in
            File(path: folder + "sign-off/\(file).html", kind: .personalSignOff(person))
        }
    }

    /// The paths `pages(for:nav:version:)` gives, in its order, known before anything renders.
    func paths(for handbook: ResolvedPack.Handbook) -> [String] {
        files(for: handbook).map(\.path)
    }

    /// Pages of one role's folder, by path.
    func pages(for handbook: ResolvedPack.Handbook, nav: SafeHTML, version: HandbookVersion) -> [(String, String)] {
        let handbookSOPs = handbook.sopIDs.compactMap { resolved.sop($0)?.sop }
        func footer(_ kind: String) -> SafeHTML { theme.cssString(models.trainingFooter(handbook, kind, version: version)) }
        return files(for: handbook).map { file in
            switch file.kind {
            case .check:
                let chrome = models.chrome(title: "\(handbook.role.name) knowledge check", at: .knowledgeCheck(role: handbook.role.id),
                                           bodyClass: "check", nav: nav)
                return (file.path, theme.render(Page(chrome: chrome, content: models.knowledgeCheck(handbook))))
            case .questionSheet:
                return (file.path, theme.render(models.questionSheet(handbook, answerKey: false, footerCSS: footer("knowledge check"))))
            case .answerKey:
                return (file.path, theme.render(models.questionSheet(handbook, answerKey: true, footerCSS: footer("answer key"))))
            case .gift:
                return (file.path, GIFTExport.text(handbook.check, roleName: handbook.role.name, version: version.label))
            case .signOff:
                return (file.path, theme.render(models.signOff(handbook, sops: handbookSOPs, version: version, footerCSS: footer("sign-off"))))
            case .personalSignOff(let person):
                return (file.path, theme.render(models.signOff(handbook, sops: handbookSOPs, version: version,
                                                               footerCSS: footer("sign-off for \(person.name)"), person: person.name)))
            }
        }
    }

    /// A file name per login: the login as an id (`priya.raman` → `priya-raman`: lower case, any
    /// other character a `-`), else `person-` and a hash of it, so a login with `..`, `/` or only
    /// symbols never becomes a path; unique in order (`-2`, `-3`…). A login that holds an email
    /// address or a phone number (WordPress allows one as a login) is never spelt in a file
    /// name, nor hashed (a phone number is few enough to try them all): `person-` and its place.
    static func fileNames(_ logins: [String]) -> [String] {
        var used: Set<String> = []
        return logins.enumerated().map { index, login in
            guard IdentifierRedactor.shown(login) == login else {
                var name = "person-\(index + 1)"
                while used.contains(name) { name += "-\(index + 1)" }
                used.insert(name)
                return name
            }
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
