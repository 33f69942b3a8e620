/// The hand-written fields of the models rendered once per SOP view (thousands of pages in a big
/// pack); every other model is reflected. Each must equal `TemplateContext.fields(of:)`.
extension PageChrome: TemplateFields {
    var templateFields: [String: Any] {
        ["pageTitle": pageTitle, "root": root, "bodyClass": bodyClass, "pack": pack.templateFields, "navHTML": navHTML,
         "homeHref": homeHref]
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
