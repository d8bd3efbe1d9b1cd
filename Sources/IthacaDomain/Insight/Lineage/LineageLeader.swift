import Foundation

/// One of the people whose mentoring reaches furthest down their lineage.
public struct LineageLeader: Sendable, Equatable {
    public var id: UUID
    public var name: String
    /// Distinct direct mentees.
    public var direct: Int
    /// Distinct people reached only through others (`total - direct`).
    public var downstream: Int
    /// Distinct people reached at any depth, never counting the person themself.
    public var total: Int
    /// Generations below the person that their reach spans (1 = direct mentees only).
    public var generations: Int

    /// Creates a reach figure.
    public init(id: UUID, name: String, direct: Int, downstream: Int, total: Int, generations: Int) {
        self.id = id
        self.name = name
        self.direct = direct
        self.downstream = downstream
        self.total = total
        self.generations = generations
    }
}
