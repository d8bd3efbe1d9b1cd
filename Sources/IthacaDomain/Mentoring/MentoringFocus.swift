import Foundation

/// What a mentee wants to work on right now; a mentee may have several mentorships with different focuses.
public enum MentoringFocus: String, CaseIterable, Sendable, Codable {
    case technicalSkill, leadership, careerMove, communication, other

    public var label: String {
        switch self {
        case .technicalSkill: "A technical skill"
        case .leadership: "Leadership"
        case .careerMove: "A career move"
        case .communication: "Communication"
        case .other: "Something else"
        }
    }
}
