import Yams

/// The lines of a source file as Unicode scalars, to map offsets inside a YAML scalar back
/// to the line and column where they were written, whatever the scalar's style.
struct SourceLines {
    /// All scalars in one array and where each line starts in it (one allocation, not one per line).
    private let scalars: [Unicode.Scalar]
    private let starts: [Int]

    init(_ source: String) {
        let scalars = Array(source.unicodeScalars)
        var starts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" { starts.append(index + 1) }
        self.scalars = scalars
        self.starts = starts
    }

    /// Line `index` (from 0) without its line break.
    private func line(_ index: Int) -> ArraySlice<Unicode.Scalar> {
        let end = index + 1 < starts.count ? starts[index + 1] - 1 : scalars.count
        return scalars[starts[index]..<end]
    }

    /// Word starts of `content` paired with the source positions of the same words.
    /// Scalar styles differ in quoting, folding and indentation but keep the word sequence,
    /// so the k-th word of the content is the k-th word in the source from the scalar's mark.
    func anchors(for scalar: Node.Scalar, content: String) -> [TextAnchor] {
        guard let mark = scalar.mark else { return [] }
        var contentStarts: [Int] = []
        var previousWasSpace = true
        for (offset, character) in content.unicodeScalars.enumerated() {
            let isSpace = SourceLines.isSpace(character)
            if !isSpace && previousWasSpace { contentStarts.append(offset) }
            previousWasSpace = isSpace
        }
        var line = mark.line - 1
        var column = mark.column - 1
        switch scalar.style {
        case .literal, .folded:
            line += 1
            column = 0
        case .singleQuoted, .doubleQuoted:
            column += 1
        default:
            break
        }
        var anchors: [TextAnchor] = []
        anchors.reserveCapacity(contentStarts.count)
        previousWasSpace = true
        while line < starts.count && anchors.count < contentStarts.count {
            let characters = self.line(line)
            while column < characters.count && anchors.count < contentStarts.count {
                let isSpace = SourceLines.isSpace(characters[characters.startIndex + column])
                if !isSpace && previousWasSpace {
                    anchors.append(TextAnchor(offset: contentStarts[anchors.count], line: line + 1, column: column + 1))
                }
                previousWasSpace = isSpace
                column += 1
            }
            previousWasSpace = true
            line += 1
            column = 0
        }
        return anchors
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }
}
