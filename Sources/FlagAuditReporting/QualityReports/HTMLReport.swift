import FlagAuditEngine
import FlagAuditModel
import FlagAuditScreening
import Foundation

/// The reviewers' report as one self-contained HTML file: inline CSS and SVG, no network, a
/// little plain JavaScript to filter, search, sort and page, accessible headings and chart
/// descriptions, and a print style.
///
/// Up to `inlineLimit` studies, every matrix row and card is in the page and everything shows
/// without JavaScript. Past it (`paged`), a browser would spend seconds laying out tens of
/// thousands of elements: each study's row, card and filter fields go into one JSON array in
/// the file instead, and the script shows them a page at a time, so a report of 10,000
/// studies opens as fast as one of a hundred (docs/performance.md).
public struct HTMLReport: Sendable {
    public var report: QualityReport
    /// The studies are data the script pages through, not elements of the page.
    public var paged: Bool

    public static let inlineLimit = 200
    /// Studies on a page when paged.
    public static let pageSize = 100

    public init(report: QualityReport, paged: Bool = false) {
        self.report = report
        self.paged = paged
    }

    /// Whether a report of `studies` studies is paged.
    public static func pages(_ studies: Int) -> Bool { studies > inlineLimit }

    /// The whole document: `opening`, a matrix row per study, `middle`, a card per study,
    /// `closing`. `flagaudit report` writes the same pieces as the audit streams (see `ReportRun`);
    /// paged, the matrix rows are empty and each card is a `piece` of the data.
    public func render() -> String {
        var html = opening()
        if !paged { for study in report.audit.studies { html += matrixRow(study) } }
        html += middle()
        for (index, study) in report.audit.studies.enumerated() { html += paged ? piece(study, first: index == 0) : card(study) }
        return html + closing()
    }

    /// A study as an element of the paged data: its matrix states, its card and what the filters
    /// read, as JSON. Entry text in a card is already escaped (`&lt;`), so every `<` of a card is
    /// one of the report's own tags, none of which opens a comment or a script: writing its `</`
    /// as `<\/` is enough for no tag to end the data's script early.
    public func piece(_ study: StudyReport, first: Bool) -> String {
        let fields = HTMLReport.filterFields(study)
        // The matrix row as its states, one letter per flag (c confirmed, m missing, u unsupported,
        // - neither), which the script turns into the same row `matrixRow` writes.
        let states = report.flags.map { flag -> String in
            switch report.state(study, flag.slug) {
            case .confirmed: "c"
            case .missing: "m"
            case .unsupported: "u"
            case .none: "-"
            }
        }.joined()
        // The filter fields hold text as written (an id, a path): every `<` of theirs is escaped.
        let filters = JSONValue.object(fields.map { ($0.0, .string($0.1)) }).serialized().replacingOccurrences(of: "<", with: "\\u003c")
        let card = JSONValue.string(card(study)).serialized().replacingOccurrences(of: "</", with: "<\\/")
        return (first ? "\n" : ",\n") + "{\"s\":" + JSONValue.string(states).serialized() + ",\"c\":" + card + ",\"f\":" + filters + "}"
    }

    /// What the filters and the search read of a study (the same names as a card's `data-` attributes).
    static func filterFields(_ study: StudyReport) -> [(String, String)] {
        let entry = study.study
        return [
            ("id", study.id ?? study.path), ("anchor", HTMLReport.anchor(study)),
            ("errors", String(study.count(.error))), ("warnings", String(study.count(.warning))),
            ("severities", Set(study.findings.map(\.severity.rawValue)).sorted().joined(separator: " ")),
            ("flags", Set(study.declaredFlags + study.suggestedFlags).sorted().joined(separator: " ")),
            ("design", entry?.design ?? ""), ("level", entry?.term(.evidenceLevel)?.value ?? ""),
            ("population", (entry?.list(.population)?.map(\.value) ?? []).joined(separator: " ")),
        ]
    }

    /// Up to the study-by-flag matrix's rows; counts the whole set (`report.tally`).
    public func opening() -> String {
        let tally = report.tally
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>FlagAudit quality report</title>
            <style>\(HTMLReport.css)</style>
            </head>
            <body>
            <header>
            <h1>FlagAudit quality report</h1>
            <p class="lede">\(tally.studies) studies audited with \(report.pack.rules.count) rules.
            <span class="count error">\(tally.count(.error)) errors</span>
            <span class="count warning">\(tally.count(.warning)) warnings</span>
            <span class="count info">\(tally.count(.info)) infos</span></p>
            \(report.provenance.map { "<p class=\"provenance\">\(MarkupText.escape($0))</p>" } ?? "")
            </header>
            <main>
            <section aria-labelledby="overview">
            <h2 id="overview">Overview</h2>

            """
        let slugs = paged ? " data-slugs=\"\(escape(report.flags.map(\.slug).joined(separator: " ")))\"" : ""
        html += "<h3 id=\"matrix-heading\">Study by flag</h3>\n<div class=\"scroll\"><table class=\"matrix\" aria-labelledby=\"matrix-heading\"\(slugs)>\n<thead><tr><th scope=\"col\">Study</th>"
        for flag in report.flags { html += "<th scope=\"col\"><span>\(escape(flag.label))</span></th>" }
        html += "<th scope=\"col\">Errors</th><th scope=\"col\">Warnings</th></tr></thead>\n<tbody id=\"matrix-body\">\n"
        return html
    }

    /// A study's row in the study-by-flag matrix.
    public func matrixRow(_ study: StudyReport) -> String {
        let anchor = HTMLReport.anchor(study)
        var html = "<tr><th scope=\"row\"><a href=\"#\(anchor)\">\(escape(study.id ?? study.path))</a></th>"
        for flag in report.flags {
            let state = report.state(study, flag.slug)
            // A marked cell links to the finding or evidence behind it in the study's card.
            let symbol = state == .none ? "" : state == .unsupported ? "<a href=\"#\(anchor)\">\(state.symbol)</a>"
                : "<a href=\"#\(HTMLReport.target(anchor, flag: flag.slug))\">\(state.symbol)</a>"
            html += "<td class=\"\(state.rawValue)\" title=\"\(escape(flag.label)): \(state.meaning)\">\(symbol)<span class=\"sr\">\(state == .none ? "" : state.meaning)</span></td>"
        }
        return html + "<td>\(study.count(.error))</td><td>\(study.count(.warning))</td></tr>\n"
    }

    /// From the matrix's end to the first card: the charts (which count the whole set) and the filters.
    public func middle() -> String {
        let legend = "<p class=\"legend\">✓ declared and supported (links to its evidence) · + suggested by the rules, not declared (links to the finding) · ? declared, no rule supports it</p>\n"
        let pager = paged ? "<nav class=\"pager\" aria-label=\"Pages of studies\"><button type=\"button\" data-page=\"-1\">Previous</button> <span class=\"page-status\" aria-live=\"polite\"></span> <button type=\"button\" data-page=\"1\">Next</button></nav>\n" : ""
        let fallback = paged ? "<noscript><p>This report holds \(report.tally.studies) studies, which its script shows a page at a time: allow JavaScript, or read report.md beside it.</p></noscript>\n" : ""
        return "</tbody></table></div>\n" + legend + pager + "<div class=\"charts\">\n" + flagChart() + levelChart() + "</div>\n</section>\n" + controls()
            + "<section aria-labelledby=\"studies-heading\">\n<h2 id=\"studies-heading\">Studies</h2>\n" + fallback + "<div id=\"studies\">\n"
            + (paged ? "</div>\n" + pager + "<script type=\"application/json\" id=\"report-data\">[" : "")
    }

    public func closing() -> String {
        (paged ? "\n]</script>\n" : "</div>\n") + "<p id=\"no-match\" hidden>No study matches the filters.</p>\n</section>\n</main>\n"
            + "<footer><p>Generated by flagaudit \(ToolVersion.current) with `flagaudit report`.</p></footer>\n"
            + "<script>\(HTMLReport.script)</script>\n</body>\n</html>\n"
    }

    private func flagChart() -> String {
        let rows = report.flagFrequency
        let maximum = max(1, rows.map { max($0.declared, $0.suggested) }.max() ?? 1)
        let labelWidth = 190, barWidth = 260, rowHeight = 30
        let height = rows.count * rowHeight + 40
        let summary = rows.map { "\($0.flag.label): declared \($0.declared), suggested \($0.suggested)" }.joined(separator: "; ")
        var svg = "<figure><svg data-chart=\"flag-frequency\" role=\"img\" aria-labelledby=\"flag-chart-title flag-chart-desc\" viewBox=\"0 0 \(labelWidth + barWidth + 40) \(height)\" width=\"100%\">\n"
        svg += "<title id=\"flag-chart-title\">How often each flag is declared and suggested</title>\n<desc id=\"flag-chart-desc\">\(escape(summary))</desc>\n"
        for (index, row) in rows.enumerated() {
            let y = index * rowHeight + 10
            let declared = row.declared * barWidth / maximum, suggested = row.suggested * barWidth / maximum
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 14)\" text-anchor=\"end\">\(escape(row.flag.label))</text>"
            svg += "<rect class=\"declared\" x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(declared)\" height=\"10\"><title>declared: \(row.declared)</title></rect>"
            svg += "<rect class=\"suggested\" x=\"\(labelWidth)\" y=\"\(y + 11)\" width=\"\(suggested)\" height=\"10\"><title>suggested: \(row.suggested)</title></rect>"
            svg += "<text class=\"value\" x=\"\(labelWidth + max(declared, suggested) + 6)\" y=\"\(y + 16)\">\(row.declared)/\(row.suggested)</text>\n"
        }
        let legendY = rows.count * rowHeight + 24
        svg += "<rect class=\"declared\" x=\"\(labelWidth)\" y=\"\(legendY)\" width=\"12\" height=\"10\"/><text x=\"\(labelWidth + 16)\" y=\"\(legendY + 9)\">declared</text>"
        svg += "<rect class=\"suggested\" x=\"\(labelWidth + 100)\" y=\"\(legendY)\" width=\"12\" height=\"10\"/><text x=\"\(labelWidth + 116)\" y=\"\(legendY + 9)\">suggested by the rules</text>\n"
        return svg + "</svg><figcaption>Flags: declared by editors vs suggested by the evidence (declared/suggested).</figcaption></figure>\n"
    }

    private func levelChart() -> String {
        let (levels, rows) = report.levelsByDesign
        let labelWidth = 190, barWidth = 260, rowHeight = 26
        let maximum = max(1, rows.map { $0.counts.reduce(0, +) }.max() ?? 1)
        let height = rows.count * rowHeight + 50
        let summary = rows.map { row in
            "\(report.label(row.design, in: .designs)): " + zip(levels, row.counts).filter { $0.1 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        }.joined(separator: "; ")
        var svg = "<figure><svg data-chart=\"levels-by-design\" role=\"img\" aria-labelledby=\"level-chart-title level-chart-desc\" viewBox=\"0 0 \(labelWidth + barWidth + 40) \(height)\" width=\"100%\">\n"
        svg += "<title id=\"level-chart-title\">Evidence level by design</title>\n<desc id=\"level-chart-desc\">\(escape(summary))</desc>\n"
        for (index, row) in rows.enumerated() {
            let y = index * rowHeight + 10
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 13)\" text-anchor=\"end\">\(escape(report.label(row.design, in: .designs)))</text>"
            var x = labelWidth
            for (level, count) in zip(levels.indices, row.counts) where count > 0 {
                let width = count * barWidth / maximum
                svg += "<rect class=\"level level-\(level)\" x=\"\(x)\" y=\"\(y)\" width=\"\(width)\" height=\"18\"><title>\(escape(levels[level])): \(count)</title></rect>"
                svg += "<text class=\"on-bar\" x=\"\(x + 4)\" y=\"\(y + 13)\">\(escape(levels[level]))</text>"
                x += width
            }
            svg += "\n"
        }
        var legendX = labelWidth
        let legendY = rows.count * rowHeight + 24
        for (index, level) in levels.enumerated() {
            svg += "<rect class=\"level level-\(index)\" x=\"\(legendX)\" y=\"\(legendY)\" width=\"12\" height=\"10\"/><text x=\"\(legendX + 16)\" y=\"\(legendY + 9)\">\(escape(level))</text>"
            legendX += level.count * 7 + 30
        }
        return svg + "\n</svg><figcaption>Studies by design, stacked by evidence level (E0 strongest).</figcaption></figure>\n"
    }

    private func controls() -> String {
        var html = "<section aria-labelledby=\"filters\" class=\"controls\"><h2 id=\"filters\">Filter and sort</h2>\n"
        html += "<label>Severity <select id=\"severity-filter\"><option value=\"\">any</option><option value=\"error\">errors</option><option value=\"warning\">warnings</option><option value=\"info\">infos</option></select></label>\n"
        html += "<label>Flag <select id=\"flag-filter\"><option value=\"\">any</option>"
        for flag in report.flags { html += "<option value=\"\(escape(flag.slug))\">\(escape(flag.label))</option>" }
        html += "</select></label>\n"
        for (name, id, category) in [("Design", "design-filter", TermCategory.designs), ("Evidence", "level-filter", .evidenceLevels), ("Population", "population-filter", .populations)] {
            html += "<label>\(name) <select id=\"\(id)\"><option value=\"\">any</option>"
            for term in report.pack.vocabulary.terms(in: category) { html += "<option value=\"\(escape(term.slug))\">\(escape(term.label))</option>" }
            html += "</select></label>\n"
        }
        html += "<label>Search <input id=\"search\" type=\"search\" placeholder=\"id, title or finding\"></label>\n"
        html += "<label>Sort <select id=\"sort\"><option value=\"order\">as audited</option><option value=\"errors\">most errors first</option><option value=\"warnings\">most warnings first</option><option value=\"id\">by id</option></select></label>\n</section>\n"
        return html
    }

    /// A study's card: its facts, flags and findings.
    public func card(_ study: StudyReport) -> String {
        let anchor = HTMLReport.anchor(study)
        let data = HTMLReport.filterFields(study).filter { $0.0 != "anchor" }.map { " data-\($0.0)=\"\(escape($0.1))\"" }.joined()
        var html = "<article class=\"study\" id=\"\(anchor)\"\(data)>\n"
        let title = study.study?.texts(.title)?.first?.text ?? study.id ?? study.path
        html += "<h3>\(escape(title))</h3>\n<p class=\"meta\"><code>\(escape(study.id ?? "(no id)"))</code> · <code>\(escape(study.path))</code>"
        if let entry = study.study {
            let authors = entry.list(.authors)?.map(\.value) ?? []
            if !authors.isEmpty { html += " · " + escape(authors.prefix(3).joined(separator: ", ") + (authors.count > 3 ? " et al." : "")) }
            if let journal = entry.string(.journal)?.value { html += " · " + escape(journal) }
            if let year = entry.number(.year)?.value { html += " · \(year)" }
            if let doi = entry.string(.doi)?.value { html += " · <a href=\"https://doi.org/\(escape(doi))\">doi:\(escape(doi))</a>" }
        }
        html += "</p>\n<ul class=\"badges\">"
        if let entry = study.study {
            let badges: [(StudyField, TermCategory, String)] = [
                (.evidenceLevel, .evidenceLevels, "Evidence"), (.design, .designs, "Design"), (.pem, .pemBadges, "PEM"), (.source, .sources, "Source"),
            ]
            for (field, category, name) in badges {
                let value = entry.term(field).map { report.label($0.value, in: category) } ?? "not stated"
                html += "<li><span>\(name)</span> \(escape(value))</li>"
            }
            html += "<li><span>Sample</span> \(entry.number(.sampleSize).map { String($0.value) } ?? "not stated")</li>"
            if let population = entry.list(.population), !population.isEmpty {
                html += "<li><span>Population</span> \(escape(population.map { report.label($0.value, in: .populations) }.joined(separator: ", ")))</li>"
            }
        }
        html += "</ul>\n<dl class=\"flags\">"
        let groups: [(String, [String], String)] = [
            ("Declared", study.declaredFlags, ""), ("Suggested", study.suggestedFlags, ""),
            ("Missing", study.missingFlags, "missing"), ("Unsupported", study.unsupportedFlags, "unsupported"),
        ]
        for (name, list, style) in groups {
            let items = list.isEmpty ? "<span class=\"none\">none</span>" : list.map { "<span class=\"flag \(style)\">\(escape(report.label($0, in: .methodFlags)))</span>" }.joined(separator: " ")
            html += "<dt>\(name)</dt><dd>\(items)</dd>"
        }
        html += "</dl>\n"
        // The first finding of each flag is where the matrix's cell links.
        var linked = Set<String>()
        func target(_ flag: String?) -> String {
            guard let flag, linked.insert(flag).inserted else { return "" }
            return " id=\"\(HTMLReport.target(anchor, flag: flag))\""
        }
        if study.findings.isEmpty {
            html += "<p class=\"clean\">No findings.</p>\n"
        } else {
            html += "<ol class=\"findings\">\n"
            for finding in study.findings {
                html += "<li class=\"finding \(finding.severity.rawValue)\"\(target(finding.flag)) data-severity=\"\(finding.severity.rawValue)\" data-flag=\"\(escape(finding.flag ?? ""))\">"
                html += "<p><span class=\"severity\">\(finding.severity.rawValue)</span> \(escape(finding.message))</p>"
                html += "<p class=\"where\"><code>\(escape(finding.rule))</code>\(finding.flag.map { " → flag <code>\(escape($0))</code>" } ?? "") · \(escape(finding.field ?? "")) · line \(finding.location.line), column \(finding.location.column)</p>"
                if let excerpt = finding.excerpt, !excerpt.isEmpty, let other = finding.counterpart {
                    // A comparison: the piece's sentence and the study's, side by side.
                    html += "<div class=\"compare\"><blockquote><small>this entry</small> \(highlight(excerpt, match: match(of: finding, in: study)))</blockquote>"
                    html += "<blockquote><small>\(escape(other.study ?? "the study")) · \(escape(other.strength)) · line \(other.location.line)</small> \(escape(other.excerpt))</blockquote></div>"
                } else if let excerpt = finding.excerpt, !excerpt.isEmpty {
                    html += "<blockquote>\(highlight(excerpt, match: match(of: finding, in: study)))</blockquote>"
                }
                html += why(finding.rule, finding.why)
                html += "</li>\n"
            }
            html += "</ol>\n"
        }
        // The evidence behind the flags the entry declares and a rule confirms.
        let confirmed = study.evidence.filter { $0.flag.map(study.declaredFlags.contains) == true }
        if !confirmed.isEmpty {
            html += "<h4>Evidence for its declared flags</h4>\n<ul class=\"evidence\">\n"
            for finding in confirmed {
                html += "<li\(target(finding.flag))><span class=\"flag\">\(escape(report.label(finding.flag ?? "", in: .methodFlags)))</span> "
                html += "<code>\(escape(finding.rule))</code> · \(escape(finding.field ?? "")) · line \(finding.location.line)"
                if let excerpt = finding.excerpt, !excerpt.isEmpty { html += "<blockquote>\(highlight(excerpt, match: match(of: finding, in: study)))</blockquote>" }
                html += why(finding.rule, finding.why) + "</li>\n"
            }
            html += "</ul>\n"
        }
        if !study.suppressed.isEmpty {
            html += "<h4>Silenced in the entry</h4>\n<ul class=\"silenced\">\n"
            for silenced in study.suppressed {
                let reason = silenced.suppression.reason.map { "“\(escape($0))”" } ?? "<em>no reason given</em>"
                html += "<li><code>\(escape(silenced.finding.rule))</code> · line \(silenced.finding.location.line): \(escape(silenced.finding.message))"
                html += "<p class=\"reason\">Reason (audit.ignore, line \(silenced.suppression.location.line)): \(reason)</p></li>\n"
            }
            html += "</ul>\n"
        }
        return html + "</article>\n"
    }

    /// A finding's "why": the rule's rationale and its reference.
    private func why(_ rule: String, _ given: String?) -> String {
        guard let why = given ?? report.rationale(of: rule) else { return "" }
        let reference = report.reference(of: rule).map { "<p class=\"reference\">Reference: \(escape($0))</p>" } ?? ""
        return "<details><summary>Why this rule</summary><p>\(escape(why))</p>\(reference)</details>"
    }

    /// The words a finding's rule matched, to highlight in its excerpt.
    private func match(of finding: Finding, in study: StudyReport) -> String? {
        study.matches.first { $0.rule.id == finding.rule }?.evidence.first { $0.excerpt == finding.excerpt }?.match
    }

    private func highlight(_ excerpt: String, match: String?) -> String {
        let flat = excerpt.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard let match, !match.isEmpty, let range = flat.range(of: match, options: .caseInsensitive) else { return escape(flat) }
        return escape(String(flat[..<range.lowerBound])) + "<mark>" + escape(String(flat[range])) + "</mark>" + escape(String(flat[range.upperBound...]))
    }

    static func anchor(_ study: StudyReport) -> String { "study-" + Screener.slug(for: (study.id ?? study.path) + ".x") }

    /// Where a matrix cell of `flag` links in a card: `~` never occurs in an anchor, so no
    /// study's anchor equals another's finding.
    static func target(_ anchor: String, flag: String) -> String { anchor + "~" + MarkupText.escape(flag) }

    func escape(_ text: String) -> String { MarkupText.escape(text) }

    static let css = """
        :root{--ink:#1b1b1f;--muted:#4a4a55;--line:#d0d0d8;--error:#a4001d;--warning:#7a4a00;--info:#1d4f91;--ok:#1e6b35;--bg:#fff;--card:#f7f7fa}
        body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);background:var(--bg);margin:0 auto;max-width:72rem;padding:1rem 1.5rem}
        h1{font-size:1.8rem;margin:.5rem 0}h2{border-bottom:2px solid var(--line);padding-bottom:.2rem;margin-top:2rem}
        .lede .count{font-weight:600;margin-left:.8rem}.count.error{color:var(--error)}.count.warning{color:var(--warning)}.count.info{color:var(--info)}
        .scroll{overflow-x:auto}table.matrix{border-collapse:collapse;font-size:.9rem}
        .matrix th,.matrix td{border:1px solid var(--line);padding:.3rem .45rem;text-align:center}
        .matrix thead th{vertical-align:bottom;font-weight:600;max-width:6.5rem}.matrix tbody th{text-align:left;font-weight:normal}
        td.confirmed{color:var(--ok);font-weight:700}td.missing{color:var(--warning);background:#fff4e0;font-weight:700}td.unsupported{color:var(--info);background:#e8f0fb;font-weight:700}
        .sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
        .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:1.5rem}
        figure{margin:1rem 0}figcaption{color:var(--muted);font-size:.9rem}
        svg text{font-size:12px;fill:var(--ink)}svg text.on-bar{fill:#fff;font-size:11px}
        rect.declared{fill:#3b5b92}rect.suggested{fill:#c26a00}
        rect.level-0{fill:#1e4d2b}rect.level-1{fill:#2f6f3e}rect.level-2{fill:#5a6b1d}rect.level-3{fill:#8a5a00}rect.level-4{fill:#7a3b00}rect.level-5{fill:#6b1f2a}rect.level-6{fill:#555}
        .controls label{margin-right:1.2rem}select{font:inherit;padding:.15rem}
        article.study{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.8rem 1.2rem;margin:1rem 0}
        article.study h3{margin:.2rem 0 .3rem;font-size:1.15rem}.meta{color:var(--muted);font-size:.9rem;margin:.2rem 0}
        ul.badges{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem}ul.badges li{border:1px solid var(--line);border-radius:4px;padding:.05rem .5rem;background:#fff;font-size:.9rem}
        ul.badges span{color:var(--muted);margin-right:.2rem}
        dl.flags{display:grid;grid-template-columns:7rem 1fr;gap:.2rem .5rem;font-size:.92rem}dl.flags dt{color:var(--muted)}dl.flags dd{margin:0}
        .flag{display:inline-block;border:1px solid var(--line);border-radius:3px;padding:0 .35rem;background:#fff;margin:.05rem}
        .flag.missing{border-color:var(--warning);color:var(--warning)}.flag.unsupported{border-color:var(--info);color:var(--info)}.none{color:var(--muted)}
        ol.findings{padding-left:1.2rem}li.finding{margin:.6rem 0}li.finding p{margin:.1rem 0}
        .severity{font-weight:700;text-transform:uppercase;font-size:.78rem;letter-spacing:.03em;padding:.05rem .3rem;border-radius:3px;color:#fff}
        .error .severity{background:var(--error)}.warning .severity{background:var(--warning)}.info .severity{background:var(--info)}
        .where{color:var(--muted);font-size:.85rem}blockquote{margin:.3rem 0;padding:.3rem .7rem;border-left:3px solid var(--line);background:#fff}.compare{display:grid;grid-template-columns:1fr 1fr;gap:.5rem}.compare small{display:block;color:var(--muted)}
        mark{background:#ffe08a;color:inherit;padding:0 .1rem}details summary{cursor:pointer;color:var(--muted);font-size:.9rem}
        .clean{color:var(--ok)}[hidden]{display:none!important}footer{color:var(--muted);font-size:.85rem;margin:2rem 0}
        .provenance,.legend{color:var(--muted);font-size:.9rem}.matrix td a{color:inherit;text-decoration:none;display:block}
        .pager{margin:.6rem 0}.pager button{font:inherit;padding:.1rem .6rem}.controls input{font:inherit;padding:.15rem;width:14rem}
        h4{margin:.8rem 0 .2rem;font-size:1rem}ul.evidence,ul.silenced{padding-left:1.2rem;font-size:.92rem}.reason{color:var(--muted);margin:.1rem 0}.reference{color:var(--muted);font-size:.9rem}
        @media print{.controls{display:none}article.study{break-inside:avoid;border-color:#999}details{display:block}body{max-width:none}a{color:inherit}}
        """

    static let script = """
        (function(){
          var started=performance.now();
          var list=document.getElementById('studies');if(!list){return;}
          var body=document.getElementById('matrix-body'),data=document.getElementById('report-data');
          var paged=!!data,size=\(HTMLReport.pageSize),page=0,items;
          // Paged, each item is data (s: matrix states, c: card, f: filter fields); inline, it is a card in the page.
          // The data's text is parsed once and dropped: the page keeps the parsed items only.
          if(paged){items=JSON.parse(data.textContent);data.remove();}
          else{items=Array.prototype.slice.call(list.querySelectorAll('article.study')).map(function(card){
            var f={};for(var k in card.dataset){f[k]=card.dataset[k];}f.anchor=card.id;f.text=card.textContent.toLowerCase();return {el:card,f:f};});}
          // Paged: the matrix's cells from each study's states, with the titles and links matrixRow writes.
          var table=body&&body.closest('table'),slugs=table&&table.dataset.slugs?table.dataset.slugs.split(' '):[];
          var labels=table?Array.prototype.slice.call(table.querySelectorAll('thead th span')).map(function(el){return el.textContent;}):[];
          var states={c:['confirmed','✓','declared and supported'],m:['missing','+','suggested, not declared'],u:['unsupported','?','declared, not supported']};
          function esc(t){return t.replace(/[&<>"']/g,function(ch){return '&#'+ch.charCodeAt(0)+';';});}
          function row(item){
            var a=item.f.anchor,html='<tr><th scope="row"><a href="#'+a+'">'+esc(item.f.id)+'</a></th>';
            for(var i=0;i<slugs.length;i++){
              var st=states[item.s.charAt(i)];
              if(!st){html+='<td class="none" title="'+esc(labels[i])+': neither"><span class="sr"></span></td>';continue;}
              var href=st[0]==='unsupported'?'#'+a:'#'+a+'~'+slugs[i];
              html+='<td class="'+st[0]+'" title="'+esc(labels[i])+': '+st[2]+'"><a href="'+href+'">'+st[1]+'</a><span class="sr">'+st[2]+'</span></td>';
            }
            return html+'<td>'+item.f.errors+'</td><td>'+item.f.warnings+'</td></tr>';
          }
          // Paged, a card's words are read for the search the first time one is typed.
          function text(item){if(item.f.text===undefined){item.f.text=item.c.replace(/<[^>]*>/g,' ').toLowerCase();}return item.f.text;}
          var ids=['severity-filter','flag-filter','design-filter','level-filter','population-filter','search','sort'];
          var c={};ids.forEach(function(id){c[id]=document.getElementById(id);});
          function has(list,value){return (' '+list+' ').indexOf(' '+value+' ')>=0;}
          function matches(item){var f=item.f;
            var s=c['severity-filter'].value,g=c['flag-filter'].value,d=c['design-filter'].value,l=c['level-filter'].value,p=c['population-filter'].value;
            var q=c['search'].value.trim().toLowerCase();
            return (!s||has(f.severities,s))&&(!g||has(f.flags,g))&&(!d||f.design===d)&&(!l||f.level===l)&&(!p||has(f.population,p))&&(!q||text(item).indexOf(q)>=0);
          }
          function ordered(){
            var key=c['sort'].value,shown=items.filter(matches);
            if(key==='errors'||key==='warnings'){shown.sort(function(a,b){return Number(b.f[key])-Number(a.f[key]);});}
            else if(key==='id'){shown.sort(function(a,b){return a.f.id.localeCompare(b.f.id);});}
            return shown;
          }
          function render(){
            var shown=ordered(),s=c['severity-filter'].value,g=c['flag-filter'].value;
            document.getElementById('no-match').hidden=shown.length>0;
            if(paged){
              var pages=Math.max(1,Math.ceil(shown.length/size));page=Math.min(page,pages-1);
              var slice=shown.slice(page*size,(page+1)*size);
              body.innerHTML=slice.map(row).join('');
              list.innerHTML=slice.map(function(item){return item.c;}).join('');
              var status=shown.length?('Studies '+(page*size+1)+'–'+(page*size+slice.length)+' of '+shown.length):'No studies';
              document.querySelectorAll('.page-status').forEach(function(el){el.textContent=status;});
              document.querySelectorAll('.pager button').forEach(function(b){b.disabled=b.dataset.page==='-1'?page===0:page>=pages-1;});
            }else{
              items.forEach(function(item){item.el.hidden=!matches(item);});
              shown.forEach(function(item){list.appendChild(item.el);});
            }
            list.querySelectorAll('li.finding').forEach(function(li){li.hidden=(s&&li.dataset.severity!==s)||(g&&li.dataset.flag!==g&&li.dataset.flag!=='');});
            return shown;
          }
          // A link to a study or finding on another page turns to that page first.
          function reveal(){
            var id=decodeURIComponent(location.hash.slice(1));if(!id||!paged||document.getElementById(id)){return;}
            var shown=ordered();
            var study=id.split('~')[0];
            for(var i=0;i<shown.length;i++){if(shown[i].f.anchor===study){page=Math.floor(i/size);render();break;}}
            var target=document.getElementById(id);if(target){target.scrollIntoView();}
          }
          ids.forEach(function(id){c[id].addEventListener(id==='search'?'input':'change',function(){page=0;render();});});
          document.querySelectorAll('.pager button').forEach(function(b){b.addEventListener('click',function(){page+=Number(b.dataset.page);render();list.scrollIntoView();});});
          window.addEventListener('hashchange',reveal);
          render();reveal();
          // How long the script took, and the page from navigation to its first view (the browser check reads both).
          document.body.dataset.scriptMs=String(Math.round(performance.now()-started));
          document.body.dataset.shownMs=String(Math.round(performance.now()));
        })();
        """
}
