/// One SQLite write transaction at a time per database, queued in async code: a transaction waits here, holding
/// neither a pooled connection nor a thread, instead of inside SQLite's busy handler (which blocks a thread of the
/// database's pool and keeps a connection that other requests queue behind). First come, first served.
actor WriterGate {
    private var held = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard held else {
            held = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
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
            waiting.removeFirst().resume()
        } else {
            held = false
        }
    }
}
