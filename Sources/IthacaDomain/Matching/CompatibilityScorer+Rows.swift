import Foundation

/// Every pair's score, row by mentee; `forbidden` where a hard constraint rules the pair out.
public struct ScoreMatrix: Sendable {
    public static let forbidden: Int32 = -1

    public let menteeCount: Int
    public let mentorCount: Int
    public var values: [Int32]

    public init(menteeCount: Int, mentorCount: Int, values: [Int32]) {
        precondition(values.count == menteeCount * mentorCount, "a score for every pair")
        self.menteeCount = menteeCount
        self.mentorCount = mentorCount
        self.values = values
    }

    public subscript(mentee: Int, mentor: Int) -> Int32 {
        get { values[mentee * mentorCount + mentor] }
        set { values[mentee * mentorCount + mentor] = newValue }
    }
}

/// Some pairs' scores, row by mentee (compressed rows): the candidate graph of the sparse mode.
public struct CandidateEdges: Sendable {
    public let menteeCount: Int
    public let mentorCount: Int
    /// Mentee `i`'s edges are `rowStart[i]..<rowStart[i + 1]`.
    public var rowStart: [Int]
    public var mentors: [Int32]
    public var scores: [Int32]
    /// How many pairs passed the candidate search's cheap bound and were checked and scored exactly (0 when not known).
    public var pairsScored = 0
    /// How many inverted-list entries (mentor, skill or word) the candidate search walked.
    public var listEntriesWalked = 0

    public init(menteeCount: Int, mentorCount: Int, rowStart: [Int], mentors: [Int32], scores: [Int32]) {
        self.menteeCount = menteeCount
        self.mentorCount = mentorCount
        self.rowStart = rowStart
        self.mentors = mentors
        self.scores = scores
    }

    public var edgeCount: Int { mentors.count }
}

/// A raw pointer handed to workers that write disjoint ranges of one buffer.
struct SharedBuffer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}

extension CompatibilityScorer {
    /// Every pair's score, computed on all cores.
    public func scoreMatrix() async -> ScoreMatrix {
        let mentorCount = mentors.count
        let menteeCount = mentees.count
        let count = menteeCount * mentorCount
        let kernel = PairKernel(self)
        // Filled in place by all cores (no second copy of the matrix).
        let values = [Int32](unsafeUninitializedCapacity: count) { target, initialized in
            if count > 0 {
                let shared = SharedBuffer(base: target.baseAddress!)
                let chunks = min(menteeCount, max(1, ProcessInfo.processInfo.activeProcessorCount) * 8)
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let scratch = MenteeScratch(self)
                    for i in (menteeCount * chunk / chunks)..<(menteeCount * (chunk + 1) / chunks) {
                        load(i, into: scratch)
                        let row = shared.base + i * mentorCount
                        for j in 0..<mentorCount { row[j] = kernelScore(j, kernel, scratch) }
                        unload(scratch)
                    }
                }
            }
            initialized = count
        }
        return ScoreMatrix(menteeCount: menteeCount, mentorCount: mentorCount, values: values)
    }

    /// Runs `body` over consecutive ranges of `0..<count` on all cores; results in range order.
    func forEachChunk<T: Sendable>(of count: Int, _ body: @escaping @Sendable (Range<Int>) -> T) async -> [T] {
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunkCount = min(count, workers * 8)
        guard chunkCount > 0 else { return [] }
        return await withTaskGroup(of: (Int, T).self) { group in
            for chunk in 0..<chunkCount {
                let range = (count * chunk / chunkCount)..<(count * (chunk + 1) / chunkCount)
                group.addTask { (chunk, body(range)) }
            }
            var results = [T?](repeating: nil, count: chunkCount)
            for await (chunk, result) in group { results[chunk] = result }
            return results.map { $0! }
        }
    }

    /// `forEachChunk` without suspending (for the solver, which is synchronous): on all cores, results in range order.
    func forEachChunkNow<T>(of count: Int, _ body: @Sendable (Range<Int>) -> T) -> [T] {
        let chunkCount = min(count, max(1, ProcessInfo.processInfo.activeProcessorCount) * 8)
        guard chunkCount > 0 else { return [] }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: chunkCount)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let shared = SharedBuffer(base: results.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            shared.base[chunk] = body((count * chunk / chunkCount)..<(count * (chunk + 1) / chunkCount))
        }
        let collected = results.map { $0! }
        _ = results.deinitialize()
        return collected
    }
}
