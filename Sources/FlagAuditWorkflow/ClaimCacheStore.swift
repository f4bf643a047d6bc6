import FlagAuditEngine
import FlagAuditLoading
import FlagAuditModel
import FlagAuditText
import Foundation

/// A run's claim cache (`--cache DIR`): opened before the audit, in the pack's classifier while
/// it runs, and written back, with the decisions the run added, after it.
///
/// The directory is checked before any work (a file in its place refuses the run, exit 2); a
/// cache file of another model is never read (its name holds the fingerprint); a damaged file
/// is said and rebuilt. Only the transformer has decisions worth keeping: with another model
/// the option is said to do nothing.
public struct ClaimCacheStore {
    public let directory: String
    public let path: String
    public private(set) var cache: ClaimCache
    private var added = 0

    /// Nil, with a message, when the pack's model keeps no decisions.
    public init?(directory: String, pack: RulePack, console: Console) throws(RunFailure) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw RunFailure(lines: ["\(directory): error: --cache needs a directory: a file has that name"])
        }
        guard let transformer = pack.claimTransformer else {
            console.message("note: --cache keeps the transformer's decisions; the \(pack.claimClassifier.model.name) model needs no cache, so none is used")
            return nil
        }
        self.directory = directory
        path = ClaimCache.path(in: directory, fingerprint: transformer.fingerprint)
        cache = ClaimCache(fingerprint: transformer.fingerprint, labels: transformer.labels.count)
        guard let bytes = try? FileInput.read(path, limit: 1 << 30) else { return }
        do throws(FileError) {
            cache = try ClaimCache(parsing: bytes, path: path, fingerprint: transformer.fingerprint, labels: transformer.labels.count)
        } catch {
            console.message("\(error.description) (the cache is rebuilt)")
        }
    }

    /// The pack with the cache in its classifier.
    public func applied(to pack: RulePack) -> RulePack {
        var pack = pack
        pack.claimCache = cache
        return pack
    }

    public mutating func add(_ decisions: [ClaimDecision]) {
        for decision in decisions where cache.probabilities(for: decision.key) == nil {
            cache.insert(decision)
            added += 1
        }
    }

    /// Writes the cache back when the run added to it, and says what it holds.
    public func save(console: Console) throws(RunFailure) {
        guard added > 0 else {
            console.message("claim cache: every decision read from \(path) (\(cache.count) sentences)")
            return
        }
        if !FileManager.default.fileExists(atPath: directory) {
            do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
                throw RunFailure(lines: ["\(directory): error: cannot create the cache directory"])
            }
        }
        try RunFailure.onFileError { () throws(FileError) in try AtomicFile.write(bytes: cache.serialized(), to: path) }
        console.message("claim cache: \(added) new decisions, \(cache.count) sentences in \(path)")
    }
}
