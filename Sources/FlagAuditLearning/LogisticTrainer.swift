import Foundation

/// Trains a `LinearModel` by multinomial logistic regression with L2 regularisation and
/// AdaGrad steps, in a fixed order from a fixed seed: the same data give the same weights.
public struct LogisticTrainer: Sendable {
    public var epochs = 10
    public var learningRate = 0.5
    public var l2 = 1e-3
    public var minimumCount = 2
    /// Features whose largest absolute weight is below this are dropped from the file.
    public var pruneBelow = 0.02
    public var seed: UInt64 = 20_261_122

    public init() {}

    public func train(_ examples: [(features: [String], label: Int)], classes: [String]) -> LinearModel {
        var counts: [String: Int] = [:]
        for example in examples { for feature in Set(example.features) { counts[feature, default: 0] += 1 } }
        let vocabulary = counts.filter { $0.value >= minimumCount }.keys.sorted()
        let index = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
        let data = examples.map { example in (Array(Set(example.features.compactMap { index[$0] })).sorted(), example.label) }
        let k = classes.count
        // Balanced class weights: rare classes (conditional claims) count as much as common ones.
        var perClass = [Double](repeating: 0, count: k)
        for example in data { perClass[example.1] += 1 }
        let classWeight = perClass.map { $0 == 0 ? 0 : Double(data.count) / (Double(k) * $0) }
        var w = [Double](repeating: 0, count: vocabulary.count * k)
        var b = [Double](repeating: 0, count: k)
        var gw = [Double](repeating: 1e-8, count: vocabulary.count * k)
        var gb = [Double](repeating: 1e-8, count: k)
        var generator = SplitMix64(seed: seed)
        var order = Array(data.indices)
        for _ in 0..<epochs {
            order.shuffle(using: &generator)
            for i in order {
                let (features, label) = data[i]
                var scores = b
                for f in features { for c in 0..<k { scores[c] += w[f * k + c] } }
                let top = scores.max() ?? 0
                let exps = scores.map { Foundation.exp($0 - top) }
                let total = exps.reduce(0, +)
                for c in 0..<k {
                    let gradient = (exps[c] / total - (c == label ? 1 : 0)) * classWeight[label]
                    gb[c] += gradient * gradient
                    b[c] -= learningRate * gradient / gb[c].squareRoot()
                    for f in features {
                        let j = f * k + c
                        let g = gradient + l2 * w[j]
                        gw[j] += g * g
                        w[j] -= learningRate * g / gw[j].squareRoot()
                    }
                }
            }
        }
        var weights: [String: [Double]] = [:]
        for (f, feature) in vocabulary.enumerated() {
            let row = (0..<k).map { w[f * k + $0] }
            if row.contains(where: { abs($0) >= pruneBelow }) { weights[feature] = row }
        }
        return LinearModel(classes: classes, bias: b, weights: weights)
    }
}
