extension PageModelBuilder {
    /// One entry of the menu before it is placed: its href from the site root, and the locations
    /// for which it is the page or the area.
    private struct Entry {
        var name: String
        var path: String
        var page: PageLocation?
        var area: (PageLocation) -> Bool = { _ in false }

        func mark(_ location: PageLocation) -> Navigation.Mark {
            if page == location { return .page }
            return area(location) ? .area : .none
        }
    }

    /// The menu as a page at `location` shows it.
    func navigation(at location: PageLocation) -> Navigation {
        let root = location.root
        var sections: [(title: String, entries: [Entry])] = []
        sections.append(("Handbooks", resolved.handbooks.map { handbook in
            let id = handbook.role.id
            return Entry(name: handbook.role.name, path: "roles/\(id)/index.html", page: .handbook(role: id),
                         area: { $0 == .roleSOP(role: id) })
        }))
        sections.append(("Trainer view", [Entry(name: "Trainer view", path: "sops/index.html", page: .trainerIndex,
                                                area: { $0 == .trainerSOP })]))
        sections.append(("Knowledge checks", resolved.handbooks.map { handbook in
            let id = handbook.role.id
            return Entry(name: handbook.role.name, path: "roles/\(id)/check.html", page: .knowledgeCheck(role: id))
        }))
        let onlySite = pack.sites.count == 1
        sections.append(("Checklists", pack.sites.flatMap { site in
            pack.checklists.map { Entry(name: onlySite ? $0.title : "\(site.name): \($0.title)", path: "checklists/\(site.id)/\($0.id).html") }
        }))
        if !pack.playbooks.isEmpty {
            sections.append(("Playbooks", [Entry(name: "Playbooks", path: "playbooks/index.html", page: .playbookRegister,
                                                 area: { $0 == .playbook })]))
        }
        if !pack.automations.isEmpty {
            sections.append(("Automations", [Entry(name: "Automations", path: "automations/index.html", page: .automations)]))
        }
        return Navigation(sections: sections.filter { !$0.entries.isEmpty }.map { title, entries in
            let marks = entries.map { $0.mark(location) }
            let links = zip(entries, marks).map { entry, mark in
                Navigation.Link(name: entry.name, href: root + entry.path, isPage: mark.isPage, isArea: mark.isArea)
            }
            if entries.count == 1, entries[0].name == title {
                return .init(title: title, href: links[0].href, isLink: true, isPage: marks[0].isPage, isArea: marks[0].isArea, links: [])
            }
            // A section holding the current page, or its area, is the current page's area.
            return .init(title: title, href: "", isLink: false, isPage: false, isArea: marks.contains { $0 != .none }, links: links)
        })
    }
}
