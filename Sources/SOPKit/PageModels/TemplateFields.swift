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
