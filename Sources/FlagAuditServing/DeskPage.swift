import FlagAuditEngine
import FlagAuditModel
import FlagAuditReporting
import FlagAuditScreening
import Foundation

/// The desk's one page: the form, and under it what was read. Plain HTML with its style inline
/// and no script: it works without JavaScript and loads nothing from anywhere. Links from a
/// field or a finding to its sentence are in-page anchors, so a click scrolls the text to the
/// highlighted sentence.
struct DeskPage {
    var toolLine: String

    func render(outcome: Desk.Outcome? = nil, draft: String? = nil, text: String = "", error: String? = nil) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>FlagAudit desk</title>
            <style>\(DeskPage.style)</style>
            </head>
            <body>
            <header><h1>FlagAudit desk</h1>
            <p>Paste an abstract, a paper or a press article, or choose a file (text, PDF, DOCX, HTML, or an entry in YAML). Nothing leaves this computer.</p></header>
            <main>
            <form method="post" action="/#result" enctype="multipart/form-data" id="submit-form">
            <label for="text">Text to screen</label>
            <textarea id="text" name="text" rows="10" spellcheck="false">\(e(text))</textarea>
            <label for="file">Or a file</label>
            <input type="file" id="file" name="file" accept=".txt,.md,.text,.pdf,.docx,.html,.htm,.yaml,.yml">
            <p class="hint">A file, when one is chosen, is read instead of the pasted text.</p>
            <button type="submit" id="screen-button">Screen</button>
            </form>

            """
        if let error { html += "<section id=\"result\"><p class=\"error\" role=\"alert\">\(e(error))</p></section>\n" }
        switch outcome {
        case .screened(let result)?: html += screened(result, draft: draft)
        case .checked(let report)?: html += checked(report)
        case nil: break
        }
        html += "</main>\n<footer>\(e(toolLine))</footer>\n</body>\n</html>\n"
        return html
    }

    private func e(_ text: String) -> String { MarkupText.escape(text) }

    private func screened(_ result: Screener.Result, draft: String?) -> String {
        let extraction = result.extraction
        let report = result.report
        var html = "<section id=\"result\" aria-labelledby=\"result-heading\">\n"
        let format = result.source.map { $0.format == .text ? "" : " (from \($0.format.rawValue)\($0.pageCount > 0 ? ", \($0.pageCount) pages" : ""))" } ?? ""
        html += "<h2 id=\"result-heading\">\(e(report.path)): <span id=\"kind\">\(e(extraction.kind.rawValue))</span>\(e(format))</h2>\n"
        for diagnostic in report.findings where result.isUnreadable {
            html += "<p class=\"error\" role=\"alert\">\(e(diagnostic.message))</p>\n"
        }
        if let verdict = result.cannotJudge {
            html += "<p class=\"cannot-judge\" id=\"cannot-judge\" role=\"status\"><strong>Cannot judge:</strong> \(e(verdict.message))</p>\n"
        }
        guard let source = result.source else { return html + "</section>\n" }
        // Evidence labels: a field's name, or "finding-N".
        var evidence: [(label: String, location: SourceLocation, excerpt: String)] = []
        for field in Extraction.fields {
            if let item = extraction.evidence[field], item.isText { evidence.append((field, item.location, item.excerpt)) }
        }
        let textFindings = report.findings.enumerated().filter { $0.element.field == "text" || $0.element.field == "title" }
        for (index, finding) in textFindings { if let excerpt = finding.excerpt { evidence.append(("finding-\(index)", finding.location, excerpt)) } }
        let highlight = TextHighlight(text: source.text, evidence: evidence)
        let found = Set(highlight.runs.flatMap(\.starts))
        func link(_ label: String, _ body: String) -> String {
            found.contains(label) ? "<a class=\"evidence-link\" href=\"#ev-\(label)\">\(body)</a>" : body
        }
        func show(_ value: Bool?) -> String { value.map { $0 ? "yes" : "no" } ?? "unknown" }
        let rows: [(String, String, String)] = [
            ("source", "Source", extraction.source ?? "unknown"),
            ("design", "Design", extraction.design ?? "unknown"),
            ("population", "Population", extraction.population.isEmpty ? "unknown" : extraction.population.joined(separator: ", ")),
            ("sample_size", "Sample size", extraction.sampleSize.map(String.init) ?? "not found"),
            ("case_definition", "Case definition", extraction.caseDefinition.isEmpty ? "none named" : extraction.caseDefinition.joined(separator: ", ")),
            ("pem", "PEM badge", extraction.pem ?? "unknown"),
            ("randomized", "Randomised", show(extraction.randomized)),
            ("blinded", "Blinded", show(extraction.blinded)),
            ("control", "Control", extraction.control ?? "unknown"),
            ("review", "Review", extraction.review ?? "–"),
        ]
        html += "<div class=\"columns\"><div class=\"reading\">\n"
        html += "<h3>What was read</h3>\n<p class=\"hint\">A linked value shows the sentence it was read from.</p>\n<table class=\"fields\">\n"
        for (key, title, value) in rows {
            html += "<tr id=\"field-\(key)\"><th scope=\"row\">\(title)</th><td class=\"value\">\(link(key, e(value)))</td></tr>\n"
        }
        html += "</table>\n"
        html += "<h3>Suggested flags</h3>\n"
        if report.findings.isEmpty {
            html += "<p id=\"no-findings\">No flags suggested.</p>\n"
        } else {
            html += "<ul class=\"findings\">\n"
            let textIndex = Set(textFindings.map(\.offset))
            for (index, finding) in report.findings.enumerated() {
                let flag = finding.flag ?? "–"
                html += "<li class=\"finding \(finding.severity.rawValue)\" data-flag=\"\(e(flag))\" data-rule=\"\(e(finding.rule))\">"
                html += "<strong class=\"flag\">\(e(flag))</strong> <span class=\"severity\">\(finding.severity.rawValue)</span> "
                html += "<span class=\"rule\">rule \(e(finding.rule))</span>"
                html += "<p class=\"message\">\(e(finding.message))</p>"
                if let excerpt = finding.excerpt, !excerpt.isEmpty {
                    html += "<p class=\"excerpt\"><q>\(e(TextReporter.clip(excerpt)))</q>"
                    if textIndex.contains(index), found.contains("finding-\(index)") {
                        html += " <a class=\"evidence-link\" href=\"#ev-finding-\(index)\" aria-label=\"Show the sentence for \(e(flag)) in the text\">show in the text</a>"
                    }
                    html += "</p>"
                }
                if let why = finding.why { html += "<p class=\"why\">\(e(why))</p>" }
                html += "</li>\n"
            }
            html += "</ul>\n"
        }
        if let draft {
            let encoded = Data(draft.utf8).base64EncodedString()
            let name = (result.study.id ?? "draft") + ".yaml"
            html += "<p><a class=\"button\" id=\"download-draft\" download=\"\(e(name))\" href=\"data:application/yaml;base64,\(encoded)\">Download draft entry (\(e(name)))</a></p>\n"
        }
        html += "</div>\n<div class=\"source\"><h3 id=\"text-heading\">The text</h3>\n<pre class=\"text\" tabindex=\"0\" aria-labelledby=\"text-heading\">"
        for run in highlight.runs {
            let anchors = run.starts.map { "<span id=\"ev-\($0)\"></span>" }.joined()
            if run.labels.isEmpty {
                html += anchors + e(run.text)
            } else {
                let names = run.labels.map { $0.hasPrefix("finding-") ? "finding" : $0.replacingOccurrences(of: "_", with: " ") }
                html += anchors + "<mark data-for=\"\(e(run.labels.joined(separator: " ")))\" title=\"\(e(Array(Set(names)).sorted().joined(separator: ", ")))\">\(e(run.text))</mark>"
            }
        }
        html += "</pre></div></div>\n</section>\n"
        return html
    }

    private func checked(_ report: StudyReport) -> String {
        var html = "<section id=\"result\" aria-labelledby=\"result-heading\">\n<h2 id=\"result-heading\">\(e(report.path)): <span id=\"kind\">entry</span></h2>\n"
        if report.findings.isEmpty {
            html += "<p id=\"no-findings\">No findings: the entry's flags agree with its fields and text.</p>\n"
        } else {
            html += "<ul class=\"findings\">\n"
            for finding in report.findings {
                let flag = finding.flag ?? "–"
                html += "<li class=\"finding \(finding.severity.rawValue)\" data-flag=\"\(e(flag))\" data-rule=\"\(e(finding.rule))\">"
                html += "<strong class=\"flag\">\(e(flag))</strong> <span class=\"severity\">\(finding.severity.rawValue)</span> <span class=\"rule\">rule \(e(finding.rule))</span>"
                html += " <span class=\"where\">\(e(finding.field ?? "")) line \(finding.location.line)</span>"
                html += "<p class=\"message\">\(e(finding.message))</p>"
                if let excerpt = finding.excerpt, !excerpt.isEmpty { html += "<p class=\"excerpt\"><q>\(e(TextReporter.clip(excerpt)))</q></p>" }
                if let why = finding.why { html += "<p class=\"why\">\(e(why))</p>" }
                html += "</li>\n"
            }
            html += "</ul>\n"
        }
        if !report.missingFlags.isEmpty { html += "<p>Flags to add: \(e(report.missingFlags.joined(separator: ", ")))</p>\n" }
        if !report.unsupportedFlags.isEmpty { html += "<p>Flags the evidence does not support: \(e(report.unsupportedFlags.joined(separator: ", ")))</p>\n" }
        return html + "</section>\n"
    }

    // Colours meet WCAG AA contrast on white; focus is always visible.
    static let style = """
        body{font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff;max-width:84rem;margin:0 auto;padding:1rem}
        .columns{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.2fr);gap:1.5rem;align-items:start}
        @media (max-width:60rem){.columns{grid-template-columns:1fr}}
        .source{position:sticky;top:0}pre.text{max-height:85vh;overflow:auto}
        h1{font-size:1.6rem;margin:.2rem 0}label{display:block;font-weight:600;margin-top:.8rem}
        textarea{width:100%;box-sizing:border-box;font:14px/1.4 ui-monospace,monospace}
        input[type=file]{display:block;width:100%;box-sizing:border-box;padding:1.2rem;border:2px dashed #555;border-radius:6px;margin-top:.3rem}
        .hint{color:#444;font-size:.9rem;margin:.2rem 0}
        button,.button{display:inline-block;margin-top:.8rem;padding:.5rem 1.2rem;background:#0b5394;color:#fff;border:0;border-radius:4px;font-size:1rem;text-decoration:none;cursor:pointer}
        :focus-visible{outline:3px solid #b35900;outline-offset:2px}
        .error{color:#8b0000;font-weight:600}.cannot-judge{background:#fff3cd;border-left:4px solid #8a6d00;padding:.5rem}
        table.fields{border-collapse:collapse}table.fields th,table.fields td{text-align:left;padding:.2rem .8rem .2rem 0;border-bottom:1px solid #ddd}
        a{color:#0b5394}
        ul.findings{padding-left:1rem}li.finding{margin-bottom:.8rem}.severity{font-size:.85rem;padding:0 .3rem;border:1px solid #555;border-radius:3px}
        li.error .severity{color:#8b0000}li.warning .severity{color:#7a4a00}.rule{color:#444;font-size:.9rem}.why{color:#333;font-size:.9rem}
        pre.text{white-space:pre-wrap;word-wrap:break-word;font:14px/1.5 ui-monospace,monospace;background:#f7f7f7;padding:1rem;border-radius:6px}
        mark{background:#ffe58a;color:#1a1a1a}span:target+mark{outline:3px solid #b35900}mark[data-for*=finding]{background:#ffc9a8}
        footer{margin-top:2rem;color:#444;font-size:.85rem}
        """
}
