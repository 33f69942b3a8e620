import ArgumentParser
import Foundation
import SOPKit

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a pack from sopgen's example pack, to edit.",
        discussion: HelpText.discussion("""
            Writes the example pack (roles, policies, a site record, SOPs, checklists and playbooks
            of a WooCommerce shop) into a new folder, with a first comment in sopgen.yml that says
            what to change first. With --from-site-health, the site record is built from your
            site's Site Health info instead of the example's (as 'sopgen site import' does), and
            the pack's default site is yours. The folder must not exist or be empty: init never
            writes into an existing pack, and writes the whole pack at once or nothing.

            Example:
              sopgen init sops
              sopgen init handbook --from-site-health site-health.txt --site shop
            """)
    )

    @Argument(help: "The folder to create.")
    var folder = "sops"

    @Option(name: .customLong("from-site-health"), help: "Site Health text (a file, or - for standard input) for the site record.")
    var siteHealth: String?

    @Option(help: "The new site record's id (with --from-site-health). Defaults to one made from the site's address.")
    var site: String?

    func validate() throws {
        if folder.isEmpty { throw ValidationError("the folder is empty; name the folder to create") }
        if let site, let problem = Identifier.problem(with: site) { throw ValidationError(Identifier.message(kind: "site", site, problem)) }
        if site != nil, siteHealth == nil { throw ValidationError("--site names the record --from-site-health writes; give both") }
    }

    func run() throws {
        guard let example = InstallLocation.folder("sops") else {
            throw ValidationError("sopgen's example pack is not installed beside it; reinstall with scripts/install.sh")
        }
        let files = try Self.read(example)
        let text = try siteHealth.map(SiteHealthInput.read)
        let starter: StarterPack
        do throws(StarterPack.Problem) {
            starter = try StarterPack(example: files, schemas: InstallLocation.folder("schemas"), siteHealth: text, siteID: site)
        } catch {
            throw ValidationError(error.description)
        }
        try NewFolderWriter.create(folder, files: starter.files, staged: TestHooks.initStaged())
        Console.print("Started a pack in \(folder)/ from sopgen's example (\(Counted.text(starter.files.count, "file"))); site record sites/\(starter.siteID).yml.")
        if let imported = starter.siteImport, !imported.missingFacts.isEmpty {
            Console.print("Still missing for rollout: \(imported.missingFacts.joined(separator: ", "))")
        }
        Console.print("Next: edit \(folder)/sopgen.yml (its first lines say what to change), then `sopgen check \(folder)`.")
    }

    /// The example pack's regular files, by pack path; links and anything else are left behind.
    static func read(_ root: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        let base = root.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return files }
        while let relative = walker.nextObject() as? String {
            // The example's own review store (a review run on it) is data, not the example.
            if relative == ReviewStore.folder || relative.hasPrefix(ReviewStore.folder + "/") { continue }
            let path = base + "/" + relative
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  attributes[.type] as? FileAttributeType == .typeRegular,
                  let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            files[relative] = text
        }
        return files
    }
}
