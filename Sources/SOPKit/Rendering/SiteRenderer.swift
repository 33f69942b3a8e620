import GFM

/// The render stage: a resolved pack to an in-memory `OutputPlan`. SOPs render concurrently, each
/// parsed once for all of its views; nothing here touches the disk.
public struct SiteRenderer: Sendable {
    public init() {}

    public func render(_ resolved: ResolvedPack) async -> (plan: OutputPlan, diagnostics: [Diagnostic]) {
        let theme = resolved.pack.theme
        var diagnostics = theme.diagnostics + UntrustedPlaybookHTML.diagnostics(in: resolved.pack)

        let viewRenderer = SOPViewRenderer(resolved: resolved)
        let models = PageModelBuilder(resolved: resolved)
        let navs = Dictionary(uniqueKeysWithValues: ["", "../", "../../"].map {
            ($0, theme.fragment(models.navigation(root: $0)))
        })
        let rendered = await withTaskGroup(of: (Int, RenderedSOP).self) { group in
            for index in resolved.sops.indices {
                group.addTask {
                    (index, Self.renderSOP(resolved.sops[index], with: viewRenderer, theme: theme, models: models,
                                           navs: navs))
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
        var sortedHeadings: [String: [String]] = [:]
        var suggestions: [String: String] = [:]
        for sop in rendered {
            for link in sop.views.anchoredLinks where headingsByPath[link.path]?.contains(link.fragment) == false {
                // Sorted and searched once per target and fragment, however often it is linked.
                let key = link.path + "#" + link.fragment
                if suggestions[key] == nil {
                    if sortedHeadings[link.path] == nil { sortedHeadings[link.path] = headingsByPath[link.path, default: []].sorted() }
                    suggestions[key] = Suggestion.didYouMean(link.fragment, in: sortedHeadings[link.path]!)
                }
                diagnostics.append(.error("broken-anchor", "'\(link.path)' has no heading with id '\(link.fragment)'\(suggestions[key]!)", at: link.location))
            }
        }

        let viewsByID = Dictionary(rendered.map { ($0.sop.id, $0.views) }, uniquingKeysWith: { first, _ in first })
        let headersByID = Dictionary(rendered.map { ($0.sop.id, $0.header) }, uniquingKeysWith: { first, _ in first })
        let rolePages = await withTaskGroup(of: [(String, String)].self) { group in
            for handbook in resolved.handbooks {
                group.addTask {
                    let chrome = models.chrome(title: "\(handbook.role.name) handbook", root: "../../", bodyClass: "handbook",
                                               nav: navs["../../"]!)
                    var printChrome = chrome
                    printChrome.bodyClass = "print"
                    let sections = handbook.sopIDs.compactMap { id -> PrintPage.Section? in
                        guard let rendering = viewsByID[id]?.print[handbook.role.id] else { return nil }
                        return PrintPage.Section(id: id, headerHTML: headersByID[id] ?? .empty,
                                                 bodyHTML: rendering.safeHTML)
                    }
                    return [("roles/\(handbook.role.id)/index.html",
                             theme.render(Page(chrome: chrome, content: models.handbook(handbook)))),
                            ("roles/\(handbook.role.id)/print.html",
                             theme.render(Page(chrome: printChrome, content: models.print(handbook, sections: sections))))]
                }
            }
            group.addTask {
                let chrome = models.chrome(title: resolved.pack.settings.title, root: "", bodyClass: "home",
                                           nav: navs[""]!)
                return [("index.html", theme.render(Page(chrome: chrome, content: models.home())))]
            }
            if !resolved.pack.playbooks.isEmpty { group.addTask {
                let register = models.chrome(title: "Playbook register", root: "../", bodyClass: "playbooks",
                                             nav: navs["../"]!)
                return [("playbooks/index.html",
                         theme.render(Page(chrome: register, content: models.playbookRegister())))]
                    + resolved.pack.playbooks.map { playbook in
                        let chrome = models.chrome(title: playbook.title, root: "../", bodyClass: "playbook",
                                                   nav: navs["../"]!)
                        return ("playbooks/\(playbook.id).html",
                                theme.render(Page(chrome: chrome, content: models.playbook(playbook))))
                    }
            } }
            if !resolved.pack.automations.isEmpty { group.addTask {
                let chrome = models.chrome(title: "Automation register", root: "../", bodyClass: "automations", nav: navs["../"]!)
                return [("automations/index.html", theme.render(Page(chrome: chrome, content: models.automationRegister())))]
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
        var header: SafeHTML
        var pages: [(String, String)]
    }

    private static func renderSOP(_ item: ResolvedPack.ResolvedSOP, with renderer: SOPViewRenderer, theme: ThemeLibrary,
                                  models: PageModelBuilder, navs: [String: SafeHTML]) -> RenderedSOP {
        let views = renderer.render(item)
        var pages: [(String, String)] = []
        // The same in every view of this SOP: rendered once, not once per role.
        let header = theme.fragment(models.sopHeader(item.sop))
        var tocs: [[GFMHeading]: SafeHTML] = [:]
        func toc(_ rendering: GFMRendering) -> SafeHTML {
            let headings = rendering.headings.filter { $0.level == 2 }
            guard !headings.isEmpty else { return .empty }
            if let html = tocs[headings] { return html }
            let html = theme.fragment(models.tableOfContents(rendering))
            tocs[headings] = html
            return html
        }
        let heading = SOPPage.Heading(title: item.sop.title, id: item.sop.id)

        let trainer = SOPPage(sop: heading, sopHeaderHTML: header, bodyHTML: views.trainer.safeHTML,
                              tocHTML: toc(views.trainer), isTrainerView: true, role: nil, trainerHref: nil)
        let trainerChrome = models.chrome(title: item.sop.title, root: "../", bodyClass: "sop trainer-view",
                                          nav: navs["../"]!)
        pages.append(("sops/\(item.sop.id).html", theme.render(Page(chrome: trainerChrome, content: trainer))))

        let roleChrome = models.chrome(title: item.sop.title, root: "../../", bodyClass: "sop role-view",
                                       nav: navs["../../"]!)
        for (roleID, rendering) in views.roles.sorted(by: { $0.key < $1.key }) {
            guard let name = models.roleNames[roleID] else { continue }
            let page = SOPPage(sop: heading, sopHeaderHTML: header, bodyHTML: rendering.safeHTML,
                               tocHTML: toc(rendering), isTrainerView: false, role: .init(id: roleID, name: name, href: "index.html"),
                               trainerHref: "../../sops/\(item.sop.id).html")
            pages.append(("roles/\(roleID)/\(item.sop.id).html", theme.render(Page(chrome: roleChrome, content: page))))
        }
        return RenderedSOP(sop: item.sop, views: views, header: header, pages: pages)
    }
}
