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
        return .created(.init(body: .json(Self.request(request, for: viewer))))
    }

    func listMentorshipRequests(_ input: Operations.ListMentorshipRequests.Input) async throws -> Operations.ListMentorshipRequests.Output {
        let viewer = try viewer()
        let requests = try await services.mentorships.requests(of: viewer)
        return .ok(.init(body: .json(.init(items: requests.map { Self.request($0, for: viewer) }))))
    }

    func acceptMentorshipRequest(_ input: Operations.AcceptMentorshipRequest.Input) async throws -> Operations.AcceptMentorshipRequest.Output {
        let viewer = try viewer(), id = try Self.id(input.path.requestId, "mentorship request")
        let mentorship = try await changingRequest(id, by: viewer) { try await services.mentorships.accept(id, by: viewer) }
        return .ok(.init(body: .json(Self.mentorship(mentorship))))
    }

    func declineMentorshipRequest(_ input: Operations.DeclineMentorshipRequest.Input) async throws -> Operations.DeclineMentorshipRequest.Output {
        var reason: String?
        if case .json(let body)? = input.body { reason = body.reason }
        let viewer = try viewer()
        let id = try Self.id(input.path.requestId, "mentorship request")
        let request = try await changingRequest(id, by: viewer) { try await services.mentorships.decline(id, by: viewer, reason: reason) }
        return .ok(.init(body: .json(Self.request(request, for: viewer))))
    }

    func withdrawMentorshipRequest(_ input: Operations.WithdrawMentorshipRequest.Input) async throws -> Operations.WithdrawMentorshipRequest.Output {
        let viewer = try viewer()
        let id = try Self.id(input.path.requestId, "mentorship request")
        let request = try await changingRequest(id, by: viewer) { try await services.mentorships.withdraw(id, by: viewer) }
        return .ok(.init(body: .json(Self.request(request, for: viewer))))
    }

    func askMoreAboutMentorshipRequest(
        _ input: Operations.AskMoreAboutMentorshipRequest.Input
    ) async throws -> Operations.AskMoreAboutMentorshipRequest.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let id = try Self.id(input.path.requestId, "mentorship request")
        let request = try await changingRequest(id, by: viewer) {
            try await services.mentorships.askForInformation(id, by: viewer, question: body.question)
        }
        return .ok(.init(body: .json(Self.request(request, for: viewer))))
    }

    func replyToMentorshipRequest(_ input: Operations.ReplyToMentorshipRequest.Input) async throws -> Operations.ReplyToMentorshipRequest.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let id = try Self.id(input.path.requestId, "mentorship request")
        let request = try await changingRequest(id, by: viewer) { try await services.mentorships.reply(id, by: viewer, text: body.reply) }
        return .ok(.init(body: .json(Self.request(request, for: viewer))))
    }

    func reportMentorshipRequest(_ input: Operations.ReportMentorshipRequest.Input) async throws -> Operations.ReportMentorshipRequest.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        _ = try await services.mentorships.report(try Self.id(input.path.requestId, "mentorship request"), by: viewer, reason: body.reason)
        return .noContent(.init())
    }

    func listMentorships(_ input: Operations.ListMentorships.Input) async throws -> Operations.ListMentorships.Output {
        let viewer = try viewer()
        let mentorships = try await services.mentorships.mentorships(of: viewer)
        return .ok(.init(body: .json(.init(items: mentorships.map { Self.mentorship($0, for: viewer) }))))
    }

    func getMentorship(_ input: Operations.GetMentorship.Input) async throws -> Operations.GetMentorship.Output {
        let viewer = try viewer()
        let mentorship = try await services.mentorships.mentorship(try Self.id(input.path.mentorshipId, "mentorship"), for: viewer)
        return .ok(.init(body: .json(Self.mentorship(mentorship, for: viewer))))
    }

    func acknowledgeAgreement(_ input: Operations.AcknowledgeAgreement.Input) async throws -> Operations.AcknowledgeAgreement.Output {
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let viewer = try viewer(), id = try Self.id(input.path.mentorshipId, "mentorship")
        let mentorship = try await changingMentorship(id, by: viewer) {
            try await services.mentorships.acknowledge(id, by: viewer, version: body.version)
        }
        return .ok(.init(body: .json(Self.mentorship(mentorship))))
    }

    func reviseAgreement(_ input: Operations.ReviseAgreement.Input) async throws -> Operations.ReviseAgreement.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let id = try Self.id(input.path.mentorshipId, "mentorship")
        let mentorship = try await changingMentorship(id, by: viewer) {
            try await services.mentorships.reviseAgreement(
                id, by: viewer, objectives: body.objectives, everyWeeks: body.cadence.everyWeeks, minutes: body.cadence.minutes,
                endDate: body.endDate, confidentiality: body.confidentiality)
        }
        return .ok(.init(body: .json(Self.mentorship(mentorship, for: viewer))))
    }

    func endMentorship(_ input: Operations.EndMentorship.Input) async throws -> Operations.EndMentorship.Output {
        let viewer = try viewer()
        var reason: String?
        if case .json(let body)? = input.body { reason = body.reason }
        let id = try Self.id(input.path.mentorshipId, "mentorship")
        let mentorship = try await changingMentorship(id, by: viewer) { try await services.mentorships.end(id, by: viewer, reason: reason) }
        return .ok(.init(body: .json(Self.mentorship(mentorship, for: viewer))))
    }

    func pauseMentorship(_ input: Operations.PauseMentorship.Input) async throws -> Operations.PauseMentorship.Output {
        let viewer = try viewer()
        let id = try Self.id(input.path.mentorshipId, "mentorship")
        let mentorship = try await changingMentorship(id, by: viewer) { try await services.mentorships.pause(id, by: viewer) }
        return .ok(.init(body: .json(Self.mentorship(mentorship, for: viewer))))
    }

    func resumeMentorship(_ input: Operations.ResumeMentorship.Input) async throws -> Operations.ResumeMentorship.Output {
        let viewer = try viewer()
        let id = try Self.id(input.path.mentorshipId, "mentorship")
        let mentorship = try await changingMentorship(id, by: viewer) { try await services.mentorships.resume(id, by: viewer) }
        return .ok(.init(body: .json(Self.mentorship(mentorship, for: viewer))))
    }

    func completeMentorship(_ input: Operations.CompleteMentorship.Input) async throws -> Operations.CompleteMentorship.Output {
        let viewer = try viewer()
        let id = try Self.id(input.path.mentorshipId, "mentorship")
        let mentorship = try await changingMentorship(id, by: viewer) { try await services.mentorships.complete(id, by: viewer) }
        return .ok(.init(body: .json(Self.mentorship(mentorship, for: viewer))))
    }

    func listRetrospectives(_ input: Operations.ListRetrospectives.Input) async throws -> Operations.ListRetrospectives.Output {
        let items = try await services.mentorships.retrospectives(try Self.id(input.path.mentorshipId, "mentorship"), for: try viewer())
        return .ok(.init(body: .json(.init(items: items.map {
            .init(authorId: $0.authorId.uuidString, wentWell: $0.retrospective.wentWell, learned: $0.retrospective.learned,
                  next: $0.retrospective.next, createdAt: $0.createdAt)
        }))))
    }

    func addRetrospective(_ input: Operations.AddRetrospective.Input) async throws -> Operations.AddRetrospective.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let retro = try await services.mentorships.addRetrospective(
            try Self.id(input.path.mentorshipId, "mentorship"), by: viewer, wentWell: body.wentWell ?? "", learned: body.learned ?? "",
            next: body.next ?? "")
        return .created(.init(body: .json(.init(
            authorId: viewer.id.uuidString, wentWell: retro.wentWell, learned: retro.learned, next: retro.next,
            createdAt: services.configuration.clock.now()))))
    }

    /// Runs a change to a mentorship; when its current state refuses it (ended meanwhile, agreement revised), the 409
    /// carries the mentorship as it is now for this viewer.
    func changingMentorship<T: Sendable>(_ id: UUID, by viewer: Viewer, _ change: () async throws -> T) async throws -> T {
        do {
            return try await change()
        } catch let rule as MentoringRuleViolation where rule.isConflictWithCurrentState {
            guard let current = try? await services.mentorships.mentorship(id, for: viewer) else { throw rule }
            throw try ConflictWithCurrentState(rule, current: Self.mentorship(current, for: viewer))
        }
    }

    /// The same for a request (answered, withdrawn or expired meanwhile).
    func changingRequest<T: Sendable>(_ id: UUID, by viewer: Viewer, _ change: () async throws -> T) async throws -> T {
        do {
            return try await change()
        } catch let rule as MentoringRuleViolation where rule.isConflictWithCurrentState {
            guard let current = try? await services.mentorships.requests(of: viewer).first(where: { $0.id == id }) else { throw rule }
            throw try ConflictWithCurrentState(rule, current: Self.request(current, for: viewer))
        }
    }

    /// A path id; anything that is not a UUID names nothing we have.
    static func id(_ raw: String, _ what: String) throws -> UUID {
        guard let id = UUID(uuidString: raw) else { throw IthacaError.notFound(what) }
        return id
    }

    /// The request as `viewer` sees it: to the mentee a reported request reads as declined.
    static func request(_ r: MentorshipRequest, for viewer: Viewer) -> Components.Schemas.MentorshipRequest {
        let status = viewer.id == r.menteeId ? r.status.menteeFacing : r.status
        return Components.Schemas.MentorshipRequest(
            id: r.id.uuidString, menteeId: r.menteeId.uuidString, mentorId: r.mentorId.uuidString, goal: r.details.goal,
            focus: .init(rawValue: r.details.focus.rawValue) ?? .other, message: r.details.message,
            status: .init(rawValue: status.rawValue) ?? .expired, declineReason: r.status == .declined ? r.declineReason : nil,
            question: r.infoQuestion, reply: r.infoReply, createdAt: r.createdAt)
    }

    /// The mentorship as `viewer` sees it: the private end reason only if they gave it.
    static func mentorship(_ m: MentorshipRecord, for viewer: Viewer) -> Components.Schemas.Mentorship {
        var shape = mentorship(m)
        shape.myEndReason = m.endedBy == viewer.id ? m.endReason : nil
        return shape
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
            completionRequestedBy: m.completionAgreedBy.map(\.rawValue).sorted().compactMap { .init(rawValue: $0) },
            closedAt: m.closedAt, createdAt: m.createdAt)
    }
}
