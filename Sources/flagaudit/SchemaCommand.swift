import ArgumentParser
import FlagAudit

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print a JSON Schema made from the entry format and the pack's vocabulary and rules.",
        discussion: """
            entry: the schema of a study entry, for YAML editors and for validating entries without flagaudit. \
            Save it (flagaudit schema entry > entry.schema.json) and put this first line in an entry, for \
            yaml-language-server (VS Code's YAML extension, Neovim, Helix...) to complete slugs as you type:
              # yaml-language-server: $schema=entry.schema.json
            report: the schema of check --format json.

            Exit status: 0 printed, 2 the rule pack is unusable.
            """,
        subcommands: [EntrySchemaCommand.self, ReportSchemaCommand.self]
    )
}

struct EntrySchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entry", abstract: "The JSON Schema of a study entry (entry format version 1).", discussion: "Exit status: 0 printed, 2 the pack is unusable.")

    @OptionGroup var rules: PackOption

    @OptionGroup var config: ConfigOption

    func run() throws {
        let pack = try PackOption.configured(rules.rulesDirectory, configuration: config.explicit)
        Output.write(EntrySchema.document(vocabulary: pack.vocabulary, packName: pack.identity.name, packVersion: pack.identity.version).serialized() + "\n")
    }
}

struct ReportSchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "The JSON Schema of check --format json.", discussion: "Exit status: 0 printed, 2 the pack is unusable.")

    @OptionGroup var rules: PackOption

    @OptionGroup var config: ConfigOption

    func run() throws {
        Output.write(ReportSchema.document(pack: try PackOption.configured(rules.rulesDirectory, configuration: config.explicit)).serialized() + "\n")
    }
}
