import GFM

/// One question as the check pages show it: options lettered A, B, C…, the answer marked for the
/// script and the answer key, and where to read more (relative to the role's folder).
struct CheckQuestionModel: Sendable {
    struct Option: Sendable {
        /// The radio group's name: the question's HTML id.
        var name: String
        var letter: String
        var text: String
        var isAnswer: Bool
    }

    struct Link: Sendable {
        var label: String
        var href: String
    }

    /// `q-<question id>`: unique in the page, stable across builds of the same pack.
    var id: String
    var number: Int
    /// "scenario", "kill-switch"…
    var kind: String
    var prompt: String
    var options: [Option]
    var answerLetter: String
    var answerText: String
    var explanation: String
    var links: [Link]
}

/// `roles/<role>/check.html`: the interactive knowledge check. A small script in
/// `assets/check.js` scores it in the browser, offline, from `file://`.
struct KnowledgeCheckPage: TemplateModel {
    static let template = "check"

    var role: RoleHeading
    var questions: [CheckQuestionModel]
    var hasQuestions: Bool
    var questionCount: Int
    /// "1 question", "12 questions".
    var questionsLabel: String
    /// The pack's input hash: which handbook the questions were written from.
    var version: String
}

/// `roles/<role>/check-print.html` (no answers, to fill in on paper) and `check-key.html` (the
/// trainer's answer key): one standalone printable page each, with the version in every page's footer.
struct QuestionSheetPage: TemplateModel {
    static let template = "check-sheet"

    var pageTitle: String
    var root: String
    var homeHref: String
    var pack: PackTitle
    var role: RoleHeading
    var questions: [CheckQuestionModel]
    var hasQuestions: Bool
    var questionCount: Int
    /// "1 question", "12 questions".
    var questionsLabel: String
    /// True for the trainer's answer key.
    var isAnswerKey: Bool
    var version: String
    /// The page footer as a CSS string (`CSSText`).
    var footerCSS: SafeHTML
}
