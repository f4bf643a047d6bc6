import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import FlagAudit
@testable import FlagAuditModel
@testable import FlagAuditScreening
@testable import FlagAuditServing

/// The editors' desk: what a submission gives, how the page shows its evidence, and the
/// server's limits, exercised over a real loopback socket.
@Suite("The editors' desk (serve)")
struct DeskTests {
    static let desk = Desk(pack: Fixtures.pack)
    static let press = try! [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixtures.seedsDirectory + "/raw/004-news-mair-fibromyalgia.txt")))

    @Test func anEntryIsCheckedAndAnythingElseScreened() throws {
        #expect(Desk.isEntry(name: "mair.yaml", bytes: []))
        #expect(Desk.isEntry(name: "pasted text", bytes: Array("# a draft\nid: x-2024\ntitle: T\n".utf8)))
        #expect(!Desk.isEntry(name: "pasted text", bytes: Array("Background: id: is not an entry".utf8)))
        #expect(!Desk.isEntry(name: "paper.pdf", bytes: Array("id: x".utf8)))
        let entry = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixtures.seedsDirectory + "/news-mair-fibromyalgia.yaml")))
        guard case .checked(let report) = DeskTests.desk.submit(entry, name: "news-mair-fibromyalgia.yaml") else {
            Issue.record("an entry was screened")
            return
        }
        #expect(report.id == "news-mair-fibromyalgia")
        guard case .screened(let result) = DeskTests.desk.submit(DeskTests.press, name: "pasted text") else {
            Issue.record("a text was checked")
            return
        }
        #expect(result.extraction.design == "rct")
    }

    @Test func thePageLinksEachFieldAndFlagToItsHighlightedSentence() throws {
        guard case .screened(let result) = DeskTests.desk.submit(DeskTests.press, name: "pasted text") else {
            Issue.record("a text was checked")
            return
        }
        let html = DeskPage(toolLine: "test").render(outcome: .screened(result), draft: DeskTests.desk.draft(result))
        #expect(html.contains(#"<span id="kind">news</span>"#))
        #expect(html.contains(##"<tr id="field-sample_size"><th scope="row">Sample size</th><td class="value"><a class="evidence-link" href="#ev-sample_size">41</a>"##))
        // The small-sample finding links to a mark holding its sentence.
        let item = try #require(html.range(of: #"<li class="finding warning" data-flag="small-sample""#))
        let link = try #require(html[item.upperBound...].range(of: ##"href="#ev-finding-"##))
        let label = String(html[link.upperBound...].prefix { $0 != "\"" })
        let anchor = try #require(html.range(of: "<span id=\"ev-finding-\(label)\"></span>"))
        let mark = html[anchor.upperBound...].prefix(300)
        #expect(mark.hasPrefix("<span id=") || mark.hasPrefix("<mark"))
        #expect(mark.contains("a total of 41 fibromyalgia patients"))
        // The draft downloads as the YAML of --emit-entry.
        let encoded = try #require(html.range(of: "data:application/yaml;base64,"))
        let base64 = String(html[encoded.upperBound...].prefix { $0 != "\"" })
        #expect(Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) } == DeskTests.desk.draft(result))
        // No script on the page; pasted markup is escaped.
        #expect(!html.contains("<script"))
        let hostile = DeskPage(toolLine: "t").render(text: "<script>alert(1)</script>")
        #expect(hostile.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func highlightsFollowASentenceAcrossLinesAndIgnoreOneNotThere() {
        let text = "Intro line.\nThis trial enrolled 41\n   patients in all. Next."
        let located = TextHighlight(text: text, evidence: [
            ("sample_size", SourceLocation(path: "t", line: 2, column: 1), "This trial enrolled 41 patients in all."),
            ("design", SourceLocation(path: "t", line: 1, column: 1), "Not in the text."),
        ])
        #expect(located.runs.map(\.text) == ["Intro line.\n", "This trial enrolled 41\n   patients in all.", " Next."])
        #expect(located.runs[1].labels == ["sample_size"])
        #expect(located.runs.allSatisfy { !$0.labels.contains("design") })
        #expect(located.runs.map(\.text).joined() == text)
    }

    @Test func malformedFormsAreRefusedNotCrashedOn() {
        #expect(throws: UploadForm.Failure.self) { try UploadForm.parse(Array("x".utf8), contentType: "multipart/form-data") }
        #expect(throws: UploadForm.Failure.self) { try UploadForm.parse(Array("x".utf8), contentType: "multipart/form-data; boundary=") }
        #expect(throws: UploadForm.Failure.self) { try UploadForm.parse(Array("garbage".utf8), contentType: "multipart/form-data; boundary=b") }
        #expect(throws: UploadForm.Failure.self) { try UploadForm.parse([], contentType: "application/pdf") }
        let body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a b.txt\"\r\n\r\nhello\r\n--b--\r\n"
        let form = try? UploadForm.parse(Array(body.utf8), contentType: "multipart/form-data; boundary=b")
        #expect(form?["file"]?.fileName == "a b.txt")
        #expect(form?["file"]?.bytes == Array("hello".utf8))
        #expect((try? UploadForm.parse(Array("text=a+b%26c".utf8), contentType: "application/x-www-form-urlencoded"))?["text"]?.bytes == Array("a b&c".utf8))
        // A form cut off in transfer is no form, however many whole parts it has.
        #expect(throws: UploadForm.Failure.malformed("the multipart form is cut off (no closing boundary)")) {
            try UploadForm.parse(Array(body.dropLast(8).utf8), contentType: "multipart/form-data; boundary=b")
        }
        // Quoted parameters may hold ';' and escaped quotes.
        #expect(UploadForm.parameter("filename", in: #"form-data; name="file"; filename="a;b \"c\".pdf""#) == #"a;b "c".pdf"#)
        #expect(UploadForm.parameter("name", in: #"form-data; filename="x; name=wrong"; name=file"#) == "file")
        #expect(UploadForm.parameter("boundary", in: "multipart/form-data; boundary=----Web123") == "----Web123")
        #expect(UploadForm.parameter("form-data", in: "form-data; name=x") == nil)
        #expect(DeskServer.safeName("../../etc/passwd") == "passwd")
        #expect(DeskServer.safeName("C:\\Users\\x\\paper.pdf") == "paper.pdf")
    }

    /// Waits (boundedly) until `condition` holds; false if it never did.
    static func eventually(_ condition: () async -> Bool) async -> Bool {
        for _ in 0..<500 {
            if await condition() { return true }
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
        return false
    }

    @Test func theGateRunsAtMostItsLimitAndTurnsAwayBeyondItsQueue() async {
        let gate = AdmissionGate(limit: 1, queue: 1)
        #expect(await gate.enter())
        async let second = gate.enter()  // waits: the first holds the only turn
        #expect(await DeskTests.eventually { await gate.waitingCount == 1 })
        #expect(await gate.enter() == false)  // the queue of one is full
        await gate.leave()
        #expect(await second)
        await gate.leave()
        #expect(await gate.runningCount == 0)
    }

    @Test func aRequestCancelledWhileWaitingLeavesTheQueue() async {
        let gate = AdmissionGate(limit: 1, queue: 1)
        #expect(await gate.enter())
        let waiting = Task { await gate.enter() }
        #expect(await DeskTests.eventually { await gate.waitingCount == 1 })
        waiting.cancel()
        let withdrawn = await DeskTests.eventually { await gate.waitingCount == 0 }
        #expect(withdrawn)
        guard withdrawn else {
            await gate.leave()  // hands it the turn, so the test ends rather than hangs
            return
        }
        #expect(await waiting.value == false)
        // Its place is free again, and the turn still belongs to the first.
        let next = Task { await gate.enter() }
        #expect(await DeskTests.eventually { await gate.waitingCount == 1 })
        await gate.leave()
        #expect(await next.value)
        await gate.leave()
        #expect(await gate.runningCount == 0)
    }

    @Test func onlyLoopbackNamesCountAsLoopback() {
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "LocalHost", "desk.localhost", "::1"] { #expect(DeskServer.isLoopback(host), "\(host)") }
        for host in ["127.attacker.example", "127.0.0.1.nip.io", "0.0.0.0", "10.0.0.1", "example.org", "1270.0.0.1", ""] { #expect(!DeskServer.isLoopback(host), "\(host)") }
        #expect(DeskServer.host(of: "[::1]:8080") == "::1")
        #expect(DeskServer.host(of: "localhost:8080") == "localhost")
        #expect(DeskServer.host(of: "127.0.0.1") == "127.0.0.1")
    }

    @Test func theServedOpenAPIDocumentIsTheCommittedOne() throws {
        let committed = try String(contentsOfFile: Fixtures.root + "/docs/openapi.yaml", encoding: .utf8)
        #expect(DeskAPI.openAPI + "\n" == committed)
    }

    /// A request to the running server; nil status when the connection failed.
    static func request(_ url: URL, method: String = "GET", body: Data? = nil, type: String? = nil, host: String? = nil) async -> (status: Int?, body: String) {
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body
        if let type { request.setValue(type, forHTTPHeaderField: "Content-Type") }
        if let host { request.setValue(host, forHTTPHeaderField: "Host") }
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode, String(decoding: data, as: UTF8.self))
        } catch {
            return (nil, "\(error)")
        }
    }

    /// Runs `server` on a free loopback port while `body` talks to it, then stops it and waits
    /// for it to end; a server that fails to start is recorded, never waited on for ever.
    static func serving(_ server: DeskServer, _ body: (URL) async -> Void) async {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task {
            defer { continuation.finish() }
            try await server.run { continuation.yield($0) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            Issue.record("the server did not start: \(await task.result)")
            return
        }
        await body(URL(string: "http://127.0.0.1:\(port)")!)
        task.cancel()
        _ = await task.result
    }

    @Test func theServerAnswersOnLoopbackWithItsLimits() async throws {
        var options = DeskServer.Options()
        options.port = 0
        options.maxRequestBytes = 1 << 20
        await DeskTests.serving(DeskServer(desk: DeskTests.desk, options: options, toolLine: "test")) { base in
            let page = await DeskTests.request(base)
            #expect(page.status == 200)
            #expect(page.body.contains(#"<textarea id="text" name="text""#))
            let screened = await DeskTests.request(base.appendingPathComponent("api/screen"), method: "POST", body: Data(DeskTests.press), type: "text/plain")
            #expect(screened.status == 200)
            #expect(screened.body.contains("\"sample_size\": 41"))
            #expect(screened.body.contains("\"draft_entry\""))
            let large = await DeskTests.request(base.appendingPathComponent("api/screen"), method: "POST", body: Data(count: 2 << 20), type: "text/plain")
            #expect(large.status == 413)
            #expect(large.body.contains("larger than the desk's limit of 1 MB"))
            let malformed = await DeskTests.request(base, method: "POST", body: Data("garbage".utf8), type: "multipart/form-data; boundary=x")
            #expect(malformed.status == 400)
            let binary = await DeskTests.request(base.appendingPathComponent("api/screen").appending(queryItems: [URLQueryItem(name: "name", value: "x.png")]),
                                                 method: "POST", body: Data([0x89, 0x50, 0x4E, 0x47, 0, 0]), type: "application/octet-stream")
            #expect(binary.status == 422)
            #expect(binary.body.contains("cannot screen a PNG image"))
            // The API screens what it is given, even text that looks like an entry, and reads a
            // urlencoded form's text; /api/check checks whatever the name.
            let entry = try? Data(contentsOf: URL(fileURLWithPath: Fixtures.seedsDirectory + "/news-mair-fibromyalgia.yaml"))
            let screenedEntry = await DeskTests.request(base.appendingPathComponent("api/screen"), method: "POST", body: entry, type: "text/plain")
            #expect(screenedEntry.status == 200)
            #expect(screenedEntry.body.contains("\"draft_entry\""))
            let checked = await DeskTests.request(base.appendingPathComponent("api/check").appending(queryItems: [URLQueryItem(name: "name", value: "mair")]),
                                                  method: "POST", body: entry, type: "text/plain")
            #expect(checked.status == 200)
            #expect(checked.body.contains("\"id\": \"news-mair-fibromyalgia\""))
            let form = "text=" + String(decoding: DeskTests.press, as: UTF8.self).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let urlencoded = await DeskTests.request(base.appendingPathComponent("api/screen"), method: "POST", body: Data(form.utf8), type: "application/x-www-form-urlencoded")
            #expect(urlencoded.body.contains("\"sample_size\": 41"))
            // Another name pointed at loopback (DNS rebinding) is refused.
            let rebound = await DeskTests.request(base.appendingPathComponent("api/rules"), host: "attacker.example:\(base.port ?? 0)")
            #expect(rebound.status == 421)
            #expect(rebound.body.contains("answers only at a loopback address"))
            #expect(await DeskTests.request(base.appendingPathComponent("healthz"), host: "localhost:\(base.port ?? 0)").status == 200)
        }
    }

    /// Marks what has happened, across tasks.
    actor Events {
        private(set) var seen: Set<String> = []
        func note(_ event: String) { seen.insert(event) }
    }

    @Test func slowSubmissionsDoNotHoldUpTheOtherRequests() async throws {
        // A stand-in for pdftotext that takes 3 s: two such PDFs take both turns of the gate,
        // and the server still answers a health check while they run.
        let folder = try Fixtures.directory(["pdftotext": Array("#!/bin/sh\nsleep 3\nexit 1\n".utf8)])
        defer { Fixtures.remove(folder) }
        chmod(folder + "/pdftotext", 0o755)
        var options = DeskServer.Options()
        options.port = 0
        options.concurrent = 2
        let server = DeskServer(desk: Desk(pack: Fixtures.pack, ingest: Ingest(searchPath: folder)), options: options, toolLine: "test")
        await DeskTests.serving(server) { base in
            let events = Events()
            let pdf = base.appendingPathComponent("api/screen").appending(queryItems: [URLQueryItem(name: "name", value: "slow.pdf")])
            let slow = (0..<2).map { index in
                Task {
                    let answer = await DeskTests.request(pdf, method: "POST", body: Data("%PDF-1.4\n".utf8), type: "application/pdf")
                    await events.note("pdf \(index)")
                    return answer
                }
            }
            #expect(await DeskTests.eventually { await server.gate.runningCount == 2 })
            let health = await DeskTests.request(base.appendingPathComponent("healthz"))
            #expect(health.status == 200)
            #expect(await events.seen.isEmpty, "the health check waited for the PDFs")
            for task in slow {
                let answer = await task.value
                #expect(answer.status == 422)
                #expect(answer.body.contains("pdftotext failed (exit 1)"))
            }
        }
    }
}
