/// One SQLite write transaction at a time per database, queued in async code: a transaction waits here, holding
/// neither a pooled connection nor a thread, instead of inside SQLite's busy handler (which blocks a thread of the
/// database's pool and keeps a connection that other requests queue behind). First come, first served; a waiter
/// whose turn has not come within its limit is refused (`WriterGateTimeout`), so an overloaded server sheds requests
/// early instead of queueing them without end.
actor WriterGate {
    private var held = false
    private var waiting: [(id: UInt64, turn: CheckedContinuation<Void, any Error>)] = []
    private var lastID: UInt64 = 0

    func acquire(within limit: Duration) async throws {
        guard held else {
            held = true
            return
        }
        lastID += 1
        let id = lastID
        let expiry = Task { [weak self] in
            try await Task.sleep(for: limit)
            await self?.expire(id)
        }
        defer { expiry.cancel() }
        try await withCheckedThrowingContinuation { waiting.append((id, $0)) }
    }

    /// Takes the gate if it is free, without waiting; whether it was taken.
    func tryAcquire() -> Bool {
        guard !held else { return false }
        held = true
        return true
    }

    /// Hands the gate to the next waiter, if any.
    func release() {
        if !waiting.isEmpty {
            waiting.removeFirst().turn.resume()
        } else {
            held = false
        }
    }

    private func expire(_ id: UInt64) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }  // its turn came first
        waiting.remove(at: index).turn.resume(throwing: WriterGateTimeout())
    }
}

/// A write waited longer than the database's wait limit for its turn: the database is overloaded (503, try again).
public struct WriterGateTimeout: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "the database is busy with other writes" }
}
