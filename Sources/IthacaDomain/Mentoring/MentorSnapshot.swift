import Foundation

/// What the request rules need to know about a mentor at the moment someone asks or the mentor accepts.
public struct MentorSnapshot: Equatable, Sendable {
    public var id: UUID
    /// The profile's "open to mentoring" switch.
    public var openToMentoring: Bool
    /// How many mentees the mentor takes at once (the profile's `mentorCapacity`).
    public var capacity: Int
    /// Mentorships that take up a place now: those whose status `occupiesCapacity` (proposed, active, paused).
    public var currentMentorships: Int
    /// False while the mentor's new requests are paused (they let several expire in a row; one click reopens).
    public var takingRequests: Bool

    public init(id: UUID, openToMentoring: Bool, capacity: Int, currentMentorships: Int, takingRequests: Bool = true) {
        self.id = id
        self.openToMentoring = openToMentoring
        self.capacity = capacity
        self.currentMentorships = currentMentorships
        self.takingRequests = takingRequests
    }

    /// Whether every place is taken.
    public var isAtCapacity: Bool { currentMentorships >= capacity }
}
