import Foundation

/// The `capacity` best (score, mentor) pairs seen so far: a min-heap on score, ties broken by a hash of the mentor
/// salted per mentee (`salt`).
///
/// Why a salted hash: when many mentors score the same for a mentee (as in any HR export: a few skills, a few
/// offices), breaking ties by position would give every such mentee the very same few mentors, whose places then run
/// out while their equals stay free. A per-mentee hash spreads each mentee's list over all of them, deterministically.
///
/// Storage is raw (no copy-on-write or uniqueness checks in the hot path); the owner calls `release()` once.
struct TopPairs {
    let capacity: Int
    private let scores: UnsafeMutablePointer<Int32>
    private let mentors: UnsafeMutablePointer<Int32>
    private(set) var count = 0
    /// The current mentee's salt for tie-breaks (set before its first `offer`).
    var salt: UInt64 = 0

    init(capacity: Int) {
        self.capacity = capacity
        scores = .allocate(capacity: max(capacity, 1))
        mentors = .allocate(capacity: max(capacity, 1))
    }

    func release() {
        scores.deallocate()
        mentors.deallocate()
    }

    var isFull: Bool { count == capacity }
    /// The lowest kept score once full.
    var threshold: Int32 { scores[0] }

    @inline(__always)
    func worse(_ s1: Int32, _ j1: Int32, than s2: Int32, _ j2: Int32) -> Bool {
        s1 != s2 ? s1 < s2 : TopPairs.tieKey(salt, j1) > TopPairs.tieKey(salt, j2)
    }

    /// The tie-break salt of one mentee.
    @inline(__always)
    static func salt(mentee: Int) -> UInt64 { UInt64(truncatingIfNeeded: mentee) &* 0xD1B5_4A32_D192_ED03 }

    /// A mentor's rank among equals for one mentee: lower wins (a SplitMix64 finaliser of salt and mentor).
    @inline(__always)
    static func tieKey(_ salt: UInt64, _ mentor: Int32) -> UInt64 {
        var z = salt &+ UInt64(UInt32(bitPattern: mentor)) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    mutating func offer(_ score: Int32, _ mentor: Int32) {
        if count < capacity {
            var child = count
            count += 1
            while child > 0 {
                let parent = (child - 1) / 2
                if !worse(score, mentor, than: scores[parent], mentors[parent]) { break }
                scores[child] = scores[parent]
                mentors[child] = mentors[parent]
                child = parent
            }
            scores[child] = score
            mentors[child] = mentor
            return
        }
        guard capacity > 0, worse(scores[0], mentors[0], than: score, mentor) else { return }
        replaceRoot(score, mentor)
    }

    /// Puts (score, mentor) in place of the root and sifts it down among the first `count` entries.
    @inline(__always)
    private func replaceRoot(_ score: Int32, _ mentor: Int32) {
        var parent = 0
        while true {
            var child = 2 * parent + 1
            if child >= count { break }
            if child + 1 < count, worse(scores[child + 1], mentors[child + 1], than: scores[child], mentors[child]) {
                child += 1
            }
            if !worse(scores[child], mentors[child], than: score, mentor) { break }
            scores[parent] = scores[child]
            mentors[parent] = mentors[child]
            parent = child
        }
        scores[parent] = score
        mentors[parent] = mentor
    }

    mutating func clear() { count = 0 }

    /// Appends the pairs best first (higher score, then lower tie key) and empties the heap.
    mutating func drain(mentors mentorList: inout [Int32], scores scoreList: inout [Int32]) {
        let first = mentorList.count
        while count > 0 {
            // Popping the worst each time gives worst first; reversed below.
            mentorList.append(mentors[0])
            scoreList.append(scores[0])
            count -= 1
            replaceRoot(scores[count], mentors[count])
        }
        mentorList[first...].reverse()
        scoreList[first...].reverse()
    }
}
