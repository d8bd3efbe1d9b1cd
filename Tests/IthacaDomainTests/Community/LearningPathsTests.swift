import Foundation
import IthacaDomain
import Testing

@Test func aLearningPathNeedsATitleAGoalAndTwoToThirtyDistinctSteps() {
    let a = UUID(), b = UUID()
    var problems: [FieldError] = []
    do { _ = try LearningPathDraft(title: "", goal: " ", steps: [a]).validated() } catch {
        if case .invalidFields(let errors) = error { problems = errors }
    }
    #expect(Set(problems.map(\.field)) == ["title", "goal", "steps"])
    #expect(throws: CommunityRuleViolation.self) { try LearningPathDraft(title: "T", goal: "G", steps: [a, a]).validated() }
    #expect(throws: CommunityRuleViolation.self) { try LearningPathDraft(title: "T", goal: "G", steps: (0..<31).map { _ in UUID() }).validated() }
    #expect((try? LearningPathDraft(title: "T", goal: "G", steps: [a, b]).validated())?.steps == [a, b])
}

@Test func progressCountsDoneStepsAndPointsAtTheFirstOpenOne() {
    let steps = (0..<4).map { _ in UUID() }
    let progress = PathProgress(steps: steps, done: [steps[0], steps[2], UUID()])
    #expect(progress.done == 2 && progress.total == 4 && progress.percent == 50 && progress.nextStep == steps[1] && !progress.isComplete)
    let finished = PathProgress(steps: steps, done: Set(steps))
    #expect(finished.isComplete && finished.nextStep == nil && finished.percent == 100)
}
