import Foundation

/// A mentoring edge placed in a lineage drawing, from the mentor's centre to the mentee's centre.
public struct LineageLink: Sendable, Equatable {
    public var mentor: UUID
    public var mentee: UUID
    public var fromX: Double
    public var fromY: Double
    public var toX: Double
    public var toY: Double
    /// True for an edge dropped to break a cycle; it runs upwards, from a later to an earlier generation.
    public var closesCycle: Bool

    /// Creates a placed edge.
    public init(mentor: UUID, mentee: UUID, fromX: Double, fromY: Double, toX: Double, toY: Double, closesCycle: Bool) {
        self.mentor = mentor
        self.mentee = mentee
        self.fromX = fromX
        self.fromY = fromY
        self.toX = toX
        self.toY = toY
        self.closesCycle = closesCycle
    }
}
