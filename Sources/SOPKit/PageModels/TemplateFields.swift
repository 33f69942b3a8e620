/// The hand-written fields of the models rendered once per SOP view (thousands of pages in a big
/// pack); every other model is reflected. Each must equal `TemplateContext.fields(of:)` (text as
/// `TemplateText`, as `TemplateContext` hands it on).
extension PageChrome: TemplateFields {
    var templateFields: [String: Any] {
        var fields: [String: Any] = ["pageTitle": TemplateText(pageTitle), "root": TemplateText(root), "bodyClass": TemplateText(bodyClass),
                                     "pack": pack.templateFields, "navHTML": navHTML, "homeHref": TemplateText(homeHref)]
        if let search {
            fields["search"] = ["label": TemplateText(search.label), "placeholder": TemplateText(search.placeholder),
                                "index": TemplateText(search.index), "script": TemplateText(search.script)]
        }
        return fields
    }
}

extension PackTitle: TemplateFields {
    var templateFields: [String: Any] {
        guard let organisation else { return ["title": TemplateText(title)] }
        return ["title": TemplateText(title), "organisation": TemplateText(organisation)]
    }
}

extension SOPPage: TemplateFields {
    var templateFields: [String: Any] {
        var fields: [String: Any] = [
            "sop": ["title": TemplateText(sop.title), "id": TemplateText(sop.id)], "sopHeaderHTML": sopHeaderHTML, "bodyHTML": bodyHTML,
            "tocHTML": tocHTML, "isTrainerView": isTrainerView,
        ]
        if let role { fields["role"] = ["id": TemplateText(role.id), "name": TemplateText(role.name), "href": TemplateText(role.href)] }
        if let trainerHref { fields["trainerHref"] = TemplateText(trainerHref) }
        if let previous { fields["previous"] = ["title": TemplateText(previous.title), "href": TemplateText(previous.href)] }
        if let next { fields["next"] = ["title": TemplateText(next.title), "href": TemplateText(next.href)] }
        fields["hasPager"] = hasPager
        fields["roleViews"] = roleViews.map { ["id": TemplateText($0.id), "name": TemplateText($0.name), "href": TemplateText($0.href)] }
        fields["hasRoleViews"] = hasRoleViews
        return fields
    }
}

extension SOPHeader: TemplateFields {
    var templateFields: [String: Any] {
        var fields: [String: Any] = ["title": TemplateText(title), "id": TemplateText(id),
                                     "facts": facts.map { ["label": TemplateText($0.label), "value": TemplateText($0.value)] }]
        if let flaggedBy { fields["flaggedBy"] = TemplateText(flaggedBy) }
        if let reviewOverdue { fields["reviewOverdue"] = TemplateText(reviewOverdue) }
        return fields
    }
}

extension TableOfContents: TemplateFields {
    var templateFields: [String: Any] {
        ["toc": toc.map { ["text": TemplateText($0.text), "id": TemplateText($0.id)] }]
    }
}

/// The entries of the lists a role's print and handbook pages and the trainer index hold, one per
/// SOP (a print page of a big role lists hundreds twice).
extension PrintPage.Section: TemplateFields {
    var templateFields: [String: Any] {
        ["id": TemplateText(id), "headerHTML": headerHTML, "bodyHTML": bodyHTML]
    }
}

extension ContentsEntry: TemplateFields {
    var templateFields: [String: Any] {
        ["id": TemplateText(id), "title": TemplateText(title)]
    }
}

extension SOPSummary: TemplateFields {
    var templateFields: [String: Any] {
        var fields: [String: Any] = ["id": TemplateText(id), "title": TemplateText(title), "href": TemplateText(href),
                                     "surface": TemplateText(surface), "audience": TemplateText(audience)]
        if let summary { fields["summary"] = TemplateText(summary) }
        if let flaggedBy { fields["flaggedBy"] = TemplateText(flaggedBy) }
        if let reviewOverdue { fields["reviewOverdue"] = TemplateText(reviewOverdue) }
        return fields
    }
}

/// A sign-off sheet lists every SOP of its role (one sheet per role and per person).
extension SignOffPage.SOPLine: TemplateFields {
    var templateFields: [String: Any] {
        ["id": TemplateText(id), "title": TemplateText(title), "lastReviewed": TemplateText(lastReviewed),
         "reviewCadence": TemplateText(reviewCadence)]
    }
}
