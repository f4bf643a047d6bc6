/// A unified diff of two texts by lines (longest common subsequence), for `--fix --dry-run`:
/// a patch `git apply` and `patch -p1` take, with git's `a/` and `b/` prefixes on the path.
/// `git apply` refuses absolute paths and `..`, so callers pass paths resolved and made relative
/// to the current folder where they can (`PathText`); `patch -p1 -d /` takes those outside it.
public enum UnifiedDiff {
    public static func render(old: String, new: String, path: String, context: Int = 3) -> String {
        let a = Line.split(old), b = Line.split(new)
        guard a != b else { return "" }
        // Edits are a few lines in a short file; quadratic LCS is plenty.
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        enum Op { case same(Line), removed(Line), added(Line) }
        var ops: [Op] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count && j < b.count && a[i] == b[j] { ops.append(.same(a[i])); i += 1; j += 1 }
            else if i < a.count && (j == b.count || lcs[i + 1][j] >= lcs[i][j + 1]) { ops.append(.removed(a[i])); i += 1 }
            else { ops.append(.added(b[j])); j += 1 }
        }
        var output = "--- a/\(path)\n+++ b/\(path)\n"
        var index = 0
        var oldLine = 1, newLine = 1
        while index < ops.count {
            guard case .same = ops[index] else {
                var start = index
                var back = 0
                while start > 0, back < context, case .same = ops[start - 1] { start -= 1; back += 1 }
                var end = index
                var trailing = 0
                while end < ops.count {
                    if case .same = ops[end] { trailing += 1; if trailing > 2 * context { break } } else { trailing = 0 }
                    end += 1
                }
                end -= max(0, trailing - context)
                let hunk = ops[start..<end]
                let oldCount = hunk.filter { if case .added = $0 { return false }; return true }.count
                let newCount = hunk.filter { if case .removed = $0 { return false }; return true }.count
                // A range of no lines names the line before it, as diff does ("-0,0" at the top).
                let oldStart = oldCount == 0 ? oldLine - back - 1 : oldLine - back
                let newStart = newCount == 0 ? newLine - back - 1 : newLine - back
                output += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n"
                for op in hunk {
                    switch op {
                    case .same(let line): output += line.rendered(" ")
                    case .removed(let line): output += line.rendered("-")
                    case .added(let line): output += line.rendered("+")
                    }
                }
                for op in ops[index..<end] {
                    switch op {
                    case .same: oldLine += 1; newLine += 1
                    case .removed: oldLine += 1
                    case .added: newLine += 1
                    }
                }
                index = end
                continue
            }
            oldLine += 1
            newLine += 1
            index += 1
        }
        return output
    }

    /// One line of a text: its content up to the LF (a CR before it stays in the content, as
    /// patch tools compare it), and whether the LF is there: only a file's last line may lack it.
    struct Line: Equatable {
        var content: Substring
        var terminated: Bool

        /// A text's lines; a text ending in LF has no empty line after it.
        static func split(_ text: String) -> [Line] {
            var lines: [Line] = []
            var rest = text.unicodeScalars[...]
            while !rest.isEmpty {
                if let feed = rest.firstIndex(of: "\n") {
                    lines.append(Line(content: Substring(rest[..<feed]), terminated: true))
                    rest = rest[rest.index(after: feed)...]
                } else {
                    lines.append(Line(content: Substring(rest), terminated: false))
                    break
                }
            }
            return lines
        }

        func rendered(_ marker: Character) -> String {
            "\(marker)\(content)\n" + (terminated ? "" : "\\ No newline at end of file\n")
        }
    }
}
