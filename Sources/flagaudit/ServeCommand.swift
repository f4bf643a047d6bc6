import ArgumentParser
import FlagAudit
import FlagAuditServing
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the editors' desk: a local web page to paste a text or drop a file (text, PDF, DOCX, HTML, entry YAML) and see what was read, with its evidence, and the flags it suggests.",
        discussion: "The page and its JSON API (docs/openapi.yaml, also at /openapi.yaml) listen on 127.0.0.1 unless --host says otherwise, and fetch nothing from the network. Stop with Ctrl-C (SIGINT) or SIGTERM: requests in flight are finished first. Exit status: 0 stopped cleanly, 2 the pack or configuration is unusable or the address cannot be bound."
    )

    @Option(help: "The address to listen on. Anything but loopback lets other computers use the desk.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port, which is printed).")
    var port = 8080

    @Option(name: .customLong("max-request-mb"), help: "The largest upload accepted, in megabytes.")
    var maxRequestMB = 16

    @OptionGroup var rules: PackOption

    @OptionGroup var model: ClaimModelOption

    @OptionGroup var config: ConfigOption

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard (1...1024).contains(maxRequestMB) else { throw ValidationError("--max-request-mb must be between 1 and 1024") }
    }

    func run() async throws {
        let pack = try PackOption.configured(rules.rulesDirectory, claimModel: model.claimModel, configuration: config.explicit)
        var options = DeskServer.Options()
        options.host = host
        options.port = port
        options.maxRequestBytes = maxRequestMB << 20
        if !DeskServer.isLoopback(host) {
            Output.error("warning: listening on \(host): other computers on the network can reach the desk and what is pasted into it; use --host 127.0.0.1 to keep it to this one")
        }
        let server = DeskServer(desk: Desk(pack: pack), options: options, toolLine: "\(ToolVersion.name) \(ToolVersion.current) · rule pack \(pack.identity.described)")
        let host = self.host
        do {
            try await server.run { port in
                let shown = host.contains(":") ? "[\(host)]" : host
                Output.write("FlagAudit desk: http://\(shown):\(port)/ (Ctrl-C stops it)\n")
            }
        } catch {
            Output.error("error: cannot serve on \(host):\(port): \(error)")
            throw ExitCode(ExitStatus.untrusted)
        }
    }
}
