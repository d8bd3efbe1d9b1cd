import Foundation
import IthacaDomain
import Testing

@Suite struct GoalTests {
    @Test func titlesAndMilestonesAreTidiedAndBlankMilestonesDropped() throws {
        let (title, milestones) = try Goal.validated(title: "  Lead a project ", milestones: [Milestone(title: " Draft plan "), Milestone(title: "  ")])
        #expect(title == "Lead a project")
        #expect(milestones.map(\.title) == ["Draft plan"])
    }

    @Test func everyProblemIsReported() {
        let many = (0..<21).map { Milestone(title: "Step \($0)") }
        #expect(invalidFieldNames { try Goal.validated(title: " ", milestones: many) } == ["title", "milestones"])
        #expect(invalidFieldNames { try Goal.validated(title: "x", milestones: [Milestone(title: String(repeating: "m", count: 201))]) } == ["milestones"])
    }

    @Test func theManagerSummaryIsOnlyTitleAndProgress() {
        let goal = Goal(id: UUID(), ownerId: UUID(), mentorshipId: nil, title: "Lead a project",
                        progress: GoalProgress(milestones: [Milestone(title: "a", done: true), Milestone(title: "b")]), shareWithManager: true)
        #expect(goal.managerSummary == "Lead a project: 50% of milestones done")
        var achieved = goal
        achieved.progress.markedAchieved = true
        #expect(achieved.managerSummary == "Lead a project: achieved")
    }
}
