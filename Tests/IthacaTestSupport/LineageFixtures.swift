import Foundation
import IthacaDomain

/// A deterministic id for test person `n`.
public func personID(_ n: Int) -> UUID {
    UUID(uuid: (0, 0, 0, 0, 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, UInt8(n / 256), UInt8(n % 256)))
}

/// A lineage of people named `names` (ids from `personID(0)` on), with edges as (mentor, mentee) positions.
public func community(_ names: [String], _ edges: [(Int, Int)]) -> LineageGraph {
    LineageGraph(
        people: names.enumerated().map { LineagePerson(id: personID($0.offset), name: $0.element) },
        edges: edges.map { MentoringEdge(mentor: personID($0.0), mentee: personID($0.1)) }
    )
}
