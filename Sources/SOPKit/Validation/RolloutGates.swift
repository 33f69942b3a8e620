import Foundation

/// What blocks a safe rollout of one site: the checklist lists these first, as blocking items,
/// and `check` reports the same conditions as diagnostics.
public struct RolloutGate: Sendable, Hashable {
    public var code: DiagnosticCode
    public var message: String
    public var location: SourceLocation
}

public enum RolloutGates {
    /// Components a pack can set a minimum version for (`requirements:` keys), with their labels
    /// and the site record's field that holds the installed version.
    static let components: [(key: String, label: String, field: SiteField)] = [
        ("sophmate", "SophMate", .sophmateVersion), ("wordpress", "WordPress", .wordpressVersion),
        ("php", "PHP", .phpVersion), ("woocommerce", "WooCommerce", .woocommerceVersion),
    ]

    public static func gates(for site: Site, in pack: Pack) -> [RolloutGate] {
        var gates: [RolloutGate] = []
        for fact in site.rolloutFacts where fact.value == nil {
            gates.append(RolloutGate(code: .missingRolloutFact,
                                     message: "\(fact.label) is not recorded for \(site.name); record it before rollout",
                                     location: site.fieldLocations[fact.field] ?? site.location))
        }
        if stagingIsProduction(site) {
            gates.append(RolloutGate(code: .stagingIsProduction,
                                     message: "the staging URL is the production site; staging must be a separate site",
                                     location: site.fieldLocations[.stagingURL] ?? site.location))
        }
        if site.sophmateActive == false {
            gates.append(RolloutGate(code: .sophmateInactive,
                                     message: "SophMate is not active on \(site.name); activate it before rollout",
                                     location: site.fieldLocations[.sophmateActive] ?? site.location))
        }
        for shortfall in versionShortfalls(of: site, in: pack) {
            gates.append(RolloutGate(code: .versionBelowMinimum,
                                     message: "\(shortfall.label) \(shortfall.version) is below the pack's minimum \(shortfall.minimum); upgrade before rollout",
                                     location: site.fieldLocations[shortfall.field] ?? site.location))
        }
        let rollback = site.rollbackSummary
        for policy in pack.policies where policy.mode != .readOnly && policy.rollback == nil && rollback == nil {
            gates.append(RolloutGate(code: .noRollback,
                                     message: "'\(policy.action)' can write to the site but no rollback or support path is documented",
                                     location: policy.location))
        }
        return gates
    }
}

extension RolloutGates {
    /// A component installed below the pack's minimum: its site record field, label and both versions.
    struct VersionShortfall: Sendable {
        var field: SiteField
        var label: String
        var version: String
        var minimum: String
    }

    static func versionShortfalls(of site: Site, in pack: Pack) -> [VersionShortfall] {
        components.compactMap { key, label, field in
            guard let minimum = pack.settings.requirements[key], let version = site.text(of: field),
                  let order = VersionOrder.compare(version, minimum.value), order == .orderedAscending else { return nil }
            return VersionShortfall(field: field, label: label, version: version, minimum: minimum.value)
        }
    }

    static func stagingIsProduction(_ site: Site) -> Bool {
        guard let production = site.productionURL, let staging = site.stagingURL else { return false }
        return SiteChecks.normalised(production) == SiteChecks.normalised(staging)
    }

    /// The recorded values that block the rollout, by site record field, each with why, so a page can
    /// mark the value itself: the gates above, seen from the field.
    static func failingFacts(of site: Site, in pack: Pack) -> [SiteField: String] {
        var failing: [SiteField: String] = [:]
        for shortfall in versionShortfalls(of: site, in: pack) {
            failing[shortfall.field] = "below the pack's minimum \(shortfall.minimum)"
        }
        if stagingIsProduction(site) { failing[.stagingURL] = "the same site as production" }
        if site.sophmateActive == false, site.sophmateVersion != nil {
            failing[.sophmateVersion] = (failing[.sophmateVersion].map { $0 + "; " } ?? "") + "installed but not active"
        }
        return failing
    }
}

/// Orders dotted version numbers numerically: 8.10 is after 8.9, 6.8 equals 6.8.0. Nil when
/// either is not a version (`invalid-version` reports it, so "7 beta" is that one diagnostic and
/// never also below a minimum). What a version is, and its order, are `VersionNumber`'s.
enum VersionOrder {
    static func compare(_ lhs: String, _ rhs: String) -> ComparisonResult? {
        guard let left = VersionNumber(lhs), let right = VersionNumber(rhs) else { return nil }
        let order = VersionNumber.compare(left, right)
        return order < 0 ? .orderedAscending : order > 0 ? .orderedDescending : .orderedSame
    }
}
