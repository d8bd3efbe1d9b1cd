import Foundation
import IthacaDomain
import IthacaStorage

/// The 1:1 lifecycle: a mentee asks, the mentor answers within capacity, both acknowledge the agreement.
/// Only the two people involved ever see a request or mentorship (anyone else gets "not found").
public struct MentorshipService: Sendable {
    let store: MentorshipStore
    let profiles: ProfileStore
    let notifications: NotificationService
    let database: IthacaDatabase
    let audit: AuditService
    let clock: AppClock
    let requestPolicy: RequestPolicy
    let meetings: MeetingStore
    let meetingNotices: MeetingNotices

    /// A mentee asks a mentor. Every rule (self, duplicate, capacity, reporting line) is the domain's.
    public func request(from viewer: Viewer, mentorId: UUID, goal: String, focus: String, message: String) async throws -> MentorshipRequest {
        let details = try MentorshipRequestDetails.validated(goal: goal, focus: focus, message: message)
        guard let mentor = try await profiles.profile(userId: mentorId) else { throw IthacaError.notFound("mentor") }
        let snapshot = MentorSnapshot(
            id: mentorId, openToMentoring: mentor.openToMentoring, capacity: mentor.mentorCapacity,
            currentMentorships: try await store.placesTaken(by: mentorId),
            takingRequests: try await store.pausedMentors(among: [mentorId]).isEmpty)
        let lookup = try await profiles.managerLookup(startingAt: viewer.id)
            .merging(try await profiles.managerLookup(startingAt: mentorId)) { first, _ in first }
        try RequestEligibility.check(
            mentee: viewer.id, mentor: snapshot,
            pendingRequestMentors: try await store.pendingRequestMentors(of: viewer.id),
            currentMentors: try await store.currentMentors(of: viewer.id), managerOf: { lookup[$0] })
        let request = MentorshipRequest(id: UUID(), menteeId: viewer.id, mentorId: mentorId, details: details, createdAt: clock.now())
        let store = store, notifications = notifications
        try await database.transaction { _ in
            try await store.create(request)
            try await notifications.send(
                to: [mentorId], .requestReceived, "\(viewer.name) asks you for mentoring: “\(details.goal)”.", url: SiteRoute.mentoring)
        }
        return request
    }

    public func requests(of viewer: Viewer) async throws -> [MentorshipRequest] {
        let now = clock.now()
        return try await store.requests(involving: viewer.id).map { request in
            // Show a request past its expiry as expired even before anything has stored that.
            let status = requestPolicy.effectiveStatus(request.status, createdAt: request.waitingSince, now: now)
            return status == request.status ? request : request.showing(status)
        }
    }

    /// The mentor accepts: capacity is counted again inside the accepting transaction.
    public func accept(_ requestId: UUID, by viewer: Viewer) async throws -> MentorshipRecord {
        try await authorize(requestId, viewer, for: .accept)
        let now = clock.now()
        let policy = requestPolicy
        let mentor = try await profiles.profile(userId: viewer.id)
        let store = store, notifications = notifications
        return try await database.transaction { _ in
            let mentorship = try await store.accept(requestId: requestId, now: now) { request, taken in
                let accepted = try request.applying(.accept, now: now, policy: policy)
                try RequestEligibility.checkRoom(MentorSnapshot(
                    id: viewer.id, openToMentoring: mentor?.openToMentoring ?? false, capacity: mentor?.mentorCapacity ?? 0,
                    currentMentorships: taken))
                let terms = AgreementTerms.draft(goal: request.details.goal, startDate: CalendarDay.of(now))
                return (accepted, try Agreement(terms: terms))
            }
            let mentorshipId = try Self.identifier(mentorship)
            try await notifications.send(
                to: [mentorship.menteeId], .requestAnswered,
                "\(viewer.name) accepted your request. Read the draft agreement and acknowledge it to get started.",
                url: SiteRoute.mentorship(mentorshipId))
            // Nobody waits on a request that no longer matters: the mentee's other open requests for the same goal go.
            let goal = try await store.request(id: requestId)?.details.goal ?? ""
            let withdrawn = try await store.withdrawOtherRequests(of: mentorship.menteeId, except: requestId, goal: goal, now: now)
            let menteeName = try await self.profiles.names(of: [mentorship.menteeId])[mentorship.menteeId] ?? "A mentee"
            for other in withdrawn {
                try await notifications.send(
                    to: [other.mentorId], .requestWithdrawn,
                    "\(menteeName) found a mentor for “\(other.details.goal)”, so their request to you was withdrawn. Thank you for considering it.",
                    url: SiteRoute.mentoring)
            }
            return mentorship
        }
    }

    /// The mentor asks the mentee something before deciding; the request waits for the reply.
    public func askForInformation(_ requestId: UUID, by viewer: Viewer, question: String) async throws -> MentorshipRequest {
        try await close(requestId, viewer, .askForInfo(question: question)) { request in
            (request.menteeId, .requestNeedsInfo, "\(viewer.name) would like to know more before answering your request: “\(request.infoQuestion ?? "")”")
        }
    }

    /// The mentee replies to the mentor's question; the request goes back to the mentor (and its expiry starts again).
    public func reply(_ requestId: UUID, by viewer: Viewer, text: String) async throws -> MentorshipRequest {
        try await close(requestId, viewer, .reply(text: text)) { request in
            (request.mentorId, .requestReplied, "\(viewer.name) replied to your question about their request.")
        }
    }

    /// The mentor reports an abusive request: it closes, the site admins get it with its text, the mentee is not told.
    public func report(_ requestId: UUID, by viewer: Viewer, reason: String) async throws -> MentorshipRequest {
        let request = try await authorize(requestId, viewer, for: .report(reason: reason))
        let reported = try request.applying(.report(reason: reason), now: clock.now(), policy: requestPolicy)
        let store = store, notifications = notifications, profiles = profiles, now = clock.now()
        try await database.transaction { _ in
            try await store.close(reported, from: request.status)
            try await store.reportRequest(requestId, by: viewer.id, reason: try MentorshipRequest.reportReason(reason), now: now)
            let admins = try await profiles.siteAdmins()
            try await notifications.send(
                to: admins, except: viewer.id, .moderation, "\(viewer.name) reported a mentorship request. Review it on the moderation page.",
                url: SiteRoute.moderation)
        }
        return reported
    }

    public func decline(_ requestId: UUID, by viewer: Viewer, reason: String?) async throws -> MentorshipRequest {
        try await close(requestId, viewer, .decline(reason: reason)) { request in
            let why = request.declineReason.map { " They said: “\($0)”" } ?? ""
            return (request.menteeId, .requestAnswered,
                    "\(viewer.name) can't take your request for “\(request.details.goal)” right now.\(why) The directory shows other mentors.")
        }
    }

    public func withdraw(_ requestId: UUID, by viewer: Viewer) async throws -> MentorshipRequest {
        try await close(requestId, viewer, .withdraw) { request in
            (request.mentorId, .requestWithdrawn, "\(viewer.name) withdrew their request for “\(request.details.goal)”.")
        }
    }

    /// Moves the request on (only from the status it was read in) and tells the other side, in one transaction.
    private func close(
        _ requestId: UUID, _ viewer: Viewer, _ event: MentorshipRequestEvent,
        tell: @escaping @Sendable (MentorshipRequest) -> (person: UUID, kind: NotificationKind, text: String)
    ) async throws -> MentorshipRequest {
        let request = try await authorize(requestId, viewer, for: event)
        let closed = try request.applying(event, now: clock.now(), policy: requestPolicy)
        let store = store, notifications = notifications
        try await database.transaction { _ in
            try await store.close(closed, from: request.status)
            let message = tell(closed)
            try await notifications.send(to: [message.person], message.kind, message.text, url: SiteRoute.mentoring)
        }
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
            throw IthacaError.forbidden(
                side == .mentee ? "Only the mentor can answer this request." : "Only the mentee can withdraw or reply to this request.")
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
        let notifications = notifications, now = clock.now()
        return try await change(id, viewer) { mentorship, role in
            let agreement = try mentorship.agreement.acknowledged(by: role, version: version)
            let status = try mentorship.status.transition(agreement.acknowledgementEvent)
            try mentorship.apply(status: status, agreement: agreement, now: now)
            let text = status == .active
                ? "\(viewer.name) acknowledged the agreement too: your mentorship is active. Book your first meeting."
                : "\(viewer.name) acknowledged the agreement (version \(agreement.version)). Read it and acknowledge it to get started."
            try await notifications.send(to: [mentorship.other(than: role)], .agreement, text, url: SiteRoute.mentorship(id))
        }
    }

    /// Changes a mentorship the viewer is in, as `body` says, inside the mentorship's critical section (see
    /// `MentorshipStore.update`): what `body` reads is what it changes, whoever acts at the same moment.
    private func change(
        _ id: UUID, _ viewer: Viewer, _ body: @escaping @Sendable (MentorshipRecord, MentorshipRole) async throws -> Void
    ) async throws -> MentorshipRecord {
        let updated = try await store.update(id) { mentorship -> MentorshipRecord? in
            guard let role = mentorship.role(of: viewer.id) else { return nil }
            try await body(mentorship, role)
            return mentorship
        }
        guard let mentorship = updated ?? nil else { throw IthacaError.notFound("mentorship") }
        return mentorship
    }

    /// Either side edits the agreement: a changed agreement is a new version both acknowledge again (the mentorship
    /// keeps its status meanwhile); unchanged terms change nothing.
    public func reviseAgreement(
        _ id: UUID, by viewer: Viewer, objectives: [String], everyWeeks: Int, minutes: Int, endDate: String, confidentiality: String
    ) async throws -> MentorshipRecord {
        let notifications = notifications, now = clock.now()
        return try await change(id, viewer) { mentorship, role in
            guard !mentorship.status.isFinished else {
                throw MentoringRuleViolation.mentorshipTransitionNotAllowed(from: mentorship.status, action: "have its agreement changed")
            }
            var terms = mentorship.agreement.terms
            terms.objectives = objectives
            terms.cadence = Cadence(everyWeeks: everyWeeks, minutes: minutes)
            terms.endDate = endDate
            terms.confidentiality = confidentiality
            let revised = try mentorship.agreement.revised(terms)
            guard revised.version != mentorship.agreement.version else { return }
            try mentorship.apply(status: mentorship.status, agreement: revised, now: now)
            try await notifications.send(
                to: [mentorship.other(than: role)], .agreement,
                "\(viewer.name) changed your agreement: read version \(revised.version) and acknowledge it.", url: SiteRoute.mentorship(id))
        }
    }

    /// Either side ends the mentorship early. The optional reason is kept for the person who gave it only.
    public func end(_ id: UUID, by viewer: Viewer, reason: String? = nil) async throws -> MentorshipRecord {
        let privateReason = try OptionalReason.validated(reason)
        let now = clock.now()
        return try await change(id, viewer) { mentorship, role in
            let status = try mentorship.status.transition(.end(reason: privateReason))
            try mentorship.apply(status: status, agreement: mentorship.agreement, now: now)
            mentorship.endedBy = viewer.id
            mentorship.endReason = privateReason
            mentorship.closedAt = now
            try await self.closeUp(mentorship, id, by: viewer, role: role, ended: true, now: now)
        }
    }

    /// What follows a mentorship's end or completion, inside the same critical section: its meetings still to come
    /// are cancelled (both people's calendars told), and the other person hears of it. A booking racing the end either
    /// came first (and is cancelled here) or comes after and finds the mentorship over.
    private func closeUp(
        _ mentorship: MentorshipRecord, _ id: UUID, by viewer: Viewer, role: MentorshipRole, ended: Bool, now: Date
    ) async throws {
        let cancelled = try await meetings.cancelUpcoming(ofMentorship: id, now: now)
        if !cancelled.isEmpty {
            let names = try await profiles.names(of: [mentorship.mentorId, mentorship.menteeId])
            let verb = ended ? "ended" : "been completed"
            for meeting in cancelled {
                try await meetingNotices.tell(about: meeting, .meetingCancelled, names: names) { _, when in
                    "Your mentorship has \(verb), so its meeting is cancelled: \(when)."
                }
            }
        }
        let told = ended ? "\(viewer.name) ended your mentorship." : "Your mentorship with \(viewer.name) is complete: well done, both of you."
        try await notifications.send(to: [mentorship.other(than: role)], .agreement, told, url: SiteRoute.mentorship(id))
    }

    public func pause(_ id: UUID, by viewer: Viewer) async throws -> MentorshipRecord {
        try await move(id, viewer, .pause)
    }

    public func resume(_ id: UUID, by viewer: Viewer) async throws -> MentorshipRecord {
        try await move(id, viewer, .resume)
    }

    /// One side asks to complete: from the end date that completes it; before, both must ask.
    public func complete(_ id: UUID, by viewer: Viewer) async throws -> MentorshipRecord {
        let now = clock.now()
        return try await change(id, viewer) { mentorship, role in
            _ = try mentorship.status.transition(.complete)  // refuse early when it can't complete at all
            let decision = MentorshipClosing.requestCompletion(
                by: role, alreadyAgreed: mentorship.completionAgreedBy, today: CalendarDay.of(now), endDate: mentorship.agreement.terms.endDate)
            mentorship.completionAgreedBy = decision.agreedBy
            if decision.completes {
                try mentorship.apply(status: try mentorship.status.transition(.complete), agreement: mentorship.agreement, now: now)
                mentorship.closedAt = now
                try await self.closeUp(mentorship, id, by: viewer, role: role, ended: false, now: now)
            }
        }
    }

    private func move(_ id: UUID, _ viewer: Viewer, _ event: MentorshipEvent) async throws -> MentorshipRecord {
        let now = clock.now()
        return try await change(id, viewer) { mentorship, _ in
            try mentorship.apply(status: try mentorship.status.transition(event), agreement: mentorship.agreement, now: now)
        }
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

    /// Whether to invite the viewer to pay it forward: they completed a mentorship as mentee and aren't mentoring.
    public func invitesToPayItForward(_ viewer: Viewer) async throws -> Bool {
        guard let profile = try await profiles.profile(userId: viewer.id), !profile.openToMentoring else { return false }
        return try await store.mentorships(involving: viewer.id).contains { $0.menteeId == viewer.id && $0.status == .completed }
    }

    /// Open requests past their expiry become expired (the pages already show them so; this stores it). A mentor
    /// who let `AnswerTime.expiriesBeforePause` requests in a row expire is paused and told kindly.
    public func expireOldRequests() async throws -> Int {
        let now = clock.now()
        let store = store, notifications = notifications
        return try await database.transaction { _ in
            let expired = try await store.expireRequests(createdBefore: now.addingTimeInterval(-self.requestPolicy.expiry), now: now)
            for mentor in expired.mentorsWhoLetExpire.sorted(by: { $0.uuidString < $1.uuidString }) {
                guard AnswerTime.shouldPause(latestOutcomes: try await store.recentOutcomes(of: mentor, limit: AnswerTime.expiriesBeforePause)),
                      try await store.pauseRequests(to: mentor, now: now) else { continue }
                try await notifications.send(
                    to: [mentor], .requestsPaused,
                    "\(AnswerTime.expiriesBeforePause) requests to you expired without an answer, so we paused new requests for you: "
                        + "mentees see you as “not taking requests right now”. Reopen them with one click whenever you're ready.",
                    url: SiteRoute.mentoring)
            }
            return expired.count
        }
    }

    /// Reminds mentors of requests about to expire (3 days and 1 day before), each reminder once.
    @discardableResult
    func remindExpiringRequests(ledger: ReminderLedger) async throws -> Int {
        let now = clock.now()
        var due: [(key: String, days: Int, request: MentorshipRequest)] = []
        for days in [3, 1] {
            // Requests whose expiry falls within the next `days` days.
            let lead = TimeInterval(days) * 86_400
            for request in try await store.pendingRequests(
                waitingSinceFrom: now.addingTimeInterval(-requestPolicy.expiry), to: now.addingTimeInterval(lead - requestPolicy.expiry)) {
                due.append(("request-expiring-\(days)d:\(request.id.uuidString):\(Int(request.waitingSince.timeIntervalSince1970))", days, request))
            }
        }
        // Reminders sent before are skipped with one read; the claim in each transaction stays the authority.
        let sentBefore = try await ledger.sent(due.map(\.key))
        let fresh = due.filter { !sentBefore.contains($0.key) }
        let names = try await profiles.names(of: Array(Set(fresh.map(\.request.menteeId))))
        var sent = 0
        for (key, days, request) in fresh {
            let notifications = notifications
            let didSend = try await database.transaction { _ -> Bool in
                guard try await ledger.claim(key, now: now) else { return false }
                try await notifications.send(
                    to: [request.mentorId], .requestExpiring,
                    "\(names[request.menteeId] ?? "A mentee")'s request for “\(request.details.goal)” expires in "
                        + (days == 1 ? "a day" : "\(days) days") + ". Accept, decline or ask a question so they aren't left waiting.",
                    url: SiteRoute.mentoring)
                return true
            }
            if didSend { sent += 1 }
        }
        return sent
    }

    static func identifier(_ mentorship: MentorshipRecord) throws -> UUID {
        guard let id = mentorship.id else { throw IthacaError.notFound("mentorship") }
        return id
    }

    /// Reported requests for the site admins (anyone else: forbidden).
    public func requestReports(for viewer: Viewer) async throws -> [MentorshipStore.RequestReport] {
        guard viewer.isAdmin else { throw IthacaError.forbidden("Only site admins review reported requests.") }
        return try await store.openRequestReports()
    }

    public func resolveRequestReport(_ id: UUID, by viewer: Viewer) async throws {
        guard viewer.isAdmin else { throw IthacaError.notFound("report") }
        let store = store, audit = audit, now = clock.now()
        try await database.transaction { _ in
            guard try await store.resolveRequestReport(id, by: viewer.id, now: now) else { throw IthacaError.notFound("report") }
            try await audit.record(.requestReportResolved, by: viewer, on: .request, id, summary: "Closed a reported request")
        }
    }

    /// Reopens a paused mentor's requests.
    public func reopenRequests(by viewer: Viewer) async throws {
        try await store.resumeRequests(to: viewer.id)
    }

    public func isTakingRequests(_ person: UUID) async throws -> Bool {
        try await store.pausedMentors(among: [person]).isEmpty
    }

    /// Which of these mentors paused new requests.
    public func pausedMentors(among people: [UUID]) async throws -> Set<UUID> {
        try await store.pausedMentors(among: people)
    }

    /// Typical answer times ("Usually answers within a day") of these mentors, where there are enough answers.
    public func typicalAnswerTimes(of mentors: [UUID]) async throws -> [UUID: TimeInterval] {
        try await store.answerDurations(of: mentors, perMentor: AnswerTime.window).compactMapValues(AnswerTime.typical)
    }
}
