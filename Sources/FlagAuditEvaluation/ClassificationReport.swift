import Foundation

/// Accuracy, per-class precision / recall / F1, macro-F1 and the confusion matrix of a classifier.
public struct ClassificationReport: Sendable {
    public var classes: [String]
    /// counts[gold][predicted]
    public var confusion: [[Int]]

    public init(classes: [String]) {
        self.classes = classes
        confusion = Array(repeating: Array(repeating: 0, count: classes.count), count: classes.count)
    }

    public mutating func add(gold: String, predicted: String) {
        guard let g = classes.firstIndex(of: gold), let p = classes.firstIndex(of: predicted) else { return }
        confusion[g][p] += 1
    }

    public var total: Int { confusion.flatMap { $0 }.reduce(0, +) }
    public var accuracy: Double { ratio(classes.indices.map { confusion[$0][$0] }.reduce(0, +), total) }

    public func precision(_ k: Int) -> Double { ratio(confusion[k][k], classes.indices.map { confusion[$0][k] }.reduce(0, +)) }
    public func recall(_ k: Int) -> Double { ratio(confusion[k][k], confusion[k].reduce(0, +)) }
    public func f1(_ k: Int) -> Double {
        let p = precision(k), r = recall(k)
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }
    public var macroF1: Double { classes.indices.map(f1).reduce(0, +) / Double(max(1, classes.count)) }

    private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }

    public func rendered(title: String) -> String {
        var text = "\(title)\n  sentences \(total)   accuracy \(format(accuracy))   macro-F1 \(format(macroF1))\n"
        let width = max(12, classes.map(\.count).max() ?? 0)
        text += "  " + "class".padding(toLength: width, withPad: " ", startingAt: 0) + "  precision  recall  F1     support\n"
        for (k, name) in classes.enumerated() {
            text += "  " + name.padding(toLength: width, withPad: " ", startingAt: 0)
            text += "  \(format(precision(k)))      \(format(recall(k)))   \(format(f1(k)))  \(confusion[k].reduce(0, +))\n"
        }
        text += "  confusion (rows gold, columns predicted, in the order above):\n"
        for (k, name) in classes.enumerated() {
            text += "  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
            text += confusion[k].map { String($0).padding(toLength: 6, withPad: " ", startingAt: 0) }.joined() + "\n"
        }
        return text
    }

    func format(_ value: Double) -> String { String(format: "%.3f", value) }
}
