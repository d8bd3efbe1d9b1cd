import Foundation
import IthacaDomain
import IthacaStorage

/// A mentee's goals with milestones. The owner edits them; the mentor of a linked mentorship sees those linked to
/// it; a manager sees a one-line summary of the goals a report chose to share, and never anything else.
public struct GoalService: Sendable {
    let store: GoalStore
    let mentorships: MentorshipService
    let profiles: ProfileStore
    let clock: AppClock

    public func goals(of viewer: Viewer) async throws -> [Goal] {
        try await store.goals(of: viewer.id)
    }

    public func create(for viewer: Viewer, title: String, milestones: [String], mentorshipId: UUID?, shareWithManager: Bool) async throws -> Goal {
        try await checkLink(mentorshipId, viewer)
        let (tidiedTitle, tidied) = try Goal.validated(title: title, milestones: milestones.map { Milestone(title: $0) })
        let goal = Goal(id: UUID(), ownerId: viewer.id, mentorshipId: mentorshipId, title: tidiedTitle,
                        progress: GoalProgress(milestones: tidied), shareWithManager: shareWithManager)
        try await store.save(goal, now: clock.now())
        return goal
    }

    /// Changes what is given; milestones keep their ids (and done state) when sent back with them.
    public func update(
        _ id: UUID, by viewer: Viewer, title: String? = nil, milestones: [Milestone]? = nil, achieved: Bool? = nil,
        shareWithManager: Bool? = nil
    ) async throws -> Goal {
        var goal = try await owned(id, viewer)
        let (tidiedTitle, tidied) = try Goal.validated(title: title ?? goal.title, milestones: milestones ?? goal.progress.milestones)
        goal.title = tidiedTitle
        goal.progress.milestones = tidied
        if let achieved { goal.progress.markedAchieved = achieved }
        if let shareWithManager { goal.shareWithManager = shareWithManager }
        try await store.save(goal, now: clock.now())
        return goal
    }

    public func setMilestone(_ milestoneId: UUID, of goalId: UUID, done: Bool, by viewer: Viewer) async throws -> Goal {
        var goal = try await owned(goalId, viewer)
        guard let index = goal.progress.milestones.firstIndex(where: { $0.id == milestoneId }) else { throw IthacaError.notFound("milestone") }
        goal.progress.milestones[index].done = done
        try await store.save(goal, now: clock.now())
        return goal
    }

    /// The goals linked to one of my mentorships (both people see them).
    public func goals(ofMentorship id: UUID, for viewer: Viewer) async throws -> [Goal] {
        _ = try await mentorships.mentorship(id, for: viewer)
        return try await store.goals(ofMentorship: id)
    }

    /// For a person's manager only: one line per goal the person chose to share. Anyone else gets "not found".
    public func managerSummary(of person: UUID, for viewer: Viewer) async throws -> [Goal] {
        guard let profile = try await profiles.profile(userId: person), profile.managerId == viewer.id else {
            throw IthacaError.notFound("goals summary")
        }
        return try await store.goals(of: person).filter(\.shareWithManager)
    }

    private func owned(_ id: UUID, _ viewer: Viewer) async throws -> Goal {
        guard let goal = try await store.goal(id: id), goal.ownerId == viewer.id else { throw IthacaError.notFound("goal") }
        return goal
    }

    /// A goal links only to a mentorship where the viewer is the mentee.
    private func checkLink(_ mentorshipId: UUID?, _ viewer: Viewer) async throws {
        guard let mentorshipId else { return }
        let mentorship = try await mentorships.mentorship(mentorshipId, for: viewer)
        guard mentorship.menteeId == viewer.id else {
            throw IthacaError.invalid("mentorshipId", "Link your goal to a mentorship where you are the mentee.")
        }
    }
}
