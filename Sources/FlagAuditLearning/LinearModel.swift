import FlagAuditModel
import Foundation

/// A multinomial linear model over named features (n-grams and lexicon cues), stored as a
/// tab-separated file of weights in the rule pack: deterministic, offline, and explainable,
/// since every decision is a sum of named feature weights.
public struct LinearModel: Sendable {
    public let classes: [String]
    public let bias: [Double]
    public let weights: [String: [Double]]
    /// The weights again, keyed by `FeatureKey` of the feature's name, rows laid end to end:
    /// deciding looks features up by hash, without building or hashing strings. Boxed, so that
    /// copying a model (it travels inside every classifier) costs one reference count.
    private let table: Table

    private final class Table: Sendable {
        let names: [String]
        let rows: [Double]
        /// Feature keys to row numbers; each slot's weights (as `Float`) are kept by slot in an
        /// array of their own, so a lookup reads the keys (a few hundred KB for the shipped
        /// model), then one slot's weights, and never the row number unless a decision is
        /// explained. Weights are written with four decimals, so single precision keeps them.
        let slots: HashTable
        let weights: [Float]

        init(keys: [UInt64], names: [String], rows: [Double], width: Int) {
            self.names = names
            self.rows = rows
            var slots = HashTable()
            for (row, key) in keys.enumerated() { slots.insert(key, value: row) }
            var weights = [Float](repeating: 0, count: slots.capacity * width)
            slots.forEachEntry { slot, _, row in
                for k in 0..<width { weights[slot * width + k] = Float(rows[row * width + k]) }
            }
            self.slots = slots
            self.weights = weights
        }
    }

    public init(classes: [String], bias: [Double], weights: [String: [Double]]) {
        self.classes = classes
        self.bias = bias
        self.weights = weights
        var keys: [UInt64] = [], names: [String] = [], rows: [Double] = []
        names.reserveCapacity(weights.count)
        rows.reserveCapacity(weights.count * classes.count)
        for name in weights.keys.sorted() {
            keys.append(FeatureKey.of(name))
            names.append(name)
            rows += weights[name]!
        }
        self.table = Table(keys: keys, names: names, rows: rows, width: classes.count)
    }

    /// A feature's share in a decision.
    public struct Contribution: Sendable, Equatable {
        public var feature: String
        public var weight: Double
    }

    public struct Decision: Sendable {
        public var label: String
        public var probabilities: [Double]
        /// The features that pushed most towards the chosen class, strongest first.
        public var contributions: [Contribution]
    }

    public func scores(_ features: [String]) -> [Double] {
        var scores = bias
        for feature in features {
            guard let row = weights[feature] else { continue }
            for k in scores.indices { scores[k] += row[k] }
        }
        return scores
    }

    public func decide(_ features: [String], explain count: Int = 3) -> Decision {
        decide(hashed: features.map(FeatureKey.of), explain: count)
    }

    /// Decides from features given as `FeatureKey` keys (features the model does not know
    /// weigh nothing). The explanation names the `count` strongest features towards the chosen
    /// class; 0 skips it, for callers that never show it.
    public func decide(hashed features: [UInt64], explain count: Int = 3) -> Decision {
        let width = classes.count, names = table.names, rows = table.rows
        // Look each feature up once; the rows serve both the scores and the explanation.
        var found: [Int] = []
        if count > 0 { found.reserveCapacity(features.count) }
        var scores = bias
        scores.withUnsafeMutableBufferPointer { scores in
            table.weights.withUnsafeBufferPointer { weights in
                table.slots.forEachSlot(of: features) { _, slot in
                    if count > 0 { found.append(slot) }
                    for k in 0..<width { scores[k] += Double(weights[slot * width + k]) }
                }
            }
        }
        if count > 0 { found = found.map { table.slots.value(atSlot: $0) } }
        let best = scores.indices.max { scores[$0] < scores[$1] } ?? 0
        // Weight towards the chosen class relative to the mean of the others; keep the strongest few.
        var strongest: [(row: Int, weight: Double)] = []
        let others = Double(max(1, width - 1))
        for row in found {
            var sum = 0.0
            for k in 0..<width { sum += rows[row * width + k] }
            let own = rows[row * width + best]
            let margin = own - (sum - own) / others
            guard margin > 0, strongest.count < count || margin > strongest[strongest.count - 1].weight,
                !strongest.contains(where: { $0.row == row })
            else { continue }
            strongest.append((row, margin))
            strongest.sort { ($0.weight, names[$1.row]) > ($1.weight, names[$0.row]) }
            if strongest.count > count { strongest.removeLast() }
        }
        return Decision(
            label: classes[best], probabilities: Softmax.probabilities(scores),
            contributions: strongest.map { Contribution(feature: names[$0.row], weight: $0.weight) })
    }

    /// The weights file: a header comment, the classes, the bias, then one feature per line.
    public func serialized(comment: String) -> String {
        var text = comment.split(separator: "\n").map { "# \($0)\n" }.joined()
        text += "classes\t" + classes.joined(separator: "\t") + "\n"
        text += "bias\t" + bias.map(LinearModel.format).joined(separator: "\t") + "\n"
        for feature in weights.keys.sorted() {
            text += feature + "\t" + weights[feature]!.map(LinearModel.format).joined(separator: "\t") + "\n"
        }
        return text
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 10_000).rounded() / 10_000
        return rounded == 0 ? "0" : String(rounded)
    }

    public init(parsing text: String, path: String) throws(DiagnosticError) {
        var classes: [String] = []
        var bias: [Double] = []
        var weights: [String: [Double]] = [:]
        // Split as UTF-8 bytes, one string per field: the file has some 20,000 lines and is read
        // at every start-up (a CR before the LF is dropped).
        let bytes = Array(text.utf8)
        for (index, whole) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let line = whole.last == UInt8(ascii: "\r") ? whole.dropLast() : whole
            guard let first = line.first, first != UInt8(ascii: "#") else { continue }
            let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            let location = SourceLocation(path: path, line: index + 1, column: 1)
            if fields[0] == "classes" {
                classes = Array(fields.dropFirst())
                continue
            }
            let values = fields.dropFirst().compactMap { Double($0) }
            guard !classes.isEmpty, fields.count == classes.count + 1, values.count == classes.count else {
                throw DiagnosticError(Diagnostic(.schema, at: location, "expected a feature and \(classes.count) weights separated by tabs"))
            }
            guard values.allSatisfy(\.isFinite) else {
                throw DiagnosticError(Diagnostic(.schema, at: location, "'\(fields[0])' has a weight that is not a finite number"))
            }
            if fields[0] == "bias" { bias = values } else { weights[fields[0]] = values }
        }
        guard !classes.isEmpty, bias.count == classes.count else {
            throw DiagnosticError(Diagnostic(.schema, at: SourceLocation.start(of: path), "a model needs 'classes' and 'bias' lines"))
        }
        self.init(classes: classes, bias: bias, weights: weights)
    }
}
