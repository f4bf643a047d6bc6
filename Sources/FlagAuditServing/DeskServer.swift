import FlagAuditModel
import FlagAuditReporting
import FlagAuditScreening
import Foundation
import Hummingbird
import NIOCore
import NIOPosix

/// `flagaudit serve`: the desk's page and its JSON API on Hummingbird. Bound to loopback unless
/// told otherwise; fetches nothing; every upload is read in memory (a PDF goes through a private
/// temporary folder that is removed); request size and concurrent work are bounded.
public struct DeskServer: Sendable {
    public struct Options: Sendable {
        public var host = "127.0.0.1"
        public var port = 8080
        /// The largest request body accepted (413 beyond it).
        public var maxRequestBytes = 16 << 20
        /// Submissions worked on at once, and how many more may wait.
        public var concurrent = max(1, ProcessInfo.processInfo.activeProcessorCount)
        public var queued = 64

        public init() {}
    }

    public let desk: Desk
    public let options: Options
    let page: DeskPage
    let gate: AdmissionGate

    public init(desk: Desk, options: Options, toolLine: String) {
        self.desk = desk
        self.options = options
        self.page = DeskPage(toolLine: toolLine)
        self.gate = AdmissionGate(limit: options.concurrent, queue: options.queued)
    }

    /// Whether `host` is a loopback address, where no one else can reach the desk.
    public static func isLoopback(_ host: String) -> Bool {
        let lower = host.lowercased()
        if lower == "localhost" || lower.hasSuffix(".localhost") || lower == "::1" { return true }
        let octets = lower.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { $0.count <= 3 && UInt8($0) != nil }
    }

    /// Serves until SIGINT or SIGTERM, then finishes the requests in flight and returns.
    /// `onListening` gets the port bound (useful with port 0).
    public func run(onListening: @escaping @Sendable (Int) -> Void) async throws {
        let router = Router()
        if DeskServer.isLoopback(options.host) { router.add(middleware: LoopbackHost()) }
        router.get("/") { _, _ in self.html(self.page.render()) }
        router.post("/") { request, _ in await self.form(request) }
        router.post("/api/screen") { request, _ in await self.apiScreen(request) }
        router.post("/api/check") { request, _ in await self.apiCheck(request) }
        router.get("/api/rules") { _, _ in self.json(.ok, self.rules()) }
        router.get("/openapi.yaml") { _, _ in
            Response(status: .ok, headers: DeskServer.headers("application/yaml; charset=utf-8"), body: .init(byteBuffer: ByteBuffer(string: DeskAPI.openAPI)))
        }
        router.get("/healthz") { _, _ in self.json(.ok, .object([("status", .string("ok"))])) }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "flagaudit"),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? options.port) }
        )
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }

    // MARK: Handlers

    /// The page's form: a file if one was chosen, else the pasted text.
    func form(_ request: Request) async -> Response {
        let body: [UInt8]
        switch await read(request) {
        case .success(let bytes): body = bytes
        case .failure(let failure): return html(page.render(error: failure.message), status: failure.status)
        }
        let form: UploadForm
        do throws(UploadForm.Failure) {
            form = try UploadForm.parse(body, contentType: request.headers[.contentType] ?? "")
        } catch {
            guard case .malformed(let reason) = error else { return html(page.render(), status: .badRequest) }
            return html(page.render(error: "Bad request: \(reason)."), status: .badRequest)
        }
        let pasted = String(decoding: form["text"]?.bytes ?? [], as: UTF8.self)
        let submission: (bytes: [UInt8], name: String)
        if let file = form["file"], let name = file.fileName, !name.isEmpty {
            submission = (file.bytes, DeskServer.safeName(name))
        } else if !pasted.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            submission = (Array(pasted.utf8), "pasted text")
        } else {
            return html(page.render(error: "Paste a text or choose a file first."), status: .badRequest)
        }
        guard let outcome = await work(submission.bytes, name: submission.name, as: .byContent) else {
            return html(page.render(text: pasted, error: "The desk is busy; try again in a moment."), status: .serviceUnavailable)
        }
        var draft: String?
        if case .screened(let result) = outcome, !result.isUnreadable { draft = desk.draft(result) }
        let shown = form["file"]?.fileName?.isEmpty == false ? "" : pasted
        return html(page.render(outcome: outcome, draft: draft, text: shown))
    }

    /// `POST /api/screen`: a JSON object `{"text": ..., "name": ...}`, a multipart form with
    /// `file` or `text`, or the raw bytes of a file named by `?name=`.
    func apiScreen(_ request: Request) async -> Response {
        await api(request, as: .screen) { body, contentType, query in
            let lower = contentType.lowercased()
            if lower.hasPrefix("application/json") {
                guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any], let text = object["text"] as? String else {
                    throw APIFailure(.badRequest, "expected a JSON object with a string \"text\"")
                }
                return (Array(text.utf8), (object["name"] as? String).map(DeskServer.safeName) ?? "pasted text")
            }
            if lower.hasPrefix("multipart/form-data") {
                let form: UploadForm
                do { form = try UploadForm.parse(body, contentType: contentType) } catch { throw APIFailure(.badRequest, "the multipart form is malformed") }
                if let file = form["file"] { return (file.bytes, DeskServer.safeName(file.fileName ?? "upload")) }
                if let text = form["text"] { return (text.bytes, "pasted text") }
                throw APIFailure(.badRequest, "the form has neither a 'file' nor a 'text' field")
            }
            if lower.hasPrefix("application/x-www-form-urlencoded") {
                guard let text = (try? UploadForm.parse(body, contentType: contentType))?["text"] else {
                    throw APIFailure(.badRequest, "the form has no 'text' field")
                }
                return (text.bytes, "pasted text")
            }
            return (body, query.map(DeskServer.safeName) ?? "pasted text")
        }
    }

    /// `POST /api/check`: an entry's YAML as the body, checked as `check` would.
    func apiCheck(_ request: Request) async -> Response {
        await api(request, as: .check) { body, _, query in (body, query.map(DeskServer.safeName) ?? "entry.yaml") }
    }

    struct APIFailure: Error {
        var status: HTTPResponse.Status
        var message: String
        init(_ status: HTTPResponse.Status, _ message: String) {
            self.status = status
            self.message = message
        }
    }

    private func api(_ request: Request, as handling: Desk.Handling, submission: @Sendable ([UInt8], String, String?) throws -> ([UInt8], String)) async -> Response {
        let body: [UInt8]
        switch await read(request) {
        case .success(let bytes): body = bytes
        case .failure(let failure): return json(failure.status, DeskServer.error(failure.message))
        }
        let input: ([UInt8], String)
        do {
            input = try submission(body, request.headers[.contentType] ?? "", request.uri.queryParameters.get("name"))
        } catch let failure as APIFailure {
            return json(failure.status, DeskServer.error(failure.message))
        } catch {
            return json(.badRequest, DeskServer.error("bad request"))
        }
        guard let outcome = await work(input.0, name: input.1, as: handling) else {
            return json(.serviceUnavailable, DeskServer.error("the desk is busy; try again in a moment"))
        }
        // A text that could not be read at all is the client's to fix: 422, with the reason.
        if case .screened(let result) = outcome, result.isUnreadable {
            return json(.unprocessableContent, desk.json(outcome))
        }
        return json(.ok, desk.json(outcome))
    }

    /// Screens or checks a submission in a turn of the gate, on NIO's pool of blocking threads:
    /// the work is synchronous (and a PDF waits on `pdftotext`), so on the cooperative pool it
    /// would hold the threads every other request's task needs. Nil when turned away.
    private func work(_ bytes: [UInt8], name: String, as handling: Desk.Handling) async -> Desk.Outcome? {
        let desk = self.desk
        return try? await gate.admit { try await NIOThreadPool.singleton.runIfActive { desk.submit(bytes, name: name, as: handling) } } ?? nil
    }

    struct ReadFailure: Error {
        var status: HTTPResponse.Status
        var message: String
    }

    /// The request body, up to the limit: larger is 413 with the limit in the message.
    private func read(_ request: Request) async -> Result<[UInt8], ReadFailure> {
        let limit = options.maxRequestBytes
        let tooLarge = ReadFailure(status: .contentTooLarge, message: "The request is larger than the desk's limit of \(limit / (1 << 20)) MB.")
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { return .failure(tooLarge) }
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return .success(Array(buffer.readableBytesView))
        } catch is NIOTooManyBytesError {
            return .failure(tooLarge)
        } catch {
            return .failure(ReadFailure(status: .badRequest, message: "The request body could not be read."))
        }
    }

    private func rules() -> JSONValue {
        .object([
            ("pack", .object([("name", .string(desk.pack.identity.name)), ("version", .optional(desk.pack.identity.version))])),
            ("rules", .array(desk.pack.rules.map { rule in
                .object([
                    ("id", .string(rule.id)), ("severity", .string(rule.severity.rawValue)), ("flag", .optional(rule.flag)),
                    ("summary", .string(rule.summary)), ("why", .string(rule.rationale)),
                ])
            })),
        ])
    }

    static func error(_ message: String) -> JSONValue { .object([("error", .string(message))]) }

    /// A browser's file name as a name for messages and the draft's id: its last component, with
    /// control characters dropped.
    static func safeName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? "upload"
        let clean = String(last.unicodeScalars.filter { !$0.properties.isNoncharacterCodePoint && $0.value >= 0x20 && $0.value != 0x7F }.prefix(200).map(Character.init))
        return clean.isEmpty ? "upload" : clean
    }

    private func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: DeskServer.headers("text/html; charset=utf-8"), body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private func json(_ status: HTTPResponse.Status, _ value: JSONValue) -> Response {
        Response(status: status, headers: DeskServer.headers("application/json"), body: .init(byteBuffer: ByteBuffer(string: value.serialized() + "\n")))
    }

    /// No script, no outside resource, no framing: the page needs none, and a pasted text can
    /// then never run in it.
    static func headers(_ contentType: String) -> HTTPFields {
        [
            .contentType: contentType,
            .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            .init("X-Content-Type-Options")!: "nosniff",
            .init("Referrer-Policy")!: "no-referrer",
        ]
    }
}
