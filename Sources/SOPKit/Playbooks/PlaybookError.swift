import Foundation

/// Why a playbook export or import stopped. Every case names what to do next.
public enum PlaybookError: Error, CustomStringConvertible {
    case unknownPlaybook(String, [String])
    case unreadableBundle(String)
    case unsupportedFormat(String)
    /// Where in the bundle (`line 4, column 22`) and what is wrong there.
    case invalidBundle(String)
    case tooLarge(path: String, bytes: Int)
    case tampered
    case unsigned
    case badSignature
    case badKey(String)
    case leftoverSecrets([String])
    /// What export would have removed or changed: the bundle did not come from `playbook export`.
    case notAsExported([String])
    /// What `sopgen check` would report about the file the import would write.
    case wouldFailCheck([String])
    case exists(String)
    case notWrittenBySopgen(String)
    case unsafePath(String)
    case writeFailed(String)
    case unknownSite(String, [String])

    public var description: String {
        switch self {
        case .unknownPlaybook(let id, let known):
            return "no playbook '\(id)' in playbooks/\(Suggestion.didYouMean(id, in: known))"
        case .unreadableBundle(let reason):
            return "cannot read the bundle: \(reason)"
        case .unsupportedFormat(let found):
            return "not a sopgen playbook bundle of a version this sopgen reads (\(found)); export it again with this sopgen"
        case .invalidBundle(let problem):
            return "the bundle is not as sopgen writes it: \(problem); refusing it"
        case .tooLarge(let path, let bytes):
            let mebibytes = String(format: "%.1f", Double(bytes) / 1_048_576)
            return "\(path) is \(mebibytes) MiB; sopgen reads bundles of up to \(PackLoader.maximumFileSize / 1_048_576) MiB, "
                + "the limit of every pack file (a playbook is a few KB)"
        case .tampered:
            return "the bundle's checksum does not match its manifest and playbook: it was changed or damaged after export; refusing it"
        case .unsigned:
            return "the bundle is not signed, and --verify-key asks for a signature; refusing it"
        case .badSignature:
            return "the bundle's signature does not match the --verify-key key: it was changed after signing, or signed by "
                + "someone else; refusing it"
        case .badKey(let reason):
            return "cannot use the key: \(reason)"
        case .leftoverSecrets(let findings):
            return "the bundle still carries secrets or personal data (\(findings.joined(separator: "; "))); refusing it"
        case .notAsExported(let changes):
            return "the bundle holds what sopgen playbook export removes, so it was not made by export or was edited after: "
                + "\(changes.joined(separator: "; ")); refusing it"
        case .wouldFailCheck(let problems):
            return "the playbook the bundle makes would not pass sopgen check, so nothing was written:\n"
                + problems.joined(separator: "\n")
        case .exists(let path):
            return "\(path) exists; pass --replace to overwrite it"
        case .notWrittenBySopgen(let path):
            return "\(path) exists and was not written by sopgen playbook import; move it away first (--replace only replaces an earlier import)"
        case .unsafePath(let reason):
            return "refusing to write: \(reason)"
        case .writeFailed(let reason):
            return "cannot write: \(reason)"
        case .unknownSite(let id, let known):
            return "no site '\(id)' in sites/\(Suggestion.didYouMean(id, in: known))"
        }
    }
}
