import Foundation

/// A partial update to a profile, as typed by a person (web form) or sent by a client (JSON PATCH).
/// `nil` leaves a field as it is; an empty string clears a text field.
public struct ProfileChanges: Sendable, Equatable {
    public var name: String?
    public var pronouns: String?
    public var headline: String?
    public var bio: String?
    public var organization: String?
    public var team: String?
    public var title: String?
    /// A member id, or "" to clear the manager.
    public var managerId: String?
    public var tenureStart: String?
    public var careerStage: String?
    public var timeZone: String?
    public var languages: [String]?
    public var skillsOffered: [String]?
    public var skillsWanted: [String]?
    public var goals: String?
    public var strengths: [String]?
    public var areasToGrow: [String]?
    public var openToMentoring: Bool?
    public var mentorCapacity: Int?
    public var openToBeingMentored: Bool?
    public var openToPeer: Bool?
    public var gender: String?
    public var mentorGenderPreference: String?
    public var mentorOrganizationPreference: String?

    public init() {}
}
