/// Key names that hold credentials. A site record or pack file names who owns a credential,
/// never the credential itself.
enum SecretKeys {
    static let names = ["key", "api_key", "apikey", "token", "secret", "password", "access_key", "secret_key"]

    static func looksSecret(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return names.contains(lowered) || lowered.hasSuffix("_key") || lowered.hasSuffix("_token")
            || lowered.hasSuffix("_secret") || lowered.hasSuffix("password")
    }
}
