import Foundation

/// A "mentored by" edge: `mentor` mentored `mentee` (one edge per pair is enough; repeats are harmless).
public struct MentoringEdge: Hashable, Sendable, Codable {
    public var mentor: UUID
    public var mentee: UUID

    public init(mentor: UUID, mentee: UUID) {
        self.mentor = mentor
        self.mentee = mentee
    }
}

/// How far a person's mentoring has reached.
public struct LineageReach: Equatable, Sendable {
    /// People this person mentored.
    public var direct: Set<UUID>
    /// People mentored by those people, and so on, who were not also mentored directly.
    public var downstream: Set<UUID>

    public init(direct: Set<UUID>, downstream: Set<UUID>) {
        self.direct = direct
        self.downstream = downstream
    }

    /// Everyone reached, each counted once.
    public var total: Int { direct.count + downstream.count }
}

/// The web of who mentored whom, which grows as mentees pay it forward.
public enum Lineage {
    /// Who `person` mentored, and everyone reached through them, transitively.
    ///
    /// Nobody is counted twice (someone reached along two paths counts once, as direct if either path is direct),
    /// the person never counts themselves, and loops in the data (A mentored B, B later mentored A) end the walk
    /// instead of running forever: a breadth-first search with a visited set.
    public static func reach(of person: UUID, edges: [MentoringEdge]) -> LineageReach {
        var menteesOf: [UUID: [UUID]] = [:]
        for edge in edges where edge.mentor != edge.mentee { menteesOf[edge.mentor, default: []].append(edge.mentee) }

        let direct = Set(menteesOf[person] ?? [])
        var visited: Set<UUID> = direct.union([person])
        var downstream: Set<UUID> = []
        var queue = Array(direct)
        var head = 0
        while head < queue.count {
            let current = queue[head]
            head += 1
            for mentee in menteesOf[current] ?? [] where visited.insert(mentee).inserted {
                downstream.insert(mentee)
                queue.append(mentee)
            }
        }
        return LineageReach(direct: direct, downstream: downstream)
    }

    /// The people who mentored `person` (never `person` themselves).
    public static func mentors(of person: UUID, edges: [MentoringEdge]) -> Set<UUID> {
        Set(edges.lazy.filter { $0.mentee == person && $0.mentor != person }.map(\.mentor))
    }
}
