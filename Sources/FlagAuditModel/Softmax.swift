import Foundation

/// Class scores (log-odds, logits) turned into probabilities that sum to 1. The largest score
/// is taken off first, so no score overflows `exp`.
public enum Softmax {
    public static func probabilities(_ scores: [Double]) -> [Double] {
        let top = scores.max() ?? 0
        let exps = scores.map { exp($0 - top) }
        let total = exps.reduce(0, +)
        return exps.map { $0 / total }
    }
}
