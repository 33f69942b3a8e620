import Foundation
@testable import SOPKit

/// Bundles made in tests: a playbook value sealed the way export seals it, so a test can craft
/// exactly the content it means to attack import with.
enum BundleFixtures {
    static let manifest = PlaybookBundle.Manifest(sourceSite: "site-1", exportDate: "2026-11-21", version: "1.0.0",
                                                  owner: "operations-lead", requiredLocalChanges: [])

    static func sealed(_ playbook: JSONValue, manifest: PlaybookBundle.Manifest = manifest,
                       signingKey: BundleSigningKey? = nil) throws -> PlaybookBundle {
        try PlaybookBundle(manifest: manifest, playbook: playbook).sealed(signingKey: signingKey)
    }

    /// A playbook that passes every check in the client-target pack.
    static func playbook(_ changes: KeyValuePairs<String, JSONValue> = [:]) -> JSONValue {
        var members: [JSONValue.Member] = [
            .init(key: "id", value: .string("stock-check")), .init(key: "title", value: .string("Stock check")),
            .init(key: "owner", value: .string("operations-lead")), .init(key: "trigger", value: .string("Every morning")),
            .init(key: "input", value: .array([.string("stock levels")])), .init(key: "output", value: .string("A note")),
            .init(key: "approval", value: .string("refunds-and-coupons")), .init(key: "retry", value: .string("Once")),
            .init(key: "failure_notification", value: .string("Post in the ops channel")),
            .init(key: "kill_switch", value: .string("operations-lead")), .init(key: "mode", value: .string("read-only")),
            .init(key: "steps", value: .string("1. Read the stock report.\n2. Draft a note.\n")),
        ]
        for (key, value) in changes {
            if let index = members.firstIndex(where: { $0.key == key }) { members[index].value = value } else { members.append(.init(key: key, value: value)) }
        }
        return .object(members)
    }
}
