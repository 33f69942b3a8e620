import GFM

extension PageModelBuilder {
    func knowledgeCheck(_ handbook: ResolvedPack.Handbook) -> KnowledgeCheckPage {
        let questions = checkQuestions(handbook.check)
        return KnowledgeCheckPage(role: roleHeading(handbook.role), questions: questions, hasQuestions: !questions.isEmpty,
                                  questionCount: questions.count, questionsLabel: Counted.text(questions.count, "question"), version: pack.inputHash)
    }

    func questionSheet(_ handbook: ResolvedPack.Handbook, answerKey: Bool, footerCSS: SafeHTML) -> QuestionSheetPage {
        let questions = checkQuestions(handbook.check)
        let kind = answerKey ? "Knowledge check answer key" : "Knowledge check"
        return QuestionSheetPage(
            pageTitle: "\(handbook.role.name): \(kind.lowercased())", root: "../../", homeHref: "../../index.html",
            pack: packTitle, role: roleHeading(handbook.role), questions: questions, hasQuestions: !questions.isEmpty,
            questionCount: questions.count, questionsLabel: Counted.text(questions.count, "question"), isAnswerKey: answerKey, version: pack.inputHash, footerCSS: footerCSS)
    }

    /// The words of a sheet's footer, printed on every page.
    func trainingFooter(_ handbook: ResolvedPack.Handbook, _ what: String, version: HandbookVersion) -> String {
        "\(pack.settings.title) · \(handbook.role.name) · \(what) · handbook \(version.label)"
    }

    /// `sops` are the handbook's SOPs in handbook order.
    /// `person` is the name of the person the sheet is for, nil for the role's blank sheet (which
    /// sits in the role's folder; a person's sits one folder down, in `sign-off/`).
    func signOff(_ handbook: ResolvedPack.Handbook, sops handbookSOPs: [SOP], version: HandbookVersion,
                 footerCSS: SafeHTML, person: String? = nil) -> SignOffPage {
        let up = person == nil ? "" : "../"
        let role = handbook.role
        let sops = handbookSOPs.map { sop in
            SignOffPage.SOPLine(id: sop.id, title: sop.title, lastReviewed: sop.lastReviewed?.value ?? "not recorded",
                                reviewCadence: sop.reviewCadence?.value ?? "not set")
        }
        let changes = resolved.previousVersion.map { previous in
            let diff = HandbookChanges(role: role.id, from: previous, to: version)
            let items = { (list: [HandbookChanges.Item]) in list.map { SignOffPage.Changes.Item(id: $0.id, title: $0.title) } }
            return SignOffPage.Changes(
                since: diff.since, added: items(diff.added), changed: items(diff.changed), removed: items(diff.removed),
                hasAdded: !diff.added.isEmpty, hasChanged: !diff.changed.isEmpty, hasRemoved: !diff.removed.isEmpty,
                hasNone: diff.added.isEmpty && diff.changed.isEmpty && diff.removed.isEmpty, knowsChanges: diff.knowsChanges)
        }
        return SignOffPage(
            pageTitle: "\(role.name): handbook sign-off\(person.map { " for \($0)" } ?? "")", root: up + "../../",
            homeHref: up + "../../index.html", handbookHref: up + "index.html", pack: packTitle,
            role: roleHeading(role), version: version.inputs ?? pack.inputHash, versionDate: version.date ?? "not recorded",
            sops: sops, hasSOPs: !sops.isEmpty, refusals: role.refusals, hasRefusals: !role.refusals.isEmpty,
            changes: changes, person: person, footerCSS: footerCSS)
    }

    private func roleHeading(_ role: Role) -> RoleHeading {
        RoleHeading(id: role.id, name: role.name, description: role.description)
    }

    private func checkQuestions(_ check: KnowledgeCheck) -> [CheckQuestionModel] {
        check.questions.enumerated().map { index, question in
            let id = "q-" + question.id
            return CheckQuestionModel(
                id: id, number: index + 1, kind: question.kind.rawValue, prompt: question.prompt,
                options: question.options.enumerated().map { position, text in
                    .init(name: id, letter: Self.letter(position), text: text, isAnswer: position == question.answer)
                },
                answerLetter: Self.letter(question.answer), answerText: question.answerText, explanation: question.explanation,
                links: question.links.map { .init(label: $0.label, href: $0.href) })
        }
    }

    /// A, B, C… (a question has at most five options).
    static func letter(_ index: Int) -> String {
        String(UnicodeScalar(UInt8(65 + min(index, 25))))
    }
}
