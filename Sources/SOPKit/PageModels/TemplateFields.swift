/// The hand-written fields of the models rendered once per SOP view (thousands of pages in a big
/// pack); every other model is reflected. Each must equal `TemplateContext.fields(of:)` (text as
/// `TemplateText`, as `TemplateContext` hands it on).
extension PageChrome: TemplateFields {
    var templateFields: TemplateObject {
        let fields: TemplateObject = ["pageTitle": TemplateText(pageTitle), "root": TemplateText(root), "bodyClass": TemplateText(bodyClass),
                                     "pack": pack.templateFields, "navHTML": TemplateHTML(navHTML), "homeHref": TemplateText(homeHref)]
        if let search {
            fields["search"] = ["label": TemplateText(search.label), "placeholder": TemplateText(search.placeholder),
                                "index": TemplateText(search.index), "script": TemplateText(search.script)] as TemplateObject
        }
        return fields
    }
}

extension PackTitle: TemplateFields {
    var templateFields: TemplateObject {
        guard let organisation else { return ["title": TemplateText(title)] }
        return ["title": TemplateText(title), "organisation": TemplateText(organisation)]
    }
}

extension SOPPage: TemplateFields {
    var templateFields: TemplateObject {
        let fields: TemplateObject = [
            "sop": ["title": TemplateText(sop.title), "id": TemplateText(sop.id)] as TemplateObject, "sopHeaderHTML": TemplateHTML(sopHeaderHTML), "bodyHTML": TemplateHTML(bodyHTML),
            "tocHTML": TemplateHTML(tocHTML), "isTrainerView": isTrainerView,
        ]
        if let role { fields["role"] = ["id": TemplateText(role.id), "name": TemplateText(role.name), "href": TemplateText(role.href)] as TemplateObject }
        if let trainerHref { fields["trainerHref"] = TemplateText(trainerHref) }
        if let previous { fields["previous"] = ["title": TemplateText(previous.title), "href": TemplateText(previous.href)] as TemplateObject }
        if let next { fields["next"] = ["title": TemplateText(next.title), "href": TemplateText(next.href)] as TemplateObject }
        fields["hasPager"] = hasPager
        fields["roleViews"] = roleViews.map { ["id": TemplateText($0.id), "name": TemplateText($0.name), "href": TemplateText($0.href)] as TemplateObject }
        fields["hasRoleViews"] = hasRoleViews
        return fields
    }
}

extension SOPHeader: TemplateFields {
    var templateFields: TemplateObject {
        let fields: TemplateObject = ["title": TemplateText(title), "id": TemplateText(id),
                                     "facts": facts.map { ["label": TemplateText($0.label), "value": TemplateText($0.value)] as TemplateObject }]
        if let flaggedBy { fields["flaggedBy"] = TemplateText(flaggedBy) }
        if let reviewOverdue { fields["reviewOverdue"] = TemplateText(reviewOverdue) }
        return fields
    }
}

extension TableOfContents: TemplateFields {
    var templateFields: TemplateObject {
        ["toc": toc.map { ["text": TemplateText($0.text), "id": TemplateText($0.id)] as TemplateObject }]
    }
}

/// The entries of the lists a role's print and handbook pages and the trainer index hold, one per
/// SOP (a print page of a big role lists hundreds twice).
extension PrintPage.Section: TemplateFields {
    var templateFields: TemplateObject {
        ["id": TemplateText(id), "headerHTML": TemplateHTML(headerHTML), "bodyHTML": TemplateHTML(bodyHTML)]
    }
}

extension ContentsEntry: TemplateFields {
    var templateFields: TemplateObject {
        ["id": TemplateText(id), "title": TemplateText(title)]
    }
}

extension SOPSummary: TemplateFields {
    var templateFields: TemplateObject {
        let fields: TemplateObject = ["id": TemplateText(id), "title": TemplateText(title), "href": TemplateText(href),
                                     "surface": TemplateText(surface), "audience": TemplateText(audience)]
        if let summary { fields["summary"] = TemplateText(summary) }
        if let flaggedBy { fields["flaggedBy"] = TemplateText(flaggedBy) }
        if let reviewOverdue { fields["reviewOverdue"] = TemplateText(reviewOverdue) }
        return fields
    }
}

/// A sign-off sheet lists every SOP of its role (one sheet per role and per person).
extension SignOffPage.SOPLine: TemplateFields {
    var templateFields: TemplateObject {
        ["id": TemplateText(id), "title": TemplateText(title), "lastReviewed": TemplateText(lastReviewed),
         "reviewCadence": TemplateText(reviewCadence)]
    }
}

/// The site menu, rendered for each of a build's page locations (three per role) before any page,
/// on one thread: reflected, its links were most of that time.
extension Navigation: TemplateFields {
    var templateFields: TemplateObject {
        ["sections": sections.map(\.templateFields)]
    }
}

extension Navigation.Section: TemplateFields {
    var templateFields: TemplateObject {
        ["title": TemplateText(title), "href": TemplateText(href), "isLink": isLink, "isPage": isPage, "isArea": isArea,
         "links": links.map(\.templateFields)]
    }
}

extension Navigation.Link: TemplateFields {
    var templateFields: TemplateObject {
        ["name": TemplateText(name), "href": TemplateText(href), "isPage": isPage, "isArea": isArea]
    }
}

/// A role's print page and handbook: a dozen fields each, but the lists of their SOPs (hundreds in
/// a big pack) were each cast to `TemplateFields` entry by entry after the page was reflected.
/// The small parts are still converted by `TemplateContext`. In declaration order, as reflected.
extension PrintPage: TemplateFields {
    var templateFields: TemplateObject {
        let fields: TemplateObject = [
            "role": TemplateContext.context(of: role), "guide": TemplateContext.context(of: guide),
            "escalationPath": TemplateContext.context(of: escalationPath), "isTop": isTop,
            "refusals": refusals, "firstWeekFocus": firstWeekFocus, "hasRefusals": hasRefusals, "hasFirstWeekFocus": hasFirstWeekFocus,
        ]
        if let site { fields["site"] = TemplateContext.context(of: site) }
        fields["sops"] = sops.map(\.templateFields)
        fields["contents"] = contents.map(\.templateFields)
        fields["footerCSS"] = TemplateHTML(footerCSS)
        return fields
    }
}

extension HandbookPage: TemplateFields {
    var templateFields: TemplateObject {
        let fields: TemplateObject = [
            "role": TemplateContext.context(of: role), "capabilities": TemplateContext.context(of: capabilities),
            "guide": TemplateContext.context(of: guide), "escalationPath": TemplateContext.context(of: escalationPath), "isTop": isTop,
            "refusals": refusals, "firstWeekFocus": firstWeekFocus, "hasRefusals": hasRefusals, "hasFirstWeekFocus": hasFirstWeekFocus,
        ]
        if let site { fields["site"] = TemplateContext.context(of: site) }
        fields["sops"] = sops.map(\.templateFields)
        fields["hasSOPs"] = hasSOPs
        fields["packHasPlaybooks"] = packHasPlaybooks
        fields["playbooks"] = TemplateContext.context(of: playbooks)
        fields["packHasAutomations"] = packHasAutomations
        fields["automations"] = TemplateContext.context(of: automations)
        return fields
    }
}
