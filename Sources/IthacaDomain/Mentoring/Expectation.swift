import Foundation

/// Something both sides sign up to in their agreement.
public struct Expectation: Equatable, Sendable, Codable {
    public var title: String
    public var description: String

    public init(title: String, description: String) {
        self.title = title
        self.description = description
    }

    /// The four expectations every agreement starts with.
    public static let defaults: [Expectation] = [
        Expectation(
            title: "Mutual trust and respect",
            description: "We listen without judging and treat each other's time, views and experience as valuable."),
        Expectation(
            title: "Time and care",
            description: "We keep the meetings we agree, come prepared and follow up on what we said we would do."),
        Expectation(
            title: "Flexibility",
            description: "Plans change; we say so early and adjust the goals, pace or format together."),
        Expectation(
            title: "Transparency, honesty and accountability",
            description: "We say what works and what doesn't, own our commitments and give each other honest feedback."),
    ]
}
