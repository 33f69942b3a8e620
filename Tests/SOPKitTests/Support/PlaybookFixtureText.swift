/// The refund-triage fixture as imported into `client-target`, with its placeholders filled.
enum PlaybookFixtureText {
    /// Fills every placeholder of the imported fixture with the target site's values.
    static func filled(_ text: String) -> String {
        var localised = text
        for (placeholder, value) in [("\"<<local: provider setup>>\"", "OpenAI gpt-4.1-mini"), ("\"<<local: coupon rules>>\"", "One coupon per order"),
                                     ("\"<<local: order status slugs>>\"", "processing"), ("<<local: site URL>>", "https://shop.harbourandvine.example"),
                                     ("<<local: person>>", "Tom Okafor"), ("<<local: site name>>", "our store")] {
            localised = localised.replacingOccurrences(of: placeholder, with: value)
        }
        return localised
    }
}
