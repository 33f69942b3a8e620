import Foundation
import Testing
@testable import SOPKit

/// The top menu, breadcrumbs, previous/next and the trainer view's role switch: as page models,
/// and in every page of the bundled site (every link resolves to a file the build writes).
@Suite struct NavigationTests {
    static func built() async throws -> (plan: OutputPlan, resolved: ResolvedPack) {
        let result = await Build.plan(TestPaths.bundledPack)
        return (try #require(result.plan), try #require(result.resolved))
    }

    /// `href` as seen from the page at `page`, as a site path without its fragment; nil if it
    /// leaves the site or is not a relative link.
    static func resolve(_ href: String, from page: String) -> String? {
        guard !href.contains(":"), !href.hasPrefix("/") else { return nil }
        let path = String(href.prefix { $0 != "#" })
        if path.isEmpty { return page }
        var parts = page.split(separator: "/").dropLast().map(String.init)
        for part in path.split(separator: "/") {
            if part == ".." { guard !parts.isEmpty else { return nil }; parts.removeLast() } else if part != "." { parts.append(String(part)) }
        }
        return parts.joined(separator: "/")
    }

    static func hrefs(in html: Substring) -> [String] {
        html.matches(of: /href="([^"]*)"/).map { String($0.output.1) }
    }

    // MARK: The menu as a model

    @Test func theMenuMarksTheCurrentPageAndItsArea() async throws {
        let (_, resolved) = try await Self.built()
        let models = PageModelBuilder(resolved: resolved)
        func marks(_ location: PageLocation) -> (pages: [String], areas: [String]) {
            let nav = models.navigation(at: location)
            var pages: [String] = [], areas: [String] = []
            for section in nav.sections {
                if section.isPage { pages.append(section.title) }
                if section.isArea { areas.append(section.title) }
                for link in section.links {
                    if link.isPage { pages.append(section.title + "/" + link.name) }
                    if link.isArea { areas.append(section.title + "/" + link.name) }
                }
            }
            return (pages, areas)
        }
        #expect(models.navigation(at: .home).sections.map(\.title)
                == ["Handbooks", "Trainer view", "Knowledge checks", "Checklists", "Playbooks", "Automations"])
        #expect(marks(.home).pages.isEmpty && marks(.home).areas.isEmpty)
        #expect(marks(.handbook(role: "store-manager")).pages == ["Handbooks/Store manager"])
        #expect(marks(.handbook(role: "store-manager")).areas == ["Handbooks"])
        #expect(marks(.roleSOP(role: "store-manager")).pages == [])
        #expect(marks(.roleSOP(role: "store-manager")).areas == ["Handbooks", "Handbooks/Store manager"])
        #expect(marks(.knowledgeCheck(role: "editor")).pages == ["Knowledge checks/Editor"])
        #expect(marks(.trainerIndex).pages == ["Trainer view"])
        #expect(marks(.trainerSOP).areas == ["Trainer view"])
        #expect(marks(.playbookRegister).pages == ["Playbooks"])
        #expect(marks(.playbook).areas == ["Playbooks"])
        #expect(marks(.automations).pages == ["Automations"])
        // Links are relative to the page's folder.
        #expect(models.navigation(at: .trainerSOP).sections[0].links[0].href == "../roles/site-admin/index.html")
        #expect(models.navigation(at: .home).sections[1].href == "sops/index.html")
    }

    @Test func aPackWithoutPlaybooksOrChecklistsHasNoSuchSections() async throws {
        let (pack, decoded) = await PackDecoder().decode(InMemoryPack.loaded(PackFiles.pack([:])))
        #expect(!decoded.hasErrors)
        let models = PageModelBuilder(resolved: PackResolver().resolve(pack))
        #expect(models.navigation(at: .home).sections.map(\.title) == ["Handbooks", "Trainer view", "Knowledge checks"])
    }

    @Test func previousAndNextFollowTheGivenOrderWithEachIDOnce() {
        let sequence = PagerSequence(["b", "a", "c", "a"])
        func pager(_ id: String) -> Pager { sequence.pager(for: id, title: { $0.uppercased() }, href: { "\($0).html" }) }
        #expect(pager("b") == Pager(previous: nil, next: .init(title: "A", href: "a.html")))
        #expect(pager("a") == Pager(previous: .init(title: "B", href: "b.html"), next: .init(title: "C", href: "c.html")))
        #expect(pager("c") == Pager(previous: .init(title: "A", href: "a.html"), next: nil))
        #expect(pager("missing") == Pager.none)
        #expect(PagerSequence(["only"]).pager(for: "only", title: { $0 }, href: { $0 }) == Pager.none)
    }

    // MARK: The built pages

    @Test func aRolesSOPPagesLinkPreviousAndNextInTheHandbooksOrder() async throws {
        let (plan, resolved) = try await Self.built()
        for handbook in resolved.handbooks {
            let ids = handbook.sopIDs
            for (index, id) in ids.enumerated() {
                let html = try #require(plan.text("roles/\(handbook.role.id)/\(id).html"))
                let previous = html.firstMatch(of: /rel="prev" href="([^"]*)"/).map { String($0.output.1) }
                let next = html.firstMatch(of: /rel="next" href="([^"]*)"/).map { String($0.output.1) }
                #expect(previous == (index > 0 ? "\(ids[index - 1]).html" : nil), "\(handbook.role.id)/\(id)")
                #expect(next == (index + 1 < ids.count ? "\(ids[index + 1]).html" : nil), "\(handbook.role.id)/\(id)")
            }
        }
        let trainerIDs = resolved.sops.map(\.sop.id)
        let second = try #require(plan.text("sops/\(trainerIDs[1]).html"))
        #expect(second.contains("rel=\"prev\" href=\"\(trainerIDs[0]).html\""))
        #expect(second.contains("rel=\"next\" href=\"\(trainerIDs[2]).html\""))
    }

    @Test func theTrainerViewOffersEachOfItsRolesViews() async throws {
        let (plan, resolved) = try await Self.built()
        for item in resolved.sops {
            let html = try #require(plan.text("sops/\(item.sop.id).html"))
            let block = try #require(html.firstMatch(of: /<nav class="view-switch" aria-label="Role views">(.*?)<\/nav>/)?.output.1)
            let targets = Self.hrefs(in: block).compactMap { Self.resolve($0, from: "sops/\(item.sop.id).html") }
            let readers = Set(item.sop.audience.map(\.value))
            #expect(Set(targets) == Set(readers.map { "roles/\($0)/\(item.sop.id).html" }), "\(item.sop.id)")
            #expect(block.contains("See this SOP as:"))
        }
    }

    @Test func everyMenuAndBreadcrumbLinkResolvesAndEveryCrumbButTheLastIsALink() async throws {
        let (plan, _) = try await Self.built()
        let paths = Set(plan.files.map(\.path))
        var checked = 0
        for file in plan.files where file.path.hasSuffix(".html") {
            let html = String(decoding: file.contents, as: UTF8.self)
            if let nav = html.firstMatch(of: /<nav class="site-nav" aria-label="Site">(.*?)<\/nav>/.dotMatchesNewlines())?.output.1 {
                for href in Self.hrefs(in: nav) {
                    let target = Self.resolve(href, from: file.path)
                    #expect(target.map(paths.contains) == true, "\(file.path): menu link \(href)")
                    if target == file.path { #expect(nav.contains("href=\"\(href)\" aria-current=\"page\""), "\(file.path)") }
                }
                #expect(nav.matches(of: /aria-current="page"/).count <= 1, "\(file.path)")
            }
            guard let crumbs = html.firstMatch(of: /<p class="(?:screen-only )?breadcrumbs">(.*?)<\/p>/)?.output.1 else { continue }
            let items = crumbs.components(separatedBy: " › ")
            #expect(items.count >= 2, "\(file.path): \(crumbs)")
            for item in items.dropLast() {
                #expect(item.hasPrefix("<a href=\"") && item.hasSuffix("</a>"), "\(file.path): crumb '\(item)' is not a link")
                for href in Self.hrefs(in: Substring(item)) {
                    #expect(Self.resolve(href, from: file.path).map(paths.contains) == true, "\(file.path): crumb link \(href)")
                }
            }
            #expect(items.last.map { !$0.contains("<a ") } == true, "\(file.path): the last crumb is the page itself")
            checked += 1
        }
        #expect(checked > 50)
    }

    @Test func pagesInTheMenuAreMarkedAsTheCurrentPage() async throws {
        let (plan, _) = try await Self.built()
        for (page, href) in [("roles/store-manager/index.html", "../../roles/store-manager/index.html"),
                             ("roles/editor/check.html", "../../roles/editor/check.html"),
                             ("sops/index.html", "../sops/index.html"),
                             ("playbooks/index.html", "../playbooks/index.html"),
                             ("automations/index.html", "../automations/index.html")] {
            let html = try #require(plan.text(page))
            #expect(html.contains("<a href=\"\(href)\" aria-current=\"page\">"), "\(page)")
        }
        let sop = try #require(plan.text("roles/store-manager/support-drafts.html"))
        #expect(sop.contains("<a href=\"../../roles/store-manager/index.html\" aria-current=\"true\">Store manager</a>"))
        #expect(sop.contains("<summary aria-current=\"true\">Handbooks</summary>"))
    }

    @Test func theHandbookListsItsSOPsBeforeTheDecisionGuideWithContentsThatResolve() async throws {
        let (plan, _) = try await Self.built()
        let html = try #require(plan.text("roles/store-manager/index.html"))
        let sops = try #require(html.range(of: "<h2 id=\"sop-list-title\">"))
        let guide = try #require(html.range(of: "<h2 id=\"decision-guide-title\">"))
        let capabilities = try #require(html.range(of: "<h2 id=\"capabilities-title\">"))
        #expect(sops.lowerBound < capabilities.lowerBound && sops.lowerBound < guide.lowerBound)
        let contents = try #require(html.firstMatch(of: /<nav class="toc handbook-contents" aria-label="On this page">(.*?)<\/nav>/.dotMatchesNewlines())?.output.1)
        let fragments = Self.hrefs(in: contents)
        #expect(fragments.first == "#sop-list-title")
        for fragment in fragments { #expect(html.contains("id=\"\(fragment.dropFirst())\""), "\(fragment)") }
    }
}
