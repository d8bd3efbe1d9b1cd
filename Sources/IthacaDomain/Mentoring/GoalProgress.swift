import Foundation

/// A step on the way to a mentee's goal.
public struct Milestone: Identifiable, Equatable, Sendable, Codable {
    public var id: UUID
    public var title: String
    public var done: Bool

    public init(id: UUID = UUID(), title: String, done: Bool = false) {
        self.id = id
        self.title = title
        self.done = done
    }

    /// The tidied title; throws `.invalidFields` (field "milestones") when blank or over 200 characters.
    public static func validatedTitle(_ raw: String) throws(MentoringRuleViolation) -> String {
        var check = FieldChecker()
        let value = check.required(raw, .milestone, ifBlank: "Name the milestone.")
        try check.throwIfInvalid()
        return value ?? ""
    }
}

/// How far a mentee has come with one goal.
public struct GoalProgress: Equatable, Sendable, Codable {
    public var milestones: [Milestone]
    /// The mentee said the goal is achieved, whatever the milestones say.
    public var markedAchieved: Bool

    /// Most milestones one goal holds.
    public static let maxMilestones = 20

    public init(milestones: [Milestone] = [], markedAchieved: Bool = false) {
        self.milestones = milestones
        self.markedAchieved = markedAchieved
    }

    /// Achieved when marked so, or when there are milestones and every one is done.
    public var isAchieved: Bool { markedAchieved || (!milestones.isEmpty && milestones.allSatisfy(\.done)) }

    /// 0–100: 100 once achieved, otherwise the share of milestones done, rounded down
    /// (so 100 only ever means achieved); 0 with no milestones.
    public var percent: Int {
        if isAchieved { return 100 }
        guard !milestones.isEmpty else { return 0 }
        return milestones.filter(\.done).count * 100 / milestones.count
    }
}
