import Foundation

/// A person placed in a lineage drawing: centre coordinates and generation.
public struct LineageNode: Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var generation: Int
    public var x: Double
    public var y: Double

    /// Creates a placed person.
    public init(id: UUID, name: String, generation: Int, x: Double, y: Double) {
        self.id = id
        self.name = name
        self.generation = generation
        self.x = x
        self.y = y
    }
}
