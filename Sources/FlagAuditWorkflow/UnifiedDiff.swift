import FlagAuditText

/// A unified diff of two texts by lines (longest common subsequence), for `--fix --dry-run`.
public enum UnifiedDiff {
    public static func render(old: String, new: String, path: String, context: Int = 3) -> String {
        let a = old.scalarLines, b = new.scalarLines
        guard a != b else { return "" }
        // Edits are a few lines in a short file; quadratic LCS is plenty.
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        enum Op { case same(String), removed(String), added(String) }
        var ops: [Op] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count && j < b.count && a[i] == b[j] { ops.append(.same(a[i])); i += 1; j += 1 }
            else if i < a.count && (j == b.count || lcs[i + 1][j] >= lcs[i][j + 1]) { ops.append(.removed(a[i])); i += 1 }
            else { ops.append(.added(b[j])); j += 1 }
        }
        var output = "--- \(path)\n+++ \(path) (fixed)\n"
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
                output += "@@ -\(oldLine - back),\(oldCount) +\(newLine - back),\(newCount) @@\n"
                for op in hunk {
                    switch op {
                    case .same(let line): output += " \(line)\n"
                    case .removed(let line): output += "-\(line)\n"
                    case .added(let line): output += "+\(line)\n"
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
}
