import Foundation
import IthacaDomain
import IthacaStorage

/// What a mentor does for their mentee beyond meetings: introductions to their network (double opt-in: the member
/// accepts before anyone's contact details are shared) and endorsements (shown on the profile once the mentee
/// approves).
public struct IntroductionService: Sendable {
    let store: IntroductionStore
    let mentorships: MentorshipService
    let accounts: AccountStore
    let profiles: ProfileStore
    let notifications: NotificationService
    let database: IthacaDatabase
    let clock: AppClock

    /// An introduction as one of its three people sees it: contact details only once the member accepted, and
    /// only for the mentee and the member.
    public struct View: Sendable {
        public let introduction: StoredIntroduction
        public let contactEmail: String?
    }

    public func introduce(in mentorshipId: UUID, by viewer: Viewer, memberId: UUID, note: String) async throws -> StoredIntroduction {
        let mentorship = try await mentorOf(mentorshipId, viewer, action: "introduce your mentee")
        guard try await accounts.user(id: memberId) != nil else { throw IthacaError.invalid("memberId", "That person is not a member of Ithaca.") }
        let tidied = try Introduction.check(mentor: viewer.id, mentee: mentorship.menteeId, member: memberId, note: note)
        let menteeName = try await profiles.names(of: [mentorship.menteeId])[mentorship.menteeId] ?? "their mentee"
        let store = store, notifications = notifications, now = clock.now()
        return try await database.transaction { _ in
            let introduction = try await store.addIntroduction(
                mentorshipId: mentorshipId, mentorId: viewer.id, menteeId: mentorship.menteeId, memberId: memberId, note: tidied, now: now)
            try await notifications.send(
                to: [memberId], .introduction, "\(viewer.name) would like to introduce you to \(menteeName), whom they mentor. Accept or decline.",
                url: SiteRoute.mentoring)
            return introduction
        }
    }

    public func introductions(of viewer: Viewer) async throws -> [View] {
        var views: [View] = []
        for introduction in try await store.introductions(involving: viewer.id) {
            var email: String?
            if introduction.status.sharesContact, viewer.id != introduction.mentorId {
                let other = viewer.id == introduction.menteeId ? introduction.memberId : introduction.menteeId
                email = try await accounts.user(id: other)?.email
            }
            views.append(View(introduction: introduction, contactEmail: email))
        }
        return views
    }

    /// The introduced member accepts or declines.
    public func answer(_ id: UUID, by viewer: Viewer, accept: Bool) async throws -> StoredIntroduction {
        guard var introduction = try await store.introduction(id: id),
              [introduction.mentorId, introduction.menteeId, introduction.memberId].contains(viewer.id) else {
            throw IthacaError.notFound("introduction")
        }
        guard introduction.memberId == viewer.id else { throw IthacaError.forbidden("Only the person being introduced can answer.") }
        introduction.status = try introduction.status.transition(accept ? .accept : .decline)
        let answered = introduction
        let store = store, notifications = notifications, now = clock.now()
        try await database.transaction { _ in
            try await store.answerIntroduction(id, status: answered.status, now: now)
            if accept {
                try await notifications.send(
                    to: [answered.mentorId, answered.menteeId], .introduction,
                    "\(viewer.name) accepted the introduction: you can now reach each other.", url: SiteRoute.mentoring)
            }
        }
        return introduction
    }

    public func endorse(in mentorshipId: UUID, by viewer: Viewer, text: String) async throws -> StoredEndorsement {
        let mentorship = try await mentorOf(mentorshipId, viewer, action: "endorse your mentee")
        let tidied = try Endorsement.validatedText(text)
        let store = store, notifications = notifications, now = clock.now()
        return try await database.transaction { _ in
            let endorsement = try await store.addEndorsement(
                mentorshipId: mentorshipId, mentorId: viewer.id, menteeId: mentorship.menteeId, text: tidied, now: now)
            try await notifications.send(
                to: [mentorship.menteeId], .endorsement, "\(viewer.name) endorsed you. Approve it to show it on your profile.",
                url: SiteRoute.mentoring)
            return endorsement
        }
    }

    public func endorsements(of viewer: Viewer) async throws -> [StoredEndorsement] {
        try await store.endorsements(involving: viewer.id)
    }

    /// The mentee approves (it appears on their profile) or rejects.
    public func answerEndorsement(_ id: UUID, by viewer: Viewer, approve: Bool) async throws -> StoredEndorsement {
        guard var endorsement = try await store.endorsement(id: id), [endorsement.mentorId, endorsement.menteeId].contains(viewer.id) else {
            throw IthacaError.notFound("endorsement")
        }
        guard endorsement.menteeId == viewer.id else { throw IthacaError.forbidden("Only the person endorsed can approve it.") }
        endorsement.status = try endorsement.status.transition(approve ? .approve : .reject)
        try await store.answerEndorsement(id, status: endorsement.status, now: clock.now())
        return endorsement
    }

    public func approvedEndorsements(of person: UUID) async throws -> [StoredEndorsement] {
        try await store.approvedEndorsements(of: person)
    }

    private func mentorOf(_ mentorshipId: UUID, _ viewer: Viewer, action: String) async throws -> MentorshipRecord {
        let mentorship = try await mentorships.mentorship(mentorshipId, for: viewer)
        guard mentorship.mentorId == viewer.id else { throw IthacaError.forbidden("Only the mentor can \(action).") }
        guard mentorship.status != .proposed else {
            throw IthacaError.conflict("Once you have both acknowledged the agreement you can \(action).")
        }
        return mentorship
    }
}
