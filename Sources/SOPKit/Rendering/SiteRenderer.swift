import GFM

/// The render stage: a resolved pack to an in-memory `OutputPlan`. SOPs render concurrently, each
/// parsed once for all of its views; nothing here touches the disk.
public struct SiteRenderer: Sendable {
    public init() {}

    public func render(_ resolved: ResolvedPack) async -> (plan: OutputPlan, diagnostics: [Diagnostic]) {
        let theme = ThemeLibrary.load(overrides: resolved.pack.templates)
        var diagnostics = theme.diagnostics + PlaybookPages.untrustedHTML(in: resolved.pack)

        let viewRenderer = SOPViewRenderer(resolved: resolved)
        let context = PageContext(resolved: resolved, theme: theme)
        let rendered = await withTaskGroup(of: (Int, RenderedSOP).self) { group in
            for index in resolved.sops.indices {
                group.addTask {
                    (index, Self.renderSOP(resolved.sops[index], with: viewRenderer, theme: theme, context: context))
                }
            }
            var results = [RenderedSOP?](repeating: nil, count: resolved.sops.count)
            for await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }

        var plan = OutputPlan()
        var headingsByPath: [String: Set<String>] = [:]
        for sop in rendered {
            diagnostics += sop.views.diagnostics
            headingsByPath[sop.sop.path] = Set(sop.views.trainer.headings.map(\.id))
            for (path, html) in sop.pages { plan.add(path, html) }
        }
        for sop in rendered {
            for link in sop.views.anchoredLinks where headingsByPath[link.path]?.contains(link.fragment) == false {
                let known = headingsByPath[link.path, default: []].sorted()
                diagnostics.append(.error("broken-anchor", "'\(link.path)' has no heading with id '\(link.fragment)'\(Suggestion.didYouMean(link.fragment, in: known))", at: link.location))
            }
        }

        let viewsByID = Dictionary(rendered.map { ($0.sop.id, $0.views) }, uniquingKeysWith: { first, _ in first })
        let headersByID = Dictionary(rendered.map { ($0.sop.id, $0.headerHTML) }, uniquingKeysWith: { first, _ in first })
        let rolePages = await withTaskGroup(of: [(String, String)].self) { group in
            for handbook in resolved.handbooks {
                group.addTask {
                    [("roles/\(handbook.role.id)/index.html", handbookPage(handbook, context: context, theme: theme)),
                     ("roles/\(handbook.role.id)/print.html", printPage(handbook, views: viewsByID, headers: headersByID, context: context, theme: theme))]
                }
            }
            group.addTask { [("index.html", homePage(context: context, theme: theme))] }
            if !resolved.pack.playbooks.isEmpty { group.addTask {
                let pages = PlaybookPages(context: context, theme: theme)
                return [("playbooks/index.html", pages.register())] + resolved.pack.playbooks.map { ("playbooks/\($0.id).html", pages.page($0)) }
            } }
            let checklists = ChecklistRenderer(pack: resolved.pack)
            for site in resolved.pack.sites {
                for checklist in resolved.pack.checklists {
                    group.addTask {
                        let rendered = checklists.render(checklist, for: site, theme: theme)
                        let base = "checklists/\(site.id)/\(checklist.id)"
                        return [("\(base).html", rendered.html), ("\(base).md", rendered.markdown), ("\(base).json", rendered.json)]
                    }
                }
            }
            var pages: [(String, String)] = []
            for await batch in group { pages += batch }
            return pages
        }
        for (path, html) in rolePages { plan.add(path, html) }
        for (name, data) in theme.assets.sorted(by: { $0.key < $1.key }) {
            plan.add("assets/\(name)", data: data)
        }
        return (plan, diagnostics)
    }

    private struct RenderedSOP: Sendable {
        var sop: SOP
        var views: SOPViews
        var headerHTML: String
        var pages: [(String, String)]
    }

    private static func renderSOP(_ item: ResolvedPack.ResolvedSOP, with renderer: SOPViewRenderer, theme: ThemeLibrary, context: PageContext) -> RenderedSOP {
        let views = renderer.render(item)
        let resolved = context.resolved
        var pages: [(String, String)] = []
        // The same in every view of this SOP: rendered once, not once per role.
        let header = theme.render(context.sopMeta(item.sop), with: "sop-header")
        var tocs: [[GFMHeading]: String] = [:]
        func toc(_ rendering: GFMRendering) -> String {
            let headings = rendering.headings.filter { $0.level == 2 }
            guard !headings.isEmpty else { return "" }
            if let html = tocs[headings] { return html }
            let html = theme.render(["toc": context.toc(rendering)], with: "toc")
            tocs[headings] = html
            return html
        }

        var trainer = context.base(title: item.sop.title, root: "../", bodyClass: "sop trainer-view")
        trainer["sop"] = ["title": item.sop.title, "id": item.sop.id]
        trainer["sopHeaderHTML"] = header
        trainer["bodyHTML"] = views.trainer.html
        trainer["tocHTML"] = toc(views.trainer)
        trainer["isTrainerView"] = true
        pages.append(("sops/\(item.sop.id).html", theme.render(trainer, with: "sop")))

        for (roleID, rendering) in views.roles.sorted(by: { $0.key < $1.key }) {
            guard let role = resolved.pack.role(roleID) else { continue }
            var page = context.base(title: item.sop.title, root: "../../", bodyClass: "sop role-view")
            page["sop"] = ["title": item.sop.title, "id": item.sop.id]
            page["sopHeaderHTML"] = header
            page["bodyHTML"] = rendering.html
            page["tocHTML"] = toc(rendering)
            page["role"] = ["id": role.id, "name": role.name, "href": "index.html"]
            page["trainerHref"] = "../../sops/\(item.sop.id).html"
            pages.append(("roles/\(roleID)/\(item.sop.id).html", theme.render(page, with: "sop")))
        }
        return RenderedSOP(sop: item.sop, views: views, headerHTML: header, pages: pages)
    }

    private func handbookPage(_ handbook: ResolvedPack.Handbook, context: PageContext, theme: ThemeLibrary) -> String {
        var page = context.base(title: "\(handbook.role.name) handbook", root: "../../", bodyClass: "handbook")
        page.merge(context.handbookDetails(handbook, root: "../../")) { $1 }
        page["sops"] = handbook.sopIDs.compactMap { context.pack.sop($0) }.map { context.sopSummary($0, href: "\($0.id).html") }
        page["hasSOPs"] = !handbook.sopIDs.isEmpty
        page["packHasPlaybooks"] = !context.pack.playbooks.isEmpty
        page["playbooks"] = PlaybookPages.playbooks(for: handbook.role, in: context.pack).map {
            ["title": $0.playbook.title, "href": "../../playbooks/\($0.playbook.id).html", "relation": $0.relation, "mode": $0.playbook.mode?.value.rawValue ?? ""]
        }
        page["site"] = context.site()
        return theme.render(page, with: "handbook")
    }

    private func printPage(_ handbook: ResolvedPack.Handbook, views: [String: SOPViews], headers: [String: String], context: PageContext, theme: ThemeLibrary) -> String {
        var page = context.base(title: "\(handbook.role.name) handbook", root: "../../", bodyClass: "print")
        page.merge(context.handbookDetails(handbook, root: "../../")) { $1 }
        page["site"] = context.site()
        page["sops"] = handbook.sopIDs.compactMap { id -> [String: Any]? in
            guard let sop = context.pack.sop(id), let rendering = views[id]?.print[handbook.role.id] else { return nil }
            return ["id": sop.id, "headerHTML": headers[id] ?? "", "bodyHTML": rendering.html]
        }
        return theme.render(page, with: "print")
    }

    private func homePage(context: PageContext, theme: ThemeLibrary) -> String {
        var page = context.base(title: context.pack.settings.title, root: "", bodyClass: "home")
        page["site"] = context.site()
        page["roles"] = context.resolved.handbooks.map { context.roleSummary($0, root: "") }
        page["sops"] = context.resolved.sops.map { context.sopSummary($0.sop, href: "sops/\($0.sop.id).html") }
        page["checklistSites"] = context.pack.sites.map { site -> [String: Any] in
            ["name": site.name, "checklists": context.pack.checklists.map { checklist in
                ["title": checklist.title, "base": "checklists/\(site.id)/\(checklist.id)"]
            }]
        }
        page["hasChecklists"] = !context.pack.checklists.isEmpty && !context.pack.sites.isEmpty
        page["hasPlaybooks"] = !context.pack.playbooks.isEmpty
        page["policies"] = context.pack.policies.map { policy -> [String: Any] in
            [
                "action": policy.action,
                "surface": policy.surface.value.displayName,
                "risk": policy.risk.rawValue,
                "mode": policy.mode.rawValue,
                "approvers": DecisionGuideBuilder.names(policy.approvers.map(\.value), context.pack),
                "approvalsRequired": policy.approvalsRequired.value,
                "killSwitch": policy.killSwitch.map { DecisionGuideBuilder.names([$0.value], context.pack) } ?? "—",
            ]
        }
        return theme.render(page, with: "home")
    }
}
