/// `sops/index.html`: every SOP in the trainer view, with the roles it is for.
struct TrainerIndexPage: TemplateModel {
    static let template = "trainer"

    var sops: [SOPSummary]
    var hasSOPs: Bool
}
