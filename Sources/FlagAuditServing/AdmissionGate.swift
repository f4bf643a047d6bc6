/// Bounds how many requests are worked on at once: `limit` run, up to `queue` more wait their
/// turn in arrival order, and beyond that a request is turned away (503) rather than queued
/// without end. Screening is CPU work, so running more at once than there are cores only
/// makes each slower.
actor AdmissionGate {
    let limit: Int
    let queue: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int, queue: Int) {
        self.limit = max(1, limit)
        self.queue = max(0, queue)
    }

    /// Waits for a turn; false when the queue is full (the caller answers 503 and must not `leave`).
    func enter() async -> Bool {
        if running < limit {
            running += 1
            return true
        }
        guard waiting.count < queue else { return false }
        await withCheckedContinuation { waiting.append($0) }
        return true
    }

    /// Ends a turn: the next waiting request takes it over.
    func leave() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// Runs `body` in a turn; nil when turned away.
    func admit<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T? {
        guard await enter() else { return nil }
        defer { leave() }
        return try await body()
    }
}
