import ArgumentParser
import SOPKit

@main
struct SopgenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sopgen",
        abstract: "Turn a pack of roles, policies, site records and SOPs into SophMate rollout handbooks.",
        discussion: """
            A pack is a folder of plain files (sopgen.yml, roles.yml, policies.yml, sites/, procedures/,
            snippets/). sopgen checks it, then writes one handbook per role, a trainer view of every SOP
            and a printable handbook per role.

            Example:
              sopgen build sops --output site
            """,
        version: SopgenVersion.current,
        subcommands: [BuildCommand.self, CheckCommand.self, ChecklistCommand.self, SiteCommand.self, PlaybookCommand.self, RenderCommand.self,
                      SchemaCommand.self]
    )
}
