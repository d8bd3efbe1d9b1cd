import Foundation

/// A person who can appear in a mentoring lineage.
public struct LineagePerson: Hashable, Sendable, Codable {
    public var id: UUID
    public var name: String

    /// Creates a person with an id and a display name.
    public init(id: UUID, name: String) {
        self.id = id
        self.name = name
    }
}
