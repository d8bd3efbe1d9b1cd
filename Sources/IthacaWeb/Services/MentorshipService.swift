import Foundation
import IthacaDomain
import IthacaStorage

/// The 1:1 lifecycle: a mentee asks, the mentor answers within capacity, both acknowledge the agreement.
/// Only the two people involved ever see a request or mentorship (anyone else gets "not found").
public struct MentorshipService: Sendable {
    let store: MentorshipStore
    let profiles: ProfileStore
    let clock: AppClock
    let requestPolicy = RequestPolicy.standard

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

    /// Either side ends the mentorship early; the optional reason stays private to the person who gave it (not stored).
    public func end(_ id: UUID, by viewer: Viewer) async throws -> MentorshipRecord {
        let mentorship = try await mentorship(id, for: viewer)
        let status = try mentorship.status.transition(.end(reason: nil))
        try mentorship.apply(status: status, agreement: mentorship.agreement, now: clock.now())
        try await store.save(mentorship)
        return mentorship
    }
}
