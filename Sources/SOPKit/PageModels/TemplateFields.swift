/// The hand-written fields of the models rendered once per SOP view (thousands of pages in a big
/// pack); every other model is reflected. Each must equal `TemplateContext.fields(of:)`.
extension PageChrome: TemplateFields {
    var templateFields: [String: Any] {
        var fields: [String: Any] = ["pageTitle": pageTitle, "root": root, "bodyClass": bodyClass, "pack": pack.templateFields,
                                     "navHTML": navHTML, "homeHref": homeHref]
        if let search { fields["search"] = ["label": search.label, "placeholder": search.placeholder, "index": search.index, "script": search.script] }
        return fields
    }
}

extension PackTitle: TemplateFields {
    var templateFields: [String: Any] {
        guard let organisation else { return ["title": title] }
        return ["title": title, "organisation": organisation]
    }
}

extension SOPPage: TemplateFields {
    var templateFields: [String: Any] {
        var fields: [String: Any] = [
            "sop": ["title": sop.title, "id": sop.id], "sopHeaderHTML": sopHeaderHTML, "bodyHTML": bodyHTML,
            "tocHTML": tocHTML, "isTrainerView": isTrainerView,
        ]
        if let role { fields["role"] = ["id": role.id, "name": role.name, "href": role.href] }
        if let trainerHref { fields["trainerHref"] = trainerHref }
        if let previous { fields["previous"] = ["title": previous.title, "href": previous.href] }
        if let next { fields["next"] = ["title": next.title, "href": next.href] }
        fields["hasPager"] = hasPager
        fields["roleViews"] = roleViews.map { ["id": $0.id, "name": $0.name, "href": $0.href] }
        fields["hasRoleViews"] = hasRoleViews
        return fields
    }
}

extension SOPHeader: TemplateFields {
    var templateFields: [String: Any] {
        var fields: [String: Any] = ["title": title, "id": id, "facts": facts.map { ["label": $0.label, "value": $0.value] }]
        if let flaggedBy { fields["flaggedBy"] = flaggedBy }
        if let reviewOverdue { fields["reviewOverdue"] = reviewOverdue }
        return fields
    }
}

extension TableOfContents: TemplateFields {
    var templateFields: [String: Any] {
        ["toc": toc.map { ["text": $0.text, "id": $0.id] }]
    }
}

/// The entries of the lists a role's print and handbook pages and the trainer index hold, one per
/// SOP (a print page of a big role lists hundreds twice).
extension PrintPage.Section: TemplateFields {
    var templateFields: [String: Any] {
        ["id": id, "headerHTML": headerHTML, "bodyHTML": bodyHTML]
    }
}

extension ContentsEntry: TemplateFields {
    var templateFields: [String: Any] {
        ["id": id, "title": title]
    }
}

extension SOPSummary: TemplateFields {
    var templateFields: [String: Any] {
        var fields: [String: Any] = ["id": id, "title": title, "href": href, "surface": surface, "audience": audience]
        if let summary { fields["summary"] = summary }
        if let flaggedBy { fields["flaggedBy"] = flaggedBy }
        if let reviewOverdue { fields["reviewOverdue"] = reviewOverdue }
        return fields
    }
}
