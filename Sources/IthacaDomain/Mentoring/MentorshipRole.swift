import Foundation

/// The two sides of a mentorship.
public enum MentorshipRole: String, CaseIterable, Sendable, Codable {
    case mentor, mentee

    /// The person on the other side.
    public var other: MentorshipRole { self == .mentor ? .mentee : .mentor }

    public var label: String {
        switch self {
        case .mentor: "Mentor"
        case .mentee: "Mentee"
        }
    }
}
