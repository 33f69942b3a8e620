/// sopgen's version, in one place: `sopgen --version`, the JSON and SARIF reports. A release is
/// tagged `v` + this value; `VersionTests` checks it against `git describe --tags` when the checkout
/// has tags, and against the README's install section always.
public enum SopgenVersion {
    public static let current = "0.1.0"
}
