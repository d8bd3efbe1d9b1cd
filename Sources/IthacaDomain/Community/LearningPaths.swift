import Foundation

/// An ordered list of learning resources toward a goal, e.g. "From junior to mid-level backend".
public struct LearningPathDraft: Sendable, Equatable {
    public var title: String
    public var goal: String
    public var description: String
    /// Resource ids in the order to work through them.
    public var steps: [UUID]

    public static let allowedSteps = 2...30

    public init(title: String, goal: String, description: String = "", steps: [UUID]) {
        self.title = title
        self.goal = goal
        self.description = description
        self.steps = steps
    }

    public func validated() throws(CommunityRuleViolation) -> LearningPathDraft {
        var check = FieldChecker()
        var result = self
        result.title = check.required(title, TextRule(field: "title", label: "title", maxLength: 150), ifBlank: "Give the path a title.") ?? title
        result.goal = check.required(goal, TextRule(field: "goal", label: "goal", maxLength: 300), ifBlank: "Say where the path leads.") ?? goal
        result.description = check.text(description, TextRule(field: "description", label: "description", maxLength: 2_000, multiline: true)) ?? description
        if Set(steps).count != steps.count {
            check.add("steps", "Each resource appears once in a path.")
        } else if !Self.allowedSteps.contains(steps.count) {
            check.add("steps", "A path has 2 to 30 steps (it has \(steps.count)).")
        }
        try check.throwIfInvalidPost()
        return result
    }
}

/// How far one person is along a path: only they see it.
public struct PathProgress: Sendable, Equatable {
    public let done: Int
    public let total: Int
    /// The first step not yet done, in path order.
    public let nextStep: UUID?

    public init(steps: [UUID], done: Set<UUID>) {
        self.done = steps.filter(done.contains).count
        total = steps.count
        nextStep = steps.first { !done.contains($0) }
    }

    public var percent: Int { total == 0 ? 0 : done * 100 / total }
    public var isComplete: Bool { total > 0 && done == total }
}
