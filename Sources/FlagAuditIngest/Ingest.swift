import FlagAuditLoading
import FlagAuditModel
import Foundation

/// Turns every input editors have (plain text, standard input, PDF, DOCX, HTML) into one
/// located text, or a located diagnostic saying why it cannot and what to do. Nothing is written
/// but a PDF given as bytes, into a private temporary folder removed before returning.
public struct Ingest: Sendable {
    public struct Limits: Sendable {
        /// The largest input file read.
        public var inputBytes = 32 << 20
        /// The largest text kept, after extraction: that of an entry.
        public var textBytes = YAMLLimits.entry.maxBytes
        /// How long `pdftotext` may run.
        public var pdfSeconds = 20

        public init() {}
    }

    /// Where the private folders that PDF bytes go through are made.
    public var temporaryDirectory: URL

    /// How the private folders a PDF given as bytes goes through are named.
    static let uploadPrefix = "flagaudit-upload-"

    /// The name standard input is shown by.
    public static let standardInputName = "<stdin>"

    public var limits: Limits
    /// Where `pdftotext` is looked for (a `PATH`).
    public var searchPath: String?

    public init(
        limits: Limits = Limits(), searchPath: String? = ProcessInfo.processInfo.environment["PATH"],
        temporaryDirectory: URL = FileManager.default.temporaryDirectory
    ) {
        self.limits = limits
        self.searchPath = searchPath
        self.temporaryDirectory = temporaryDirectory
    }

    /// The file at `path`, or for `-` what `standardInput` (a file descriptor) holds.
    public func read(_ path: String, standardInput: Int32 = 0) throws(DiagnosticError) -> IngestedText {
        if path == "-" {
            let bytes = try FileInput.read(descriptor: standardInput, path: Ingest.standardInputName, limit: limits.inputBytes)
            return try ingest(bytes, path: Ingest.standardInputName, file: nil)
        }
        return try ingest(FileInput.read(path, limit: limits.inputBytes), path: path, file: path)
    }

    /// `bytes` named `path` (an upload's file name, say); `file` is where they are on disk, if
    /// they are (a PDF is handed to `pdftotext` from there rather than copied).
    public func ingest(_ bytes: [UInt8], path: String, file: String? = nil) throws(DiagnosticError) -> IngestedText {
        let start = SourceLocation.start(of: path)
        func refuse(_ message: String) -> DiagnosticError { DiagnosticError(Diagnostic(.inputLimit, at: start, message)) }
        guard bytes.count <= limits.inputBytes else { throw refuse("the input is larger than the limit of \(limits.inputBytes) bytes") }
        let format: InputFormat
        switch InputFormat.sniff(bytes, name: path) {
        case .success(let sniffed): format = sniffed
        case .failure(let refusal): throw refuse(refusal.message)
        }
        switch format {
        case .text, .html:
            let text = try String(decoding: TextPreflight.text(bytes, path: path), as: UTF8.self)
            return try bounded(IngestedText(path: path, format: format, text: format == .html ? HTMLText.text(text) : text))
        case .docx:
            let text: String
            do throws(ZipArchive.Failure) {
                text = try DOCXText.text(bytes, limit: limits.textBytes * 4)
            } catch {
                switch error {
                case .notAnArchive: throw refuse("cannot read the DOCX: the zip archive is damaged")
                case .missing: throw refuse("cannot screen a zip archive that is not a Word document (.docx): give a text, PDF, DOCX or HTML file")
                case .tooLarge(let limit): throw refuse("cannot read the DOCX: its document unpacks to more than \(limit) bytes (a zip bomb?)")
                case .unsupported(let what): throw refuse("cannot read the DOCX: it is \(what), which this reader does not open; save it again from Word")
                case .damaged: throw refuse("cannot read the DOCX: its document is damaged (cut off, bad compressed data or checksum)")
                }
            }
            return try bounded(IngestedText(path: path, format: .docx, text: text))
        case .pdf:
            let (tool, limit, seconds) = (PDFText.pdftotext(searching: searchPath), limits.textBytes * 4, limits.pdfSeconds)
            let extracted = try withFile(bytes, of: path, given: file) { path in
                Result { () throws(PDFText.Failure) in try PDFText.extract(path: path, tool: tool, limit: limit, seconds: seconds) }
            }
            let output: [UInt8]
            switch extracted {
            case .success(let text): output = text
            case .failure(let error):
                switch error {
                case .noPoppler: throw refuse("cannot read PDF files: pdftotext was not found on PATH; install Poppler (Debian and Ubuntu: apt-get install poppler-utils; macOS: brew install poppler)")
                case .failed(let status, let message): throw refuse("cannot read the PDF: pdftotext failed (exit \(status))" + (message.isEmpty ? "" : ": \(message.terminalSafe)"))
                case .timedOut(let seconds): throw refuse("cannot read the PDF: pdftotext ran longer than \(seconds) s and was stopped")
                case .tooLarge(let limit): throw refuse("cannot read the PDF: its text is larger than \(limit) bytes")
                case .cannotStart(let reason): throw refuse("cannot read the PDF: pdftotext could not run: \(reason)")
                }
            }
            let repaired = PDFText.repair(String(decoding: output, as: UTF8.self))
            return try bounded(IngestedText(path: path, format: .pdf, text: repaired.lines.joined(separator: "\n"), pages: repaired.pages))
        }
    }

    private func bounded(_ text: IngestedText) throws(DiagnosticError) -> IngestedText {
        guard text.text.utf8.count <= limits.textBytes else {
            throw DiagnosticError(Diagnostic(.inputLimit, at: .start(of: text.path), "the extracted text is larger than the limit of \(limits.textBytes) bytes"))
        }
        return text
    }

    /// Runs `body` on a file holding `bytes`: `given` when they came from there, else a file in a
    /// new private folder that is removed afterwards, whatever `body` does.
    private func withFile<T>(_ bytes: [UInt8], of path: String, given: String?, _ body: (String) -> T) throws(DiagnosticError) -> T {
        if let given { return body(given) }
        let folder = temporaryDirectory.appendingPathComponent(Ingest.uploadPrefix + UUID().uuidString)
        let file = folder.appendingPathComponent("input.pdf")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            try Data(bytes).write(to: file)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw DiagnosticError(Diagnostic(.inputLimit, at: .start(of: path), "cannot write a temporary file for the upload: \(error.localizedDescription)"))
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        return body(file.path)
    }
}
