/// Bounds how many requests are worked on at once: `limit` run, up to `queue` more wait their
/// turn in arrival order, and beyond that a request is turned away (503) rather than queued
/// without end. Screening is CPU work, so running more at once than there are cores only
/// makes each slower. A waiting request whose task is cancelled (its client went away) leaves
/// the queue at once instead of holding a place in it.
actor AdmissionGate {
    let limit: Int
    let queue: Int
    private var running = 0
    private var waiting: [(id: Int, turn: CheckedContinuation<Bool, Never>)] = []
    private var nextID = 0

    init(limit: Int, queue: Int) {
        self.limit = max(1, limit)
        self.queue = max(0, queue)
    }

    /// How many requests wait for a turn, and how many have one.
    var waitingCount: Int { waiting.count }
    var runningCount: Int { running }

    /// Waits for a turn; false when the queue is full or the task was cancelled while waiting
    /// (the caller answers 503 and must not `leave`).
    func enter() async -> Bool {
        if running < limit {
            running += 1
            return true
        }
        guard waiting.count < queue, !Task.isCancelled else { return false }
        let id = nextID
        nextID += 1
        return await withTaskCancellationHandler {
            await withCheckedContinuation { turn in
                // Cancelled before this ran: the handler below found nothing to remove.
                if Task.isCancelled { return turn.resume(returning: false) }
                waiting.append((id, turn))
            }
        } onCancel: {
            Task { await self.withdraw(id) }
        }
    }

    private func withdraw(_ id: Int) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        waiting.remove(at: index).turn.resume(returning: false)
    }

    /// Ends a turn: the next waiting request takes it over.
    func leave() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().turn.resume(returning: true)
        }
    }

    /// Runs `body` in a turn; nil when turned away.
    func admit<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T? {
        guard await enter() else { return nil }
        defer { leave() }
        return try await body()
    }
}
