import Foundation

/// A mentee's goal: a title, milestones with progress, optionally linked to a mentorship, and an opt-in to share a
/// short summary (never notes) with their manager.
public struct Goal: Identifiable, Equatable, Sendable {
    public let id: UUID
    public let ownerId: UUID
    public var mentorshipId: UUID?
    public var title: String
    public var progress: GoalProgress
    public var shareWithManager: Bool

    public init(id: UUID, ownerId: UUID, mentorshipId: UUID?, title: String, progress: GoalProgress, shareWithManager: Bool) {
        self.id = id
        self.ownerId = ownerId
        self.mentorshipId = mentorshipId
        self.title = title
        self.progress = progress
        self.shareWithManager = shareWithManager
    }

    /// The tidied title and milestones; throws `.invalidFields` ("title", "milestones") listing every problem.
    public static func validated(title: String, milestones: [Milestone]) throws(MentoringRuleViolation) -> (String, [Milestone]) {
        var check = FieldChecker()
        let tidiedTitle = check.required(title, TextRule(field: "title", label: "goal", maxLength: 200), ifBlank: "Name the goal.")
        var tidied: [Milestone] = []
        for milestone in milestones {
            let text = check.text(milestone.title, .milestone) ?? ""
            if !text.isEmpty { tidied.append(Milestone(id: milestone.id, title: text, done: milestone.done)) }
        }
        if tidied.count > GoalProgress.maxMilestones {
            check.add("milestones", "Keep to \(GoalProgress.maxMilestones) milestones or fewer.")
        }
        try check.throwIfInvalid()
        return (tidiedTitle ?? "", tidied)
    }

    /// What a manager sees when the mentee opted in: the title and how far along it is, nothing else.
    public var managerSummary: String {
        progress.isAchieved ? "\(title): achieved" : "\(title): \(progress.percent)% of milestones done"
    }
}
