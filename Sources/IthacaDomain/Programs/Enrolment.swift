import Foundation

/// How a person takes part in a program.
public enum EnrolmentRole: String, Sendable, Codable, CaseIterable {
    case mentee, mentor, peer

    public var label: String {
        switch self {
        case .mentee: "Mentee"
        case .mentor: "Mentor"
        case .peer: "Peer"
        }
    }
}

/// How much working-hours overlap a participant needs with the person they are matched with.
public enum TimeZoneOverlapNeed: String, Sendable, Codable, CaseIterable {
    case any
    case some
    case most

    public var label: String {
        switch self {
        case .any: "Any time zone is fine"
        case .some: "At least 2 hours of shared working time"
        case .most: "At least 4 hours of shared working time"
        }
    }

    /// Minutes of shared working time the need asks for.
    public var minimumMinutes: Int {
        switch self {
        case .any: 0
        case .some: 120
        case .most: 240
        }
    }
}

/// A participant's answers to the program's questions when they enrol.
public struct EnrolmentAnswers: Sendable, Codable, Equatable {
    public var role: EnrolmentRole
    public var goals: String
    public var skillsOffered: [String]
    public var skillsWanted: [String]
    public var genderPreference: MentorGenderPreference
    public var organisationPreference: MentorOrganizationPreference
    public var timeZoneOverlap: TimeZoneOverlapNeed
    /// Mentees a mentor (or coach) takes in this program; 0 for everyone else.
    public var capacity: Int

    public static let allowedCapacity = 1...20

    public init(
        role: EnrolmentRole, goals: String = "", skillsOffered: [String] = [], skillsWanted: [String] = [],
        genderPreference: MentorGenderPreference = .any, organisationPreference: MentorOrganizationPreference = .either,
        timeZoneOverlap: TimeZoneOverlapNeed = .any, capacity: Int = 0
    ) {
        self.role = role
        self.goals = goals
        self.skillsOffered = skillsOffered
        self.skillsWanted = skillsWanted
        self.genderPreference = genderPreference
        self.organisationPreference = organisationPreference
        self.timeZoneOverlap = timeZoneOverlap
        self.capacity = capacity
    }

    /// The answers tidied for `kind`, or every problem as field errors.
    public func validated(for kind: ProgramKind) throws(IthacaError) -> EnrolmentAnswers {
        var check = FieldChecker()
        var result = self
        if !kind.roles.contains(role) {
            let allowed = kind.roles.map { $0.label.lowercased() }.joined(separator: " or ")
            check.add("role", "In a \(kind.label.lowercased()) program you enrol as \(allowed).")
        }
        result.goals = check.text(goals, .goals) ?? goals
        result.skillsOffered = check.list(skillsOffered, .skillsOffered) ?? skillsOffered
        result.skillsWanted = check.list(skillsWanted, .skillsWanted) ?? skillsWanted
        switch role {
        case .mentor:
            if !Self.allowedCapacity.contains(capacity) {
                check.add("capacity", "Say how many mentees you can take in this program: 1 to 20.")
            }
            if result.skillsOffered.isEmpty, !check.hasError(for: "skillsOffered") {
                check.add("skillsOffered", "List at least one skill you can help with, so mentees can find you.")
            }
        case .mentee:
            result.capacity = 0
            if result.goals.isEmpty, result.skillsWanted.isEmpty, !check.hasError(for: "goals") {
                check.add("goals", "Say what you want to achieve or which skills you want to grow, so we can find you a mentor.")
            }
        case .peer:
            result.capacity = 0
        }
        if !check.errors.isEmpty { throw .validation(check.errors) }
        return result
    }
}
