import Foundation
import IthacaDomain
import IthacaStorage

/// The 1:1 lifecycle: a mentee asks, the mentor answers within capacity, both acknowledge the agreement.
/// Only the two people involved ever see a request or mentorship (anyone else gets "not found").
public struct MentorshipService: Sendable {
    let store: MentorshipStore
    let profiles: ProfileStore
    let clock: AppClock
    let requestPolicy: RequestPolicy

    /// A mentee asks a mentor. Every rule (self, duplicate, capacity, reporting line) is the domain's.
    public func request(from viewer: Viewer, mentorId: UUID, goal: String, focus: String, message: String) async throws -> MentorshipRequest {
        let details = try MentorshipRequestDetails.validated(goal: goal, focus: focus, message: message)
        guard let mentor = try await profiles.profile(userId: mentorId) else { throw IthacaError.notFound("mentor") }
        let snapshot = MentorSnapshot(
            id: mentorId, openToMentoring: mentor.openToMentoring, capacity: mentor.mentorCapacity,
            currentMentorships: try await store.placesTaken(by: mentorId))
        let lookup = try await profiles.managerLookup(startingAt: viewer.id)
            .merging(try await profiles.managerLookup(startingAt: mentorId)) { first, _ in first }
        try RequestEligibility.check(
            mentee: viewer.id, mentor: snapshot,
            pendingRequestMentors: try await store.pendingRequestMentors(of: viewer.id),
            currentMentors: try await store.currentMentors(of: viewer.id), managerOf: { lookup[$0] })
        let request = MentorshipRequest(id: UUID(), menteeId: viewer.id, mentorId: mentorId, details: details, createdAt: clock.now())
        try await store.create(request)
        return request
    }

    public func requests(of viewer: Viewer) async throws -> [MentorshipRequest] {
        let now = clock.now()
        return try await store.requests(involving: viewer.id).map { request in
            // Show a request past its expiry as expired even before anything has stored that.
            let status = requestPolicy.effectiveStatus(request.status, createdAt: request.createdAt, now: now)
            return status == request.status ? request
                : MentorshipRequest(id: request.id, menteeId: request.menteeId, mentorId: request.mentorId, details: request.details,
                                    createdAt: request.createdAt, status: status, declineReason: request.declineReason, closedAt: request.closedAt)
        }
    }

    /// The mentor accepts: capacity is counted again inside the accepting transaction.
    public func accept(_ requestId: UUID, by viewer: Viewer) async throws -> MentorshipRecord {
        try await authorize(requestId, viewer, for: .accept)
        let now = clock.now()
        let policy = requestPolicy
        let mentor = try await profiles.profile(userId: viewer.id)
        return try await store.accept(requestId: requestId, now: now) { request, taken in
            let accepted = try request.applying(.accept, now: now, policy: policy)
            try RequestEligibility.checkRoom(MentorSnapshot(
                id: viewer.id, openToMentoring: mentor?.openToMentoring ?? false, capacity: mentor?.mentorCapacity ?? 0,
                currentMentorships: taken))
            let terms = AgreementTerms.draft(goal: request.details.goal, startDate: CalendarDay.of(now))
            return (accepted, try Agreement(terms: terms))
        }
    }

    public func decline(_ requestId: UUID, by viewer: Viewer, reason: String?) async throws -> MentorshipRequest {
        try await close(requestId, viewer, .decline(reason: reason))
    }

    public func withdraw(_ requestId: UUID, by viewer: Viewer) async throws -> MentorshipRequest {
        try await close(requestId, viewer, .withdraw)
    }

    private func close(_ requestId: UUID, _ viewer: Viewer, _ event: MentorshipRequestEvent) async throws -> MentorshipRequest {
        let request = try await authorize(requestId, viewer, for: event)
        let closed = try request.applying(event, now: clock.now(), policy: requestPolicy)
        try await store.close(closed)
        return closed
    }

    /// The request, if the viewer is on the side allowed to do this; otherwise "not found" or "forbidden".
    @discardableResult
    private func authorize(_ requestId: UUID, _ viewer: Viewer, for event: MentorshipRequestEvent) async throws -> MentorshipRequest {
        guard let request = try await store.request(id: requestId), [request.menteeId, request.mentorId].contains(viewer.id) else {
            throw IthacaError.notFound("mentorship request")
        }
        let allowed = MentorshipRequest.role(allowedFor: event)
        let side: MentorshipRole = request.mentorId == viewer.id ? .mentor : .mentee
        guard allowed == side else {
            throw IthacaError.forbidden(side == .mentee ? "Only the mentor can answer this request." : "Only the mentee can withdraw this request.")
        }
        return request
    }

    // MARK: Mentorships

    public func mentorships(of viewer: Viewer) async throws -> [MentorshipRecord] {
        try await store.mentorships(involving: viewer.id)
    }

    public func mentorship(_ id: UUID, for viewer: Viewer) async throws -> MentorshipRecord {
        guard let mentorship = try await store.mentorship(id: id), mentorship.role(of: viewer.id) != nil else {
            throw IthacaError.notFound("mentorship")
        }
        return mentorship
    }

    /// One side acknowledges the agreement version they read; both → the mentorship becomes active.
    public func acknowledge(_ id: UUID, by viewer: Viewer, version: Int) async throws -> MentorshipRecord {
        let mentorship = try await mentorship(id, for: viewer)
        let agreement = try mentorship.agreement.acknowledged(by: mentorship.role(of: viewer.id)!, version: version)
        let status = try mentorship.status.transition(agreement.acknowledgementEvent)
        try mentorship.apply(status: status, agreement: agreement, now: clock.now())
        try await store.save(mentorship)
        return mentorship
    }

    /// Either side edits the agreement: a changed agreement is a new version both acknowledge again (the mentorship
    /// keeps its status meanwhile); unchanged terms change nothing.
    public func reviseAgreement(
        _ id: UUID, by viewer: Viewer, objectives: [String], everyWeeks: Int, minutes: Int, endDate: String, confidentiality: String
    ) async throws -> MentorshipRecord {
        let mentorship = try await mentorship(id, for: viewer)
        guard !mentorship.status.isFinished else {
            throw MentoringRuleViolation.mentorshipTransitionNotAllowed(from: mentorship.status, action: "have its agreement changed")
        }
        var terms = mentorship.agreement.terms
        terms.objectives = objectives
        terms.cadence = Cadence(everyWeeks: everyWeeks, minutes: minutes)
        terms.endDate = endDate
        terms.confidentiality = confidentiality
        let revised = try mentorship.agreement.revised(terms)
        guard revised.version != mentorship.agreement.version else { return mentorship }
        try mentorship.apply(status: mentorship.status, agreement: revised, now: clock.now())
        try await store.save(mentorship)
        return mentorship
    }

    /// Either side ends the mentorship early. The optional reason is kept for the person who gave it only.
    public func end(_ id: UUID, by viewer: Viewer, reason: String? = nil) async throws -> MentorshipRecord {
        let mentorship = try await mentorship(id, for: viewer)
        let privateReason = try OptionalReason.validated(reason)
        let status = try mentorship.status.transition(.end(reason: privateReason))
        let now = clock.now()
        try mentorship.apply(status: status, agreement: mentorship.agreement, now: now)
        mentorship.endedBy = viewer.id
        mentorship.endReason = privateReason
        mentorship.closedAt = now
        try await store.save(mentorship)
        return mentorship
    }

    public func pause(_ id: UUID, by viewer: Viewer) async throws -> MentorshipRecord {
        try await move(id, viewer, .pause)
    }

    public func resume(_ id: UUID, by viewer: Viewer) async throws -> MentorshipRecord {
        try await move(id, viewer, .resume)
    }

    /// One side asks to complete: from the end date that completes it; before, both must ask.
    public func complete(_ id: UUID, by viewer: Viewer) async throws -> MentorshipRecord {
        let mentorship = try await mentorship(id, for: viewer)
        _ = try mentorship.status.transition(.complete)  // refuse early when it can't complete at all
        let now = clock.now()
        let decision = MentorshipClosing.requestCompletion(
            by: mentorship.role(of: viewer.id)!, alreadyAgreed: mentorship.completionAgreedBy,
            today: CalendarDay.of(now), endDate: mentorship.agreement.terms.endDate)
        mentorship.completionAgreedBy = decision.agreedBy
        if decision.completes {
            try mentorship.apply(status: try mentorship.status.transition(.complete), agreement: mentorship.agreement, now: now)
            mentorship.closedAt = now
        }
        try await store.save(mentorship)
        return mentorship
    }

    private func move(_ id: UUID, _ viewer: Viewer, _ event: MentorshipEvent) async throws -> MentorshipRecord {
        let mentorship = try await mentorship(id, for: viewer)
        try mentorship.apply(status: try mentorship.status.transition(event), agreement: mentorship.agreement, now: clock.now())
        try await store.save(mentorship)
        return mentorship
    }

    /// Each side looks back once the mentorship is over; the other person reads it.
    public func addRetrospective(_ id: UUID, by viewer: Viewer, wentWell: String, learned: String, next: String) async throws -> Retrospective {
        let mentorship = try await mentorship(id, for: viewer)
        guard mentorship.status.isFinished else {
            throw IthacaError.conflict("The retrospective is for the end: complete or end the mentorship first.")
        }
        let retrospective = try Retrospective.validated(wentWell: wentWell, learned: learned, next: next)
        try await store.addRetrospective(retrospective, mentorshipId: id, authorId: viewer.id, now: clock.now())
        return retrospective
    }

    public func retrospectives(_ id: UUID, for viewer: Viewer) async throws -> [StoredRetrospective] {
        _ = try await mentorship(id, for: viewer)
        return try await store.retrospectives(of: id)
    }

    /// Who mentored this person, whom they mentored, and how far that reached.
    public func lineage(of person: UUID) async throws -> (mentors: Set<UUID>, reach: LineageReach) {
        let edges = try await store.mentoringEdges()
        return (Lineage.mentors(of: person, edges: edges), Lineage.reach(of: person, edges: edges))
    }

    /// Whether to invite the viewer to pay it forward: they completed a mentorship as mentee and aren't mentoring.
    public func invitesToPayItForward(_ viewer: Viewer) async throws -> Bool {
        guard let profile = try await profiles.profile(userId: viewer.id), !profile.openToMentoring else { return false }
        return try await store.mentorships(involving: viewer.id).contains { $0.menteeId == viewer.id && $0.status == .completed }
    }

    /// Pending requests past their expiry become expired (the pages already show them so; this stores it).
    public func expireOldRequests() async throws -> Int {
        let now = clock.now()
        return try await store.expireRequests(createdBefore: now.addingTimeInterval(-requestPolicy.expiry), now: now)
    }
}
