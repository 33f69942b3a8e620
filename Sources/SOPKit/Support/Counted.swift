/// A count with its noun, singular for one: "1 warning", "3 warnings", "0 errors". Every count
/// sopgen prints goes through here, so no message says "1 warnings".
public enum Counted {
    /// `plural` defaults to the noun with an `s`.
    public static func text(_ number: Int, _ noun: String, plural: String? = nil) -> String {
        "\(number) \(number == 1 ? noun : plural ?? noun + "s")"
    }
}
