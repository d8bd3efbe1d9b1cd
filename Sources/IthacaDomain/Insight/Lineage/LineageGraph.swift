import Foundation

/// A cleaned mentoring graph: unique people, valid and distinct mentor → mentee edges.
public struct LineageGraph: Sendable {
    /// People with unique ids, ordered by name then id (the canonical order used for every tie-break).
    public let people: [LineagePerson]
    /// Kept edges in input order: no self-edges, no duplicates, both ends present in `people`.
    public let edges: [MentoringEdge]

    let indexByID: [UUID: Int]
    /// Mentee indices per person, ascending (canonical order).
    let mentees: [[Int]]
    /// Mentor indices per person, ascending (canonical order).
    let mentors: [[Int]]

    /// Builds a graph, ignoring duplicate people, self-edges, duplicate edges and edges to unknown people.
    public init(people: [LineagePerson], edges: [MentoringEdge]) {
        var seen = Set<UUID>()
        var unique: [(person: LineagePerson, key: (UInt64, UInt64))] = []
        unique.reserveCapacity(people.count)
        for person in people where seen.insert(person.id).inserted {
            unique.append((person, orderKey(person.id)))
        }
        // Sorting once here makes every later result independent of input order.
        unique.sort { lhs, rhs in
            lhs.person.name != rhs.person.name ? lhs.person.name < rhs.person.name : lhs.key < rhs.key
        }
        self.people = unique.map(\.person)

        var indexByID: [UUID: Int] = [:]
        indexByID.reserveCapacity(unique.count)
        for (index, person) in self.people.enumerated() {
            indexByID[person.id] = index
        }
        self.indexByID = indexByID

        var mentees = Array(repeating: [Int](), count: self.people.count)
        var mentors = Array(repeating: [Int](), count: self.people.count)
        var keptEdges: [MentoringEdge] = []
        var keptSet = Set<MentoringEdge>()
        for edge in edges where edge.mentor != edge.mentee {
            guard let mentor = indexByID[edge.mentor], let mentee = indexByID[edge.mentee],
                  keptSet.insert(edge).inserted else { continue }
            keptEdges.append(edge)
            mentees[mentor].append(mentee)
            mentors[mentee].append(mentor)
        }
        self.edges = keptEdges
        self.mentees = mentees.map { $0.sorted() }
        self.mentors = mentors.map { $0.sorted() }
    }

    /// Number of people in the graph.
    public var count: Int { people.count }

    /// The person with this id, if present.
    public func person(_ id: UUID) -> LineagePerson? {
        indexByID[id].map { people[$0] }
    }
}

/// The id as two big-endian words: the same order as comparing `uuidString`s, without building strings.
private func orderKey(_ id: UUID) -> (UInt64, UInt64) {
    let b = id.uuid
    let high = [b.0, b.1, b.2, b.3, b.4, b.5, b.6, b.7].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    let low = [b.8, b.9, b.10, b.11, b.12, b.13, b.14, b.15].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    return (high, low)
}
