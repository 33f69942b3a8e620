import Foundation

/// Writes a role's knowledge check from the same decision-guide entries the handbook prints
/// (`DecisionGuideEntry.call(_:)` gives every scenario's answer), so a policy change changes the
/// guide and the answers together. A question is written only where the pack decides its answer;
/// distractors come from other policies, other roles and the same policy's other lists.
enum KnowledgeCheckBuilder {
    struct Inputs {
        var role: Role
        var guide: [DecisionGuideEntry]
        var pack: Pack
        /// Ids of the SOPs in the role's handbook, in handbook order (for "read more" links).
        var sopIDs: [String]
        /// Computed once per pack and shared by its roles.
        var pools: DistractorPools

        init(role: Role, guide: [DecisionGuideEntry], pack: Pack, sopIDs: [String], pools: DistractorPools? = nil) {
            self.role = role
            self.guide = guide
            self.pack = pack
            self.sopIDs = sopIDs
            self.pools = pools ?? DistractorPools(pack)
            // The first SOP of the handbook for each policy and surface, found once (a pack may
            // hold thousands of SOPs).
            // SOPs are found by position and copied only when picked: copying each of the role's
            // SOPs into a lookup table was a twentieth of a `check` at 5,000 SOPs.
            var wanted = Set(sopIDs)
            var positions: [String: Int] = [:]
            positions.reserveCapacity(wanted.count)
            for index in pack.sops.indices where wanted.remove(pack.sops[index].id) != nil {
                positions[pack.sops[index].id] = index
            }
            for index in sopIDs.compactMap({ positions[$0] }) {
                for policy in pack.sops[index].policies where sopForPolicy[policy.value] == nil {
                    sopForPolicy[policy.value] = pack.sops[index]
                }
                for surface in pack.sops[index].surfaces where sopForSurface[surface.value] == nil {
                    sopForSurface[surface.value] = pack.sops[index]
                }
            }
        }

        private(set) var sopForPolicy: [String: SOP] = [:]
        private(set) var sopForSurface: [Surface: SOP] = [:]

        func name(_ id: String) -> String? { pools.names[id] }
    }

    static func check(for role: Role, guide: [DecisionGuideEntry], pack: Pack, sopIDs: [String],
                      pools: DistractorPools? = nil) -> KnowledgeCheck {
        let all = candidates(Inputs(role: role, guide: guide, pack: pack, sopIDs: sopIDs, pools: pools))
        return KnowledgeCheck(roleID: role.id, questions: select(all, role: role.id), available: all.count)
    }

    /// Every question the pack decides for the role, before the check picks at most 20.
    static func candidates(_ inputs: Inputs) -> [CheckQuestion] {
        var questions: [CheckQuestion] = []
        for entry in inputs.guide {
            questions += scenarios(entry, inputs)
            questions += planQuestions(entry, inputs)
            if let question = askWhom(entry, inputs) { questions.append(question) }
            if let question = killSwitch(entry, inputs) { questions.append(question) }
        }
        if let question = escalateTo(inputs) { questions.append(question) }
        questions += capabilities(inputs)
        questions += refusals(inputs)
        return questions
    }

    /// At most 20, taken kind by kind in turn (each kind's questions in their seeded order), so a
    /// role with many policies still meets every kind of question.
    static func select(_ questions: [CheckQuestion], role: String) -> [CheckQuestion] {
        var queues = CheckQuestion.Kind.allCases.map { kind in
            ContentSeed.ordered(questions.filter { $0.kind == kind }, seed: role) { $0.id + "\u{0}" + $0.prompt + "\u{0}" + $0.answerText }[...]
        }
        var picked: [CheckQuestion] = []
        while picked.count < KnowledgeCheck.maximum, queues.contains(where: { !$0.isEmpty }) {
            for index in queues.indices where picked.count < KnowledgeCheck.maximum {
                if let next = queues[index].popFirst() { picked.append(next) }
            }
        }
        return picked
    }

    // MARK: - Questions about a policy

    private static func scenarios(_ entry: DecisionGuideEntry, _ inputs: Inputs) -> [CheckQuestion] {
        var situations: [(id: String, situation: DecisionGuideEntry.Situation, text: String?)] = [("", .routine, nil)]
        // Named by their text, not their place, so a condition added to a list renames nothing.
        situations += unique(entry.reject).map { ("-reject-" + ContentSeed.tag($0), .rejectWhen($0), $0) }
        situations += unique(entry.escalate).map { ("-escalate-" + ContentSeed.tag($0), .escalateWhen($0), $0) }
        situations += unique(entry.stop).map { ("-stop-" + ContentSeed.tag($0), .stopWhen($0), $0) }
        let options = DecisionGuideEntry.Call.allCases
        return situations.compactMap { item -> CheckQuestion? in
            guard let call = entry.call(item.situation) else { return nil }
            var prompt = "You are the \(inputs.phrase(inputs.role.name)). \(planSentence(entry, inputs))"
            if let text = item.text {
                prompt += " " + sentence(text)
            } else if entry.mayApprove {
                prompt += " The diff, affected records and risk are clear, and nothing in it is a reason to reject, escalate or stop."
            }
            prompt += " What do you do?"
            return CheckQuestion(
                id: "scenario-\(entry.policyID)\(item.id)", kind: .scenario, prompt: prompt,
                options: options.map(\.label), answer: options.firstIndex(of: call)!,
                explanation: explanation(of: call, entry: entry, condition: item.text),
                links: links(entry, inputs), policyID: entry.policyID)
        }
    }

    /// "A support agent has drafted a plan to “Issue a refund…” (Action plans and approvals; high
    /// risk; production mode)."
    private static func planSentence(_ entry: DecisionGuideEntry, _ inputs: Inputs) -> String {
        let facts = "(\(entry.surface.displayName); \(entry.risk.rawValue) risk; \(entry.mode.rawValue) mode)"
        if entry.involvement == .proposer {
            return "You have drafted a plan to “\(entry.action)” \(facts)."
        }
        let others = entry.proposerIDs.filter { $0 != inputs.role.id }
        if let proposer = others.first, let name = inputs.name(proposer) {
            return "\(inputs.article(name)) has drafted a plan to “\(entry.action)” \(facts)."
        }
        return "A plan to “\(entry.action)” is waiting in SophMate \(facts)."
    }

    private static func explanation(of call: DecisionGuideEntry.Call, entry: DecisionGuideEntry, condition: String?) -> String {
        switch call {
        case .ask: return entry.ask + " " + entry.approve
        case .approve: return entry.approve + " " + entry.ask
        case .reject: return "The policy tells approvers to reject when: \(condition ?? "")"
        case .escalate: return "Escalate to \(entry.escalateTo) when: \(condition ?? "")"
        case .stop: return "Stop when: \(sentence(condition ?? "")) \(entry.stopCall)"
        }
    }

    /// Which of these plans do you reject / escalate / stop: one of the policy's own conditions
    /// for that call against the same policy's other conditions and other policies' conditions
    /// for the same call.
    private static func planQuestions(_ entry: DecisionGuideEntry, _ inputs: Inputs) -> [CheckQuestion] {
        let own = Set(entry.reject + entry.escalate + entry.stop)
        let lists: [(DecisionGuideEntry.Call, CheckQuestion.Kind, (DecisionGuideEntry) -> [String], [String],
                     (String) -> DecisionGuideEntry.Situation)] = [
            (.reject, .rejectPlan, \.reject, inputs.pools.reject, { .rejectWhen($0) }),
            (.escalate, .escalatePlan, \.escalate, inputs.pools.escalate, { .escalateWhen($0) }),
            (.stop, .stopPlan, \.stop, inputs.pools.stop, { .stopWhen($0) }),
        ]
        var questions: [CheckQuestion] = []
        for (call, kind, listOf, pool, situation) in lists {
            let id = "\(kind.rawValue)-\(entry.policyID)"
            let answers = listOf(entry).filter { entry.call(situation($0)) == call }
            guard let answer = ContentSeed.ordered(answers, seed: id, text: { $0 }).first else { continue }
            let sameOther = (entry.reject + entry.escalate + entry.stop).filter { entry.call(situation($0)) != call && $0 != answer }
            // One from the same policy's other lists, the rest other policies' conditions of this kind.
            let first = Array(ContentSeed.ordered(sameOther, seed: id, text: { $0 }).prefix(1))
            let distractors = first + DistractorPools.take(3 - first.count, from: pool, seed: id,
                                                            excluding: own.union([answer]))
            guard distractors.count >= 2 else { continue }
            let verb = call.label.lowercased()
            let prompt = call == .escalate
                ? "Your handbook names the plans for “\(entry.action)” that you escalate to \(entry.escalateTo). Which of these is one?"
                : "Your handbook names the plans for “\(entry.action)” that you \(verb). Which of these is one?"
            questions.append(shuffled(
                id: id, kind: kind, prompt: prompt, answer: answer, distractors: distractors,
                explanation: explanation(of: call, entry: entry, condition: answer), links: links(entry, inputs),
                policyID: entry.policyID))
        }
        return questions
    }

    private static func askWhom(_ entry: DecisionGuideEntry, _ inputs: Inputs) -> CheckQuestion? {
        guard entry.involvement == .proposer, !entry.askIDs.isEmpty else { return nil }
        let id = "ask-whom-\(entry.policyID)"
        let answer = DecisionGuideBuilder.names(entry.askIDs, inputs.pack)
        let ids = DistractorPools.take(3, from: inputs.pools.roles, seed: inputs.role.id + id,
                                       excluding: Set(entry.askIDs + [inputs.role.id]))
        let distractors = pick(3, from: ids.compactMap(inputs.name), excluding: [answer])
        guard distractors.count >= 2 else { return nil }
        return shuffled(id: id, kind: .askWhom,
                        prompt: "You have drafted a plan to “\(entry.action)”. Whom do you ask to approve it?",
                        answer: answer, distractors: distractors, explanation: entry.ask, links: links(entry, inputs),
                        policyID: entry.policyID)
    }

    private static func killSwitch(_ entry: DecisionGuideEntry, _ inputs: Inputs) -> CheckQuestion? {
        guard let holder = entry.killSwitchID, let name = inputs.name(holder) else { return nil }
        let id = "kill-switch-\(entry.policyID)"
        // Plausible first: the policy's own approvers and proposers, then everyone else.
        let involved = unique(entry.approverIDs + entry.proposerIDs).filter { $0 != holder }
        let rest = DistractorPools.take(3, from: inputs.pools.roles, seed: inputs.role.id + id,
                                        excluding: Set(involved + [holder]))
        let ids = ContentSeed.ordered(involved, seed: id, text: { $0 }) + rest
        let distractors = pick(3, from: ids.compactMap(inputs.name), excluding: [name])
        guard distractors.count >= 2 else { return nil }
        return shuffled(id: id, kind: .killSwitch, prompt: "Who holds the kill switch for “\(entry.action)”?",
                        answer: name, distractors: distractors, explanation: entry.stopCall, links: links(entry, inputs),
                        policyID: entry.policyID)
    }

    // MARK: - Questions about the role

    private static func escalateTo(_ inputs: Inputs) -> CheckQuestion? {
        guard let target = inputs.role.escalatesTo?.value, let name = inputs.name(target) else { return nil }
        let id = "escalate-to"
        let ids = DistractorPools.take(3, from: inputs.pools.roles, seed: inputs.role.id + id,
                                       excluding: [target, inputs.role.id])
        let distractors = pick(3, from: ids.compactMap(inputs.name), excluding: [name])
        guard distractors.count >= 2 else { return nil }
        return shuffled(id: id, kind: .escalateTo, prompt: "Something is beyond what you may decide. Whom do you escalate to?",
                        answer: name, distractors: distractors,
                        explanation: "Your handbook's escalation path: you escalate to \(name).",
                        links: [.init(label: "Your escalation path", href: "index.html#escalation-title")], policyID: nil)
    }

    private static func capabilities(_ inputs: Inputs) -> [CheckQuestion] {
        let levels = Capability.allCases
        return inputs.role.capabilities.sorted { $0.key < $1.key }.map { surface, level in
            var links: [CheckQuestion.Link] = [.init(label: "What you can do in SophMate", href: "index.html#capabilities-title")]
            if let sop = inputs.sopForSurface[surface] {
                links.append(.init(label: sop.title, href: "\(sop.id).html"))
            }
            return CheckQuestion(
                id: "capability-\(surface.rawValue)", kind: .capability,
                prompt: "What is the most your role may do on \(surface.displayName)?",
                options: levels.map { "\($0.rawValue.capitalized): \($0.meaning)" }, answer: levels.firstIndex(of: level)!,
                explanation: "Your handbook gives you \(level.rawValue) on \(surface.displayName): \(level.meaning). "
                    + "Each level includes the ones below it (read < draft < approve < execute).",
                links: links, policyID: nil)
        }
    }

    private static func refusals(_ inputs: Inputs) -> [CheckQuestion] {
        let own = Set(inputs.role.refusals)
        return unique(inputs.role.refusals).compactMap { refusal in
            let id = "refusal-" + ContentSeed.tag(refusal)
            let distractors = DistractorPools.take(3, from: inputs.pools.refusals, seed: inputs.role.id + id, excluding: own)
            guard distractors.count >= 2 else { return nil }
            return shuffled(id: id, kind: .refusal, prompt: "Which of these is one of your role's refusals?",
                            answer: refusal, distractors: distractors,
                            explanation: "Your handbook lists it under “What you refuse”. The others are other roles' refusals.",
                            links: [.init(label: "What you refuse", href: "index.html#refusals-title")], policyID: nil)
        }
    }

    // MARK: - Helpers

    private static func links(_ entry: DecisionGuideEntry, _ inputs: Inputs) -> [CheckQuestion.Link] {
        var links: [CheckQuestion.Link] = [.init(label: "Decision guide: \(entry.action)", href: "index.html#policy-\(entry.policyID)")]
        if let sop = inputs.sopForPolicy[entry.policyID] ?? inputs.sopForSurface[entry.surface] {
            links.append(.init(label: sop.title, href: "\(sop.id).html"))
        }
        return links
    }

    /// The answer among the distractors, in an order seeded by the question and its options.
    private static func shuffled(id: String, kind: CheckQuestion.Kind, prompt: String, answer: String, distractors: [String],
                                 explanation: String, links: [CheckQuestion.Link], policyID: String?) -> CheckQuestion {
        let options = ContentSeed.ordered([answer] + distractors, seed: id, text: { $0 })
        return CheckQuestion(id: id, kind: kind, prompt: prompt, options: options, answer: options.firstIndex(of: answer)!,
                             explanation: explanation, links: links, policyID: policyID)
    }

    private static func pick(_ count: Int, from candidates: [String], excluding: Set<String>) -> [String] {
        Array(unique(candidates.filter { !excluding.contains($0) && !$0.isEmpty }).prefix(count))
    }

    private static func unique<S: Sequence>(_ items: S) -> [S.Element] where S.Element: Hashable {
        var seen: Set<S.Element> = []
        return items.filter { seen.insert($0).inserted }
    }

    /// A condition as a sentence of its own: trimmed, with a full stop.
    static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let last = trimmed.last else { return trimmed }
        return ".!?".contains(last) ? trimmed : trimmed + "."
    }
}

private extension KnowledgeCheckBuilder.Inputs {
    /// A role name inside a sentence: "store manager", but "SEO lead" stays as written.
    func phrase(_ name: String) -> String {
        let words = name.split(separator: " ", maxSplits: 1)
        guard let first = words.first, first.count > 1, first.dropFirst().allSatisfy({ !$0.isUppercase }) else { return name }
        return first.lowercased() + (words.count > 1 ? " " + words[1] : "")
    }

    /// "A support agent", "An editor".
    func article(_ name: String) -> String {
        let phrased = phrase(name)
        let vowel = phrased.first.map { "aeiouAEIOU".contains($0) } ?? false
        return (vowel ? "An " : "A ") + phrased
    }
}
