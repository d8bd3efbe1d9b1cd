import Foundation

/// One person in the text outline of a lineage, with their mentees nested below.
public struct LineageOutlineItem: Sendable, Equatable {
    public var id: UUID
    public var name: String
    /// True when this person was already listed earlier; the item is a reference and has no children.
    public var seeAbove: Bool
    public var children: [LineageOutlineItem]

    /// Creates an outline item.
    public init(id: UUID, name: String, seeAbove: Bool = false, children: [LineageOutlineItem] = []) {
        self.id = id
        self.name = name
        self.seeAbove = seeAbove
        self.children = children
    }
}
