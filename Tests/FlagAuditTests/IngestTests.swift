import Foundation
import Testing
import FlagAudit
@testable import FlagAuditModel
@testable import FlagAuditIngest
@testable import FlagAuditScreening
@testable import FlagAuditReporting
@testable import FlagAuditWorkflow

/// Every input editors have becomes one located text, or a message naming what it is.
@Suite("Reading PDF, DOCX, HTML and standard input")
struct IngestTests {
    static let desk = Fixtures.root + "/Tests/Fixtures/desk"
    static let hasPoppler = PDFText.pdftotext(searching: ProcessInfo.processInfo.environment["PATH"]) != nil

    static func refusal(_ bytes: [UInt8], name: String, ingest: Ingest = Ingest()) -> String? {
        do {
            _ = try ingest.ingest(bytes, path: name)
            return nil
        } catch {
            return error.diagnostics.first?.message
        }
    }

    @Test func binaryFilesAreRefusedByWhatTheyLookLike() {
        #expect(IngestTests.refusal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], name: "figure.txt") == "cannot screen a PNG image: give a text, PDF, DOCX or HTML file")
        #expect(IngestTests.refusal([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], name: "paper.doc")?.contains("Word 97–2003 (.doc) file: save it as .docx or PDF") == true)
        #expect(IngestTests.refusal(Array("{\\rtf1\\ansi hello}".utf8), name: "paper.rtf")?.hasPrefix("cannot screen an RTF document") == true)
        // A zip that is no Word document.
        #expect(IngestTests.refusal([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 30), name: "x.docx")?.hasPrefix("cannot read the DOCX: the zip archive is damaged") == true)
        // A zip that is not a Word document.
        let zip = try! [UInt8](Data(contentsOf: URL(fileURLWithPath: IngestTests.desk + "/not-word.zip")))
        #expect(IngestTests.refusal(zip, name: "x.docx") == "cannot screen a zip archive that is not a Word document (.docx): give a text, PDF, DOCX or HTML file")
        #expect(IngestTests.refusal([0xFF, 0xFE, 0x41, 0x00], name: "a.txt") == "cannot screen a UTF-16 text: save it as UTF-8 (or give the PDF or DOCX)")
        #expect(IngestTests.refusal(Array("abc\u{0}def".utf8), name: "a.txt") == "cannot screen binary data of a kind not recognised: give a text, PDF, DOCX or HTML file")
        // A NUL far into a text is located by the text preflight.
        #expect(IngestTests.refusal(Array((String(repeating: "a", count: 2000) + "\u{0}").utf8), name: "a.txt") == "NUL byte in file: expected UTF-8 text")
    }

    @Test func dashReadsStandardInput() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let text = "A randomised trial of pacing in 60 adults with ME/CFS.\n"
        _ = text.utf8CString.withUnsafeBytes { write(ends[1], $0.baseAddress, text.utf8.count) }
        close(ends[1])
        defer { close(ends[0]) }
        let read = try Ingest().read("-", standardInput: ends[0])
        #expect(read.path == "<stdin>")
        #expect(read.format == .text)
        #expect(read.text == text)
    }

    @Test func aDOCXIsReadParagraphByParagraphWithoutAnExternalTool() throws {
        let text = try Ingest().read(IngestTests.desk + "/mair-press.docx")
        #expect(text.format == .docx)
        let seed = try String(contentsOfFile: Fixtures.seedsDirectory + "/raw/004-news-mair-fibromyalgia.txt", encoding: .utf8)
        // Same lines as the text it was made from (scripts/make-desk-fixtures), up to trailing blank lines.
        let read: [String] = text.text.split(separator: "\n").map(String.init)
        let written: [String] = seed.split(separator: "\n").map(String.init)
        #expect(read == written)
        #expect(DOCXText.paragraphs(#"<w:p><w:r><w:t>a &amp; b</w:t><w:tab/><w:t xml:space="preserve">c</w:t></w:r><w:delText>gone</w:delText></w:p><w:p><w:r><w:t>d</w:t><w:br/><w:t>e</w:t></w:r></w:p>"#)
            == "a & b c\n\nd\ne")
    }

    @Test(arguments: [false, true])
    func aZipBombIsStoppedAtTheLimitWhateverTheArchiveClaims(lying: Bool) throws {
        // 8 MB of spaces deflate to a few KB; the limit is 1 MB. A lying archive states 100 bytes
        // in its headers, so only the streaming limit can stop it.
        let folder = try Fixtures.directory([:])
        defer { Fixtures.remove(folder) }
        let script = """
            import struct, zipfile
            path = "\(folder)/bomb.docx"
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr("word/document.xml", "<w:document>" + " " * (8 << 20) + "</w:document>")
            if \(lying ? "True" : "False"):
                data = bytearray(open(path, "rb").read())
                local, central = data.find(b"PK\\x03\\x04"), data.find(b"PK\\x01\\x02")
                struct.pack_into("<I", data, local + 22, 100)
                struct.pack_into("<I", data, central + 24, 100)
                open(path, "wb").write(bytes(data))
            """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script]
        try python.run()
        python.waitUntilExit()
        try #require(python.terminationStatus == 0)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/bomb.docx")))
        #expect(bytes.count < 100_000)
        var limits = Ingest.Limits()
        limits.textBytes = 256 << 10
        #expect(IngestTests.refusal(bytes, name: "bomb.docx", ingest: Ingest(limits: limits))
            == "cannot read the DOCX: its document unpacks to more than \(1 << 20) bytes (a zip bomb?)")
    }

    @Test func htmlLosesItsScriptsStylesAndNavigationButKeepsHeadingsAsLines() throws {
        let html = """
            <!DOCTYPE html><html><head><title>Trial &amp; error</title><style>p { color: red }</style>
            <script>document.write("<p>not text</p>")</script></head>
            <body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
            <article><h1>A randomised trial</h1><p>Forty-one patients&nbsp;were   randomised.</p><!-- a comment -->
            <ul><li>one</li><li>two</li></ul></article><footer>Copyright 2024 Someone</footer></body></html>
            """
        let text = try Ingest().ingest(Array(html.utf8), path: "page.html")
        #expect(text.format == .html)
        #expect(text.text == "Trial & error\n\nA randomised trial\n\nForty-one patients\u{00A0}were randomised.\n\none\n\ntwo")
        // Recognised by its opening too, whatever its name.
        #expect(try Ingest().ingest(Array("  <!doctype html><p>x</p>".utf8), path: "saved.txt").format == .html)
    }

    @Test func htmlReadsComparisonsAsTextAndSurvivesMarkupItCannotParse() {
        // "<" before a space or a digit is text, as in reported statistics.
        #expect(HTMLText.text("<p>Pain fell (p < 0.05, n <30).</p>") == "Pain fell (p < 0.05, n <30).")
        // A page that never closes its <head> still shows its body.
        #expect(HTMLText.text("<html><head><title>T</title><body><p>Forty patients.</p>") == "T\n\nForty patients.")
        // A combining mark right after ">" does not hide the tag's end.
        #expect(HTMLText.text("<p>\u{0301}x</p><script>hidden</script><p>y</p>") == "\u{0301}x\n\ny")
        // A form's text is kept (journals wrap whole articles in one); its buttons are not.
        #expect(HTMLText.text("<form><p>Methods: randomised.</p><button>Submit</button></form>") == "Methods: randomised.")
        // An end of text inside a tag or a comment is no error.
        #expect(HTMLText.text("<p>a</p><!-- never closed") == "a")
        #expect(HTMLText.text("a <b") == "a")  // as a browser: a tag cut off by the end is no text
    }

    @Test func characterReferencesAreReadAsBrowsersReadThem() {
        #expect(MarkupEntities.decode("&#233;t&#xE9; &amp; &#8212;") == "été & —")
        // NUL, surrogates and values beyond Unicode are the replacement character.
        #expect(MarkupEntities.decode("a&#0;b&#xD800;c&#99999999;") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
        // 128–159 are Windows-1252's characters, as pages mean them.
        #expect(MarkupEntities.decode("&#150;&#147;ok&#148;&#128;") == "\u{2013}\u{201C}ok\u{201D}\u{20AC}")
        // Signs, empty numbers and unknown names are kept as written.
        #expect(MarkupEntities.decode("&#+65; &#-65; &#; &nosuch; & x") == "&#+65; &#-65; &#; &nosuch; & x")
    }

    @Test(.enabled(if: IngestTests.hasPoppler, "needs Poppler's pdftotext (apt-get install poppler-utils)"))
    func aPDFIsReadWithItsRunningHeadersAndFootersDroppedAndHyphenationJoined() throws {
        let text = try Ingest().read(IngestTests.desk + "/mair-press.pdf")
        #expect(text.format == .pdf)
        #expect(text.pageCount == 2)
        #expect(!text.text.contains("Psychreg - Mind & Brain"))
        #expect(!text.text.contains("Page 1 of 2"))
        #expect(text.text.contains("a total of 41 fibromyalgia\n"))
        // Lines keep pdftotext's numbering: the second page starts where its text starts.
        let lines = text.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == text.pages.count)
        let line = try #require(lines.firstIndex { $0.contains("41 fibromyalgia") }) + 1
        #expect(text.place(ofLine: line)?.page == 1)
        #expect(text.place(ofLine: text.pages.count)?.page == 2)
        let result = Screener(pack: Fixtures.pack).screen(text)
        #expect(result.extraction.kind == .news)
        #expect(result.extraction.design == "rct")
        #expect(result.extraction.sampleSize == 41)
        #expect(result.report.suggestedFlags.contains("small-sample"))
        // The JSON says the page and the line on it.
        let json = ScreenReport.json(result).serialized()
        #expect(json.contains("\"page\": 1"))
        #expect(json.contains("\"format\": \"pdf\""))
    }

    @Test func aPDFWithoutPopplerSaysWhichPackageToInstall() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: IngestTests.desk + "/mair-press.pdf")))
        let message = IngestTests.refusal(bytes, name: "paper.pdf", ingest: Ingest(searchPath: "/nonexistent"))
        #expect(message?.contains("pdftotext was not found on PATH; install Poppler (Debian and Ubuntu: apt-get install poppler-utils") == true)
    }

    @Test(.enabled(if: IngestTests.hasPoppler, "needs Poppler's pdftotext"))
    func aDamagedPDFIsRefusedWithPopplersReason() {
        let message = IngestTests.refusal(Array("%PDF-1.4\nnot really a pdf".utf8), name: "broken.pdf")
        #expect(message?.hasPrefix("cannot read the PDF: pdftotext failed (exit") == true)
    }

    @Test func aPDFToolThatRunsTooLongIsStopped() throws {
        // A stand-in for pdftotext that never finishes: the deadline kills it.
        let folder = try Fixtures.directory(["pdftotext": Array("#!/bin/sh\nsleep 30\n".utf8)])
        defer { Fixtures.remove(folder) }
        chmod(folder + "/pdftotext", 0o755)
        var limits = Ingest.Limits()
        limits.pdfSeconds = 1
        let started = Date()
        let message = IngestTests.refusal(Array("%PDF-1.4\n".utf8), name: "slow.pdf", ingest: Ingest(limits: limits, searchPath: folder))
        #expect(message == "cannot read the PDF: pdftotext ran longer than 1 s and was stopped")
        #expect(Date().timeIntervalSince(started) < 10)
    }

    /// One file that cannot be read is reported with its reason, never hides the others, and
    /// makes the run exit 2; it gets no draft.
    @Test func anUnreadableTextIsReportedAmongTheOthersAndTheRunExits2() async throws {
        let press = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixtures.seedsDirectory + "/raw/004-news-mair-fibromyalgia.txt")))
        let folder = try Fixtures.directory(["a-figure.png": [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0], "b-press.txt": press])
        defer { Fixtures.remove(folder) }
        func run(_ emit: Bool) async -> (Int32, String, [String]) {
            var options = ScreenRun.Options()
            options.paths = [folder + "/a-figure.png", folder + "/b-press.txt"]
            options.rulesDirectory = Fixtures.rulesDirectory
            options.emitEntry = emit
            options.draftsDirectory = emit ? folder + "/drafts" : nil
            var out = "", messages: [String] = []
            let status = await ScreenRun(options).run(console: Console(write: { out += $0 }, message: { messages.append($0) }, writeError: { _ in }))
            return (status, out, messages)
        }
        let (status, out, _) = await run(false)
        #expect(status == ExitStatus.untrusted)
        #expect(out.contains("a-figure.png:1:1: error: cannot screen a PNG image"))
        #expect(!out.contains("a-figure.png: abstract"))  // no blank card of unknowns
        #expect(out.contains("b-press.txt: news"))
        let (emitted, _, _) = await run(true)
        #expect(emitted == ExitStatus.untrusted)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/drafts") == ["b-press.yaml"])
    }

    @Test(.enabled(if: IngestTests.hasPoppler, "needs Poppler's pdftotext"))
    func anUploadedPDFOrDOCXLeavesNoFileBehind() throws {
        let temporary = try Fixtures.directory([:])
        defer { Fixtures.remove(temporary) }
        let ingest = Ingest(temporaryDirectory: URL(fileURLWithPath: temporary))
        let pdf = try [UInt8](Data(contentsOf: URL(fileURLWithPath: IngestTests.desk + "/mair-press.pdf")))
        #expect(try ingest.ingest(pdf, path: "upload.pdf").pageCount == 2)
        let docx = try [UInt8](Data(contentsOf: URL(fileURLWithPath: IngestTests.desk + "/mair-press.docx")))
        #expect(try ingest.ingest(docx, path: "upload.docx").format == .docx)
        #expect(IngestTests.refusal([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 30), name: "x.docx", ingest: ingest) != nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary) == [])
    }

    @Test func aDamagedArchivePointingPastItsEndIsRefusedNotACrash() {
        // A local header, then an end record whose central directory starts far past the end of
        // the bytes (as a truncated download's does).
        let local: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 26)
        let end: [UInt8] = [0x50, 0x4B, 0x05, 0x06] + le16(0) + le16(0) + le16(1) + le16(1) + le32(46) + le32(0x00FF_FFF0) + le16(0)
        let message = IngestTests.refusal(local + end, name: "upload.docx")
        #expect(message?.hasPrefix("cannot read the DOCX") == true || message?.hasPrefix("cannot screen a zip archive") == true, "\(message ?? "read")")
    }

    /// A zip archive of one file, written as the format says, with its parts open to damage.
    struct ZipWriter {
        var name = "word/document.xml"
        var method: UInt16 = 8
        var flags: UInt16 = 0
        var data: [UInt8]
        var size: Int
        var checksum: UInt32
        var localOffset: UInt32 = 0

        /// `text` in one DEFLATE stored block, `cut` bytes short of its end.
        init(deflating text: String, cut: Int = 0) {
            let bytes = Array(text.utf8)
            let length = UInt16(bytes.count)
            data = Array(([0x01] + le16(length) + le16(~length) + bytes).dropLast(cut))
            size = bytes.count
            checksum = ZipWriter.crc32(bytes)
        }

        static func crc32(_ bytes: [UInt8]) -> UInt32 {
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in bytes {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
            }
            return ~crc
        }

        var bytes: [UInt8] {
            let name = Array(self.name.utf8)
            let local = [0x50, 0x4B, 0x03, 0x04] + le16(20) + le16(flags) + le16(method) + le32(0) + le32(checksum)
                + le32(UInt32(data.count)) + le32(UInt32(size)) + le16(UInt16(name.count)) + le16(0) + name + data
            let central = [0x50, 0x4B, 0x01, 0x02] + le16(20) + le16(20) + le16(flags) + le16(method) + le32(0) + le32(checksum)
                + le32(UInt32(data.count)) + le32(UInt32(size)) + le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0)
                + le32(0) + le32(localOffset) + name
            let end = [0x50, 0x4B, 0x05, 0x06] + le16(0) + le16(0) + le16(1) + le16(1) + le32(UInt32(central.count)) + le32(UInt32(local.count)) + le16(0)
            return local + central + end
        }
    }

    @Test func zipArchivesAreReadWithEveryOffsetChecked() throws {
        let xml = "<w:p><w:r><w:t>Forty-one patients.</w:t></w:r></w:p>"
        func read(_ zip: ZipWriter) -> Result<[UInt8], ZipArchive.Failure> {
            Result { () throws(ZipArchive.Failure) in try ZipArchive.file(named: "word/document.xml", in: zip.bytes, limit: 1 << 20) }
        }
        #expect(try read(ZipWriter(deflating: xml)).get() == Array(xml.utf8))
        var stored = ZipWriter(deflating: xml)
        (stored.method, stored.data) = (0, Array(xml.utf8))
        #expect(try read(stored).get() == Array(xml.utf8))
        #expect(try DOCXText.text(ZipWriter(deflating: xml).bytes, limit: 1 << 20) == "Forty-one patients.")
        // A stream cut off inside the archive (its sizes agree with it): refused, not waited on.
        #expect(read(ZipWriter(deflating: xml, cut: 10)) == .failure(.damaged))
        var wrongChecksum = ZipWriter(deflating: xml)
        wrongChecksum.checksum ^= 1
        #expect(read(wrongChecksum) == .failure(.damaged))
        var pastTheEnd = ZipWriter(deflating: xml)
        pastTheEnd.localOffset = 1 << 30
        #expect(read(pastTheEnd) == .failure(.damaged))
        var encrypted = ZipWriter(deflating: xml)
        encrypted.flags = 1
        #expect(read(encrypted) == .failure(.unsupported("an encrypted document")))
        var otherMethod = ZipWriter(deflating: xml)
        otherMethod.method = 14
        #expect(read(otherMethod) == .failure(.unsupported("compression method 14")))
        var other = ZipWriter(deflating: xml)
        other.name = "xl/workbook.xml"
        #expect(read(other) == .failure(.missing))
        #expect(read(ZipWriter(deflating: xml)).map(\.count) == .success(xml.utf8.count))
        // Cut anywhere, the archive is refused with a reason, never read past its end.
        let whole = ZipWriter(deflating: xml).bytes
        for length in 0..<whole.count {
            #expect(throws: ZipArchive.Failure.self) { try ZipArchive.file(named: "word/document.xml", in: Array(whole.prefix(length)), limit: 1 << 20) }
        }
    }

    @Test func anInputOverTheLimitIsRefusedWhereverItComesFrom() {
        var limits = Ingest.Limits()
        limits.inputBytes = 100
        #expect(IngestTests.refusal(Array(String(repeating: "word ", count: 21).utf8), name: "upload.txt", ingest: Ingest(limits: limits))
            == "the input is larger than the limit of 100 bytes")
    }

    @Test func pdfRepairBlanksFurnitureAndKeepsLineNumbers() {
        let raw = "Journal of Pain 12\nA title\nThe treat-\nment of pain\n1\n\u{0C}Journal of Pain 13\nMore text here\n2\n\u{0C}"
        let (lines, pages) = PDFText.repair(raw)
        #expect(lines == ["", "A title", "The treatment", "of pain", "", "", "More text here", ""])
        #expect(pages == [1, 1, 1, 1, 1, 2, 2, 2])
    }
}

/// A text the screener cannot read says so, instead of a silent "unknown".
@Suite("Cannot judge")
struct CannotJudgeTests {
    static let screener = Screener(pack: Fixtures.pack)

    static func screen(_ text: String, name: String = "draft.txt") -> Screener.Result {
        screener.screen(bytes: Array(text.utf8), name: name)
    }

    static let german = """
        Hintergrund: Die Wirksamkeit von Bewegungstherapie bei Patienten mit chronischem Erschöpfungssyndrom ist umstritten. \
        Methoden: In einer randomisierten kontrollierten Studie wurden 41 Patienten einer Gruppe mit Therapie oder einer \
        Kontrollgruppe zugeteilt. Die Ergebnisse wurden nach zwölf Wochen mit einem Fragebogen erhoben. Ergebnisse: Die \
        Therapie führte zu einer deutlichen Verbesserung der Müdigkeit, und die Patienten waren mit der Behandlung zufrieden.
        """

    @Test func aGermanAbstractIsNotJudgedAndGetsNoFlags() {
        let result = CannotJudgeTests.screen(CannotJudgeTests.german)
        #expect(result.cannotJudge?.reason == .notEnglish)
        #expect(result.cannotJudge?.message.contains("reads as German") == true)
        #expect(result.report.findings.isEmpty)
        #expect(result.report.suggestedFlags.isEmpty)
        let json = ScreenReport.json(result).serialized()
        #expect(json.contains("\"reason\": \"not-english\""))
        var out = ""
        var report = ScreenReport(format: .text) { out += $0 }
        report.add(result)
        #expect(out.contains("cannot judge    the text reads as German"))
        // The draft entry says so too.
        #expect(EntryWriter(vocabulary: Fixtures.pack.vocabulary).yaml(for: result).contains("\n# Cannot judge: the text reads as German"))
    }

    @Test func anEmptyOrShortTextIsNotJudged() {
        #expect(CannotJudgeTests.screen("").cannotJudge?.reason == .empty)
        #expect(CannotJudgeTests.screen("  \n\n ").cannotJudge?.reason == .empty)
        let short = CannotJudgeTests.screen("This randomised trial of 20 patients shows that exercise cures fatigue.")
        #expect(short.cannotJudge?.reason == .tooShort)
        #expect(short.report.findings.isEmpty)
    }

    @Test func aTextWithoutMethodsKeepsOnlyFindingsThatQuoteIt() {
        let text = """
            Fatigue is common in long COVID and many people live with it for months. Doctors and patients are looking for \
            ways to manage it day to day, and charities publish advice about pacing, sleep and diet for those affected. \
            The advice differs from country to country and from clinic to clinic, which confuses people who read it online.
            """
        let result = CannotJudgeTests.screen(text)
        #expect(result.cannotJudge?.reason == .noMethods)
        #expect(result.report.findings.allSatisfy { $0.field == "text" || $0.field == "title" })
    }

    @Test func anEnglishAbstractWithMethodsIsJudged() throws {
        let result = CannotJudgeTests.screener.screen(contentsOf: Fixtures.seedsDirectory + "/raw/004-news-mair-fibromyalgia.txt")
        #expect(result.cannotJudge == nil)
        #expect(result.report.suggestedFlags.contains("small-sample"))
        // A raw text has no entry yet: its findings speak of the draft.
        let small = try #require(result.report.findings.first { $0.flag == "small-sample" })
        #expect(small.message.contains("to the draft entry's flags"))
        #expect(!small.message.contains("tags.method_flags"))
    }

    @Test func languageGuessesTellEnglishFromItsNeighbours() {
        #expect(LanguageProfile.guess(LanguageProfile.words("The patients were randomised to the treatment and the control group of this study."))?.language == "English")
        #expect(LanguageProfile.guess(LanguageProfile.words("Les patients ont été répartis au hasard dans le groupe de traitement et dans le groupe témoin pour cette étude."))?.language == "French")
        #expect(LanguageProfile.guess(LanguageProfile.words("Los pacientes fueron asignados al azar al grupo de tratamiento y al grupo de control en este estudio."))?.language == "Spanish")
        #expect(LanguageProfile.guess(LanguageProfile.words("12 34 56 78")) == nil)
    }
}

private func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
private func le32(_ value: UInt32) -> [UInt8] { le16(UInt16(value & 0xFFFF)) + le16(UInt16(value >> 16)) }
