import Foundation
import IthacaDomain
import Testing

private func goal(_ done: [Bool], marked: Bool = false) -> GoalProgress {
    GoalProgress(milestones: done.enumerated().map { Milestone(title: "Step \($0.offset)", done: $0.element) }, markedAchieved: marked)
}

@Test func progressIsTheShareOfMilestonesDoneRoundedDown() {
    #expect(goal([false, false, false, false]).percent == 0)
    #expect(goal([true, false, false, false]).percent == 25)
    #expect(goal([true, true, false]).percent == 66)
    #expect(goal([true, true, true, false]).percent == 75)
}

@Test func goalWithEveryMilestoneDoneIsAchieved() {
    let done = goal([true, true, true])
    #expect(done.isAchieved)
    #expect(done.percent == 100)
    #expect(!goal([true, true, false]).isAchieved)
}

@Test func goalMarkedAchievedIsAchievedWhateverItsMilestones() {
    let marked = goal([true, false, false], marked: true)
    #expect(marked.isAchieved)
    #expect(marked.percent == 100)
    #expect(goal([], marked: true).isAchieved)
}

@Test func goalWithoutMilestonesStartsAtZeroAndIsNotAchieved() {
    #expect(goal([]).percent == 0)
    #expect(!goal([]).isAchieved)
}

@Test func oneHundredPercentOnlyEverMeansAchieved() {
    // given 199 of 200 milestones done, then progress shows 99, not a rounded-up 100
    #expect(goal(Array(repeating: true, count: 199) + [false]).percent == 99)
}

@Test func milestoneTitleIsRequiredAndShort() throws {
    #expect(try Milestone.validatedTitle("  Give a talk  ") == "Give a talk")
    #expect(invalidFieldNames { try Milestone.validatedTitle("") } == ["milestones"])
    #expect(invalidFieldNames { try Milestone.validatedTitle(String(repeating: "m", count: 201)) } == ["milestones"])
    #expect(invalidFieldNames { try Milestone.validatedTitle("two\nlines") } == ["milestones"])
}
