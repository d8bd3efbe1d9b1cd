import Foundation

/// Where someone is in their career; used to show "a few steps ahead" and, later, in matching.
public enum CareerStage: String, CaseIterable, Sendable, Codable {
    case student, early, mid, senior, lead, manager, executive

    public var label: String {
        switch self {
        case .student: "Student or apprentice"
        case .early: "Early career (0–2 years)"
        case .mid: "Mid-level (2–5 years)"
        case .senior: "Senior (5+ years)"
        case .lead: "Staff, principal or lead"
        case .manager: "People manager"
        case .executive: "Director or executive"
        }
    }

    /// An ordinal so later matching can reason about "a few steps ahead".
    public var rank: Int { Self.allCases.firstIndex(of: self)! }
}

/// A mentee's wish about the mentor's gender. Honoured in matching only; gender is never shown.
public enum MentorGenderPreference: String, CaseIterable, Sendable, Codable {
    case any, same

    public var label: String {
        switch self {
        case .any: "Any gender"
        case .same: "Same gender as me"
        }
    }
}

/// A mentee's wish about where the mentor works.
public enum MentorOrganizationPreference: String, CaseIterable, Sendable, Codable {
    case either, inside, outside

    public var label: String {
        switch self {
        case .either: "Inside or outside my organisation"
        case .inside: "Inside my organisation"
        case .outside: "Outside my organisation (fresh eyes)"
        }
    }
}

/// Everything a mentoring profile carries. Values here are already validated and normalised.
public struct Profile: Equatable, Sendable, Codable {
    public var name: String
    public var pronouns: String = ""
    public var headline: String = ""
    /// Markdown source; rendered and sanitised on output.
    public var bio: String = ""
    public var organization: String = ""
    public var team: String = ""
    public var title: String = ""
    public var managerId: UUID?
    /// Calendar date "YYYY-MM-DD" the person started in their organisation.
    public var tenureStart: String?
    public var careerStage: CareerStage?
    /// IANA identifier, e.g. "Europe/Lisbon".
    public var timeZone: String = "UTC"
    public var languages: [String] = []
    public var skillsOffered: [String] = []
    public var skillsWanted: [String] = []
    public var goals: String = ""
    public var strengths: [String] = []
    public var areasToGrow: [String] = []
    public var openToMentoring: Bool = false
    /// How many mentees at once; meaningful only when open to mentoring.
    public var mentorCapacity: Int = 0
    public var openToBeingMentored: Bool = false
    public var openToPeer: Bool = false
    /// Self-described and private: never shown to anyone else.
    public var gender: String = ""
    public var mentorGenderPreference: MentorGenderPreference = .any
    public var mentorOrganizationPreference: MentorOrganizationPreference = .either

    public init(name: String) { self.name = name }
}

extension Profile {
    /// Mentees this person could take on now, given the places their mentorships hold: none unless open to mentoring.
    public func freePlaces(taken: Int) -> Int {
        openToMentoring ? max(0, mentorCapacity - taken) : 0
    }
}
