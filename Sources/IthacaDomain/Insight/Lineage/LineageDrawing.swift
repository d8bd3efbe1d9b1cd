/// A laid-out lineage: placed people and edges, the canvas size and what was left out.
public struct LineageDrawing: Sendable, Equatable {
    /// Placed people, by generation then left to right.
    public var nodes: [LineageNode]
    /// Placed edges, mentor first; cycle-closing edges come last.
    public var edges: [LineageLink]
    public var width: Double
    public var height: Double
    /// Number of generations (layers) drawn; equals the people in the longest drawn chain.
    public var generationCount: Int
    /// People not drawn because of `maxPeople`.
    public var omittedPeople: Int

    /// Creates a drawing.
    public init(nodes: [LineageNode], edges: [LineageLink], width: Double, height: Double, generationCount: Int, omittedPeople: Int) {
        self.nodes = nodes
        self.edges = edges
        self.width = width
        self.height = height
        self.generationCount = generationCount
        self.omittedPeople = omittedPeople
    }

    /// People in the longest mentor → mentee chain drawn (in a layered drawing, the generation count).
    public var longestChain: Int { generationCount }
}
