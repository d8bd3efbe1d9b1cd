import Foundation

/// What the directory knows about one person, enough to filter, rank and explain.
public struct DirectoryCandidate: Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var headline: String
    public var organization: String
    public var title: String
    public var team: String
    /// IANA identifier, e.g. "Europe/Lisbon".
    public var timeZone: String
    public var skillsOffered: [String]
    public var skillsWanted: [String]
    public var goals: String
    public var openToMentoring: Bool
    public var mentorCapacity: Int
    /// Mentees in an active mentorship with this person now.
    public var activeMentees: Int
    public var openToBeingMentored: Bool
    public var openToPeer: Bool

    /// A candidate; everything but the id and name defaults to empty or closed.
    public init(
        id: UUID, name: String, headline: String = "", organization: String = "", title: String = "",
        timeZone: String = "UTC", skillsOffered: [String] = [], skillsWanted: [String] = [], goals: String = "",
        openToMentoring: Bool = false, mentorCapacity: Int = 0, activeMentees: Int = 0,
        openToBeingMentored: Bool = false, openToPeer: Bool = false, team: String = ""
    ) {
        self.team = team
        self.id = id
        self.name = name
        self.headline = headline
        self.organization = organization
        self.title = title
        self.timeZone = timeZone
        self.skillsOffered = skillsOffered
        self.skillsWanted = skillsWanted
        self.goals = goals
        self.openToMentoring = openToMentoring
        self.mentorCapacity = mentorCapacity
        self.activeMentees = activeMentees
        self.openToBeingMentored = openToBeingMentored
        self.openToPeer = openToPeer
    }

    /// Mentees this person could take on now; 0 unless open to mentoring.
    public var freePlaces: Int {
        openToMentoring ? max(0, mentorCapacity - activeMentees) : 0
    }

    /// "Open to mentoring · 2 of 3 places free", or nil if not open to mentoring.
    var mentoringReason: String? {
        guard openToMentoring else { return nil }
        let free = freePlaces
        let capacity = max(0, mentorCapacity)
        if free == 0 { return "Open to mentoring · no places free right now" }
        return "Open to mentoring · \(free) of \(capacity) \(capacity == 1 ? "place" : "places") free"
    }
}
