import Foundation
import IthacaAPI
import IthacaDomain
import IthacaStorage

/// Requests and mentorships through the JSON API.
extension APIHandler {
    func createMentorshipRequest(_ input: Operations.CreateMentorshipRequest.Input) async throws -> Operations.CreateMentorshipRequest.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        guard let mentorId = UUID(uuidString: body.mentorId) else { throw IthacaError.notFound("mentor") }
        let request = try await services.mentorships.request(
            from: viewer, mentorId: mentorId, goal: body.goal, focus: body.focus, message: body.message ?? "")
        return .created(.init(body: .json(Self.request(request))))
    }

    func listMentorshipRequests(_ input: Operations.ListMentorshipRequests.Input) async throws -> Operations.ListMentorshipRequests.Output {
        let requests = try await services.mentorships.requests(of: try viewer())
        return .ok(.init(body: .json(.init(items: requests.map(Self.request)))))
    }

    func acceptMentorshipRequest(_ input: Operations.AcceptMentorshipRequest.Input) async throws -> Operations.AcceptMentorshipRequest.Output {
        let mentorship = try await services.mentorships.accept(try Self.id(input.path.requestId, "mentorship request"), by: try viewer())
        return .ok(.init(body: .json(Self.mentorship(mentorship))))
    }

    func declineMentorshipRequest(_ input: Operations.DeclineMentorshipRequest.Input) async throws -> Operations.DeclineMentorshipRequest.Output {
        var reason: String?
        if case .json(let body)? = input.body { reason = body.reason }
        let request = try await services.mentorships.decline(try Self.id(input.path.requestId, "mentorship request"), by: try viewer(), reason: reason)
        return .ok(.init(body: .json(Self.request(request))))
    }

    func withdrawMentorshipRequest(_ input: Operations.WithdrawMentorshipRequest.Input) async throws -> Operations.WithdrawMentorshipRequest.Output {
        let request = try await services.mentorships.withdraw(try Self.id(input.path.requestId, "mentorship request"), by: try viewer())
        return .ok(.init(body: .json(Self.request(request))))
    }

    func listMentorships(_ input: Operations.ListMentorships.Input) async throws -> Operations.ListMentorships.Output {
        let mentorships = try await services.mentorships.mentorships(of: try viewer())
        return .ok(.init(body: .json(.init(items: mentorships.map(Self.mentorship)))))
    }

    func getMentorship(_ input: Operations.GetMentorship.Input) async throws -> Operations.GetMentorship.Output {
        let mentorship = try await services.mentorships.mentorship(try Self.id(input.path.mentorshipId, "mentorship"), for: try viewer())
        return .ok(.init(body: .json(Self.mentorship(mentorship))))
    }

    func acknowledgeAgreement(_ input: Operations.AcknowledgeAgreement.Input) async throws -> Operations.AcknowledgeAgreement.Output {
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let mentorship = try await services.mentorships.acknowledge(
            try Self.id(input.path.mentorshipId, "mentorship"), by: try viewer(), version: body.version)
        return .ok(.init(body: .json(Self.mentorship(mentorship))))
    }

    func endMentorship(_ input: Operations.EndMentorship.Input) async throws -> Operations.EndMentorship.Output {
        let mentorship = try await services.mentorships.end(try Self.id(input.path.mentorshipId, "mentorship"), by: try viewer())
        return .ok(.init(body: .json(Self.mentorship(mentorship))))
    }

    /// A path id; anything that is not a UUID names nothing we have.
    static func id(_ raw: String, _ what: String) throws -> UUID {
        guard let id = UUID(uuidString: raw) else { throw IthacaError.notFound(what) }
        return id
    }

    static func request(_ r: MentorshipRequest) -> Components.Schemas.MentorshipRequest {
        Components.Schemas.MentorshipRequest(
            id: r.id.uuidString, menteeId: r.menteeId.uuidString, mentorId: r.mentorId.uuidString, goal: r.details.goal,
            focus: .init(rawValue: r.details.focus.rawValue) ?? .other, message: r.details.message,
            status: .init(rawValue: r.status.rawValue) ?? .expired, declineReason: r.declineReason, createdAt: r.createdAt)
    }

    static func mentorship(_ m: MentorshipRecord) -> Components.Schemas.Mentorship {
        let agreement = m.agreement
        let terms = agreement.terms
        return Components.Schemas.Mentorship(
            id: m.id!.uuidString, menteeId: m.menteeId.uuidString, mentorId: m.mentorId.uuidString,
            status: .init(rawValue: m.status.rawValue) ?? .ended, focus: .init(rawValue: m.focus.rawValue) ?? .other,
            agreement: .init(
                version: agreement.version, objectives: terms.objectives,
                expectations: terms.expectations.map { .init(title: $0.title, description: $0.description) },
                cadence: .init(everyWeeks: terms.cadence.everyWeeks, minutes: terms.cadence.minutes),
                startDate: terms.startDate, endDate: terms.endDate, confidentiality: terms.confidentiality,
                acknowledgedBy: agreement.acknowledgedBy.map(\.rawValue).sorted().compactMap { .init(rawValue: $0) }),
            createdAt: m.createdAt)
    }
}
