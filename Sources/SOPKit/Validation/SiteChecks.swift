import Foundation

/// Site records: the seven rollout facts present and plausible.
enum SiteChecks {
    static func check(_ pack: Pack) -> [Diagnostic] {
        var diagnostics = requirements(of: pack)
        for site in pack.sites {
            for provider in site.providers where provider.credentialsOwner == nil {
                diagnostics.append(.warning(.providerWithoutOwner, "provider '\(provider.name)' names nobody who owns its credentials (credentials_owner)", at: site.fieldLocations[.providers] ?? site.location))
            }
            // Gates block a rollout, not a build: they are warnings here (errors with --strict) and
            // blocking items on the printed checklist. Policies without rollback are PolicyChecks'.
            for gate in RolloutGates.gates(for: site, in: pack) where gate.code != .noRollback {
                diagnostics.append(.warning(gate.code, gate.message, at: gate.location))
            }
            for field in SiteField.urls {
                guard let text = site.text(of: field), let location = site.fieldLocations[field],
                      let problem = urlProblem(field, text, at: location) else { continue }
                diagnostics.append(problem)
            }
            for field in SiteField.versions {
                guard let location = site.fieldLocations[field], let text = site.text(of: field) else { continue }
                if !isVersion(text) {
                    diagnostics.append(.error(.invalidVersion, "\(field.rawValue) '\(text)' is not a version like 8.2.28", at: location))
                }
            }
            if let version = site.activeTheme?.version, let location = site.themeVersionLocation, !isVersion(version) {
                diagnostics.append(.error(.invalidVersion, "active_theme version '\(version)' is not a version like 1.4.0", at: location))
            }
        }
        return diagnostics
    }

    /// What check says about `text` as the record's `production_url` or `staging_url`; nil when fine.
    static func urlProblem(_ field: SiteField, _ text: String, at location: SourceLocation) -> Diagnostic? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty else {
            return .error(.invalidUrl, "\(field.rawValue) '\(text)' is not a web address like https://shop.example.com", at: location)
        }
        if field == .productionURL, scheme != "https" {
            return .error(.insecureProductionUrl, "production_url must use https, not \(scheme)", at: location)
        }
        return nil
    }

    static func normalised(_ url: String) -> String {
        var text = url.lowercased().trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// Dotted numbers with an optional pre-release or build suffix: 6.8.1, 8.2.28, 2.4.0-beta.2.
    static func isVersion(_ text: String) -> Bool { VersionNumber(text) != nil }

    /// `requirements:` in sopgen.yml: each minimum must be a version, or no site is compared with it.
    static func requirements(of pack: Pack) -> [Diagnostic] {
        pack.settings.requirements.sorted { $0.key < $1.key }.compactMap { key, minimum in
            isVersion(minimum.value) ? nil
                : .error(.invalidVersion, "requirements.\(key) '\(minimum.value)' is not a version like 8.1 or 6.5.2", at: minimum.location)
        }
    }
}
