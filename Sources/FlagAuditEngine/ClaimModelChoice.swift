/// The model that decides claim strength (`--claims-model`).
public enum ClaimModelChoice: String, Sendable, CaseIterable {
    /// The fine-tuned transformer, `models/claims-transformer.bin`.
    case transformer
    /// The linear model over words and cue readings, `models/claims.tsv`.
    case linear
    /// The lexicon's cues alone.
    case lexicon
}
