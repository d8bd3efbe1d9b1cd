import Foundation
import IthacaAPI
import IthacaDomain
import IthacaStorage

/// Goals, introductions and endorsements through the JSON API.
extension APIHandler {
    func listMyGoals(_ input: Operations.ListMyGoals.Input) async throws -> Operations.ListMyGoals.Output {
        .ok(.init(body: .json(.init(items: try await services.goals.goals(of: try viewer()).map(Self.goal)))))
    }

    func createGoal(_ input: Operations.CreateGoal.Input) async throws -> Operations.CreateGoal.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let mentorshipId = try body.mentorshipId.map { raw in
            guard let id = UUID(uuidString: raw) else { throw IthacaError.invalid("mentorshipId", "Choose one of your mentorships.") }
            return id
        }
        let goal = try await services.goals.create(
            for: viewer, title: body.title, milestones: body.milestones ?? [], mentorshipId: mentorshipId,
            shareWithManager: body.shareWithManager ?? false)
        return .created(.init(body: .json(Self.goal(goal))))
    }

    func updateGoal(_ input: Operations.UpdateGoal.Input) async throws -> Operations.UpdateGoal.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let milestones = body.milestones.map { list in
            list.map { Milestone(id: $0.id.flatMap(UUID.init(uuidString:)) ?? UUID(), title: $0.title, done: $0.done ?? false) }
        }
        let goal = try await services.goals.update(
            try Self.id(input.path.goalId, "goal"), by: viewer, title: body.title, milestones: milestones, achieved: body.achieved,
            shareWithManager: body.shareWithManager)
        return .ok(.init(body: .json(Self.goal(goal))))
    }

    func getGoalsSummary(_ input: Operations.GetGoalsSummary.Input) async throws -> Operations.GetGoalsSummary.Output {
        let goals = try await services.goals.managerSummary(of: try Self.id(input.path.personId, "goals summary"), for: try viewer())
        return .ok(.init(body: .json(.init(items: goals.map {
            .init(title: $0.title, percent: $0.progress.percent, achieved: $0.progress.isAchieved, summary: $0.managerSummary)
        }))))
    }

    func listMentorshipGoals(_ input: Operations.ListMentorshipGoals.Input) async throws -> Operations.ListMentorshipGoals.Output {
        let goals = try await services.goals.goals(ofMentorship: try Self.id(input.path.mentorshipId, "mentorship"), for: try viewer())
        return .ok(.init(body: .json(.init(items: goals.map(Self.goal)))))
    }

    func introduce(_ input: Operations.Introduce.Input) async throws -> Operations.Introduce.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        guard let member = UUID(uuidString: body.memberId) else { throw IthacaError.invalid("memberId", "Choose a member to introduce.") }
        let introduction = try await services.introductions.introduce(
            in: try Self.id(input.path.mentorshipId, "mentorship"), by: viewer, memberId: member, note: body.note)
        return .created(.init(body: .json(Self.introduction(.init(introduction: introduction, contactEmail: nil)))))
    }

    func listIntroductions(_ input: Operations.ListIntroductions.Input) async throws -> Operations.ListIntroductions.Output {
        .ok(.init(body: .json(.init(items: try await services.introductions.introductions(of: try viewer()).map(Self.introduction)))))
    }

    func acceptIntroduction(_ input: Operations.AcceptIntroduction.Input) async throws -> Operations.AcceptIntroduction.Output {
        let introduction = try await services.introductions.answer(try Self.id(input.path.introductionId, "introduction"), by: try viewer(), accept: true)
        return .ok(.init(body: .json(Self.introduction(.init(introduction: introduction, contactEmail: nil)))))
    }

    func declineIntroduction(_ input: Operations.DeclineIntroduction.Input) async throws -> Operations.DeclineIntroduction.Output {
        let introduction = try await services.introductions.answer(try Self.id(input.path.introductionId, "introduction"), by: try viewer(), accept: false)
        return .ok(.init(body: .json(Self.introduction(.init(introduction: introduction, contactEmail: nil)))))
    }

    func endorse(_ input: Operations.Endorse.Input) async throws -> Operations.Endorse.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let endorsement = try await services.introductions.endorse(in: try Self.id(input.path.mentorshipId, "mentorship"), by: viewer, text: body.text)
        return .created(.init(body: .json(Self.endorsement(endorsement))))
    }

    func listEndorsements(_ input: Operations.ListEndorsements.Input) async throws -> Operations.ListEndorsements.Output {
        .ok(.init(body: .json(.init(items: try await services.introductions.endorsements(of: try viewer()).map(Self.endorsement)))))
    }

    func approveEndorsement(_ input: Operations.ApproveEndorsement.Input) async throws -> Operations.ApproveEndorsement.Output {
        let endorsement = try await services.introductions.answerEndorsement(try Self.id(input.path.endorsementId, "endorsement"), by: try viewer(), approve: true)
        return .ok(.init(body: .json(Self.endorsement(endorsement))))
    }

    func rejectEndorsement(_ input: Operations.RejectEndorsement.Input) async throws -> Operations.RejectEndorsement.Output {
        let endorsement = try await services.introductions.answerEndorsement(try Self.id(input.path.endorsementId, "endorsement"), by: try viewer(), approve: false)
        return .ok(.init(body: .json(Self.endorsement(endorsement))))
    }

    static func goal(_ g: Goal) -> Components.Schemas.Goal {
        Components.Schemas.Goal(
            id: g.id.uuidString, mentorshipId: g.mentorshipId?.uuidString, title: g.title,
            milestones: g.progress.milestones.map { .init(id: $0.id.uuidString, title: $0.title, done: $0.done) },
            achieved: g.progress.isAchieved, percent: g.progress.percent, shareWithManager: g.shareWithManager)
    }

    static func introduction(_ v: IntroductionService.View) -> Components.Schemas.Introduction {
        let i = v.introduction
        return Components.Schemas.Introduction(
            id: i.id.uuidString, mentorshipId: i.mentorshipId.uuidString, mentorId: i.mentorId.uuidString, menteeId: i.menteeId.uuidString,
            memberId: i.memberId.uuidString, note: i.note, status: .init(rawValue: i.status.rawValue) ?? .declined,
            contactEmail: v.contactEmail, createdAt: i.createdAt)
    }

    static func endorsement(_ e: StoredEndorsement) -> Components.Schemas.Endorsement {
        Components.Schemas.Endorsement(
            id: e.id.uuidString, mentorId: e.mentorId.uuidString, menteeId: e.menteeId.uuidString, text: e.text,
            status: .init(rawValue: e.status.rawValue) ?? .rejected, createdAt: e.createdAt)
    }
}
