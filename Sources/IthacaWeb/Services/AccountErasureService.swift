import Foundation
import IthacaDomain
import IthacaStorage

/// Deleting one's own account, after proving it is really them: the password, or a sign-in in the last ten
/// minutes for people who sign in with single sign-on only. The people on the other side of their open
/// mentorships are told; the audit log records that an account was erased (not whose words were removed).
public struct AccountErasureService: Sendable {
    let store: AccountErasureStore
    let accounts: AccountStore
    let sessions: SessionStore
    let hasher: PasswordHasher
    let notifications: NotificationService
    let meetings: MeetingStore
    let meetingNotices: MeetingNotices
    let profiles: ProfileStore
    let audit: AuditService
    let database: IthacaDatabase
    let clock: AppClock

    /// How recent a sign-in must be to stand in for the password.
    public static let freshSignIn: TimeInterval = 10 * 60
    static let endReason = "One of you deleted their Ithaca account, so this mentorship has ended."

    /// Whether the viewer signed in recently enough to delete without typing a password.
    public func signedInRecently(_ viewer: Viewer) async throws -> Bool {
        guard let hash = viewer.sessionIdHash else { return false }
        let now = clock.now()
        return try await sessions.list(userId: viewer.id).contains { $0.id == hash && now.timeIntervalSince($0.createdAt) <= Self.freshSignIn }
    }

    public func erase(_ viewer: Viewer, password: String?) async throws {
        guard let user = try await accounts.user(id: viewer.id), try await store.isErasable(viewer.id) else { throw IthacaError.unauthenticated }
        if let password, !password.isEmpty {
            guard await hasher.verify(password, against: user.passwordHash) else {
                throw IthacaError.invalid("password", "That is not your password, so nothing was deleted.")
            }
        } else if !(try await signedInRecently(viewer)) {
            throw IthacaError.invalid("password", "Type your password to confirm (or sign in again, then delete within ten minutes).")
        }
        if viewer.isAdmin, try await accounts.adminCount() <= 1 {
            throw IthacaError.conflict("You are the only site admin: make someone else a site admin first (ithaca admin create), then delete your account.")
        }
        let store = store, notifications = notifications, audit = audit, now = clock.now(), name = viewer.name
        let meetings = meetings, meetingNotices = meetingNotices, profiles = profiles
        try await database.transaction { _ in
            // their meetings to come leave the other people's calendars too (names read while they still exist)
            let cancelled = try await meetings.cancelUpcoming(ofPerson: viewer.id, now: now)
            let names = try await profiles.names(of: Array(Set(cancelled.flatMap { [$0.mentorId, $0.menteeId] })))
            let ended = try await store.erase(viewer.id, reason: Self.endReason, now: now)
            for meeting in cancelled {
                try await meetingNotices.tell(about: meeting, .meetingCancelled, names: names, onlyTo: meeting.otherPerson(than: viewer.id)) { _, when in
                    "\(name) deleted their Ithaca account, so your meeting is cancelled: \(when)."
                }
            }
            for mentorship in ended {
                try await notifications.send(
                    to: [mentorship.otherPerson], .agreement, "\(name) deleted their Ithaca account, so your mentorship has ended.",
                    url: SiteRoute.mentorship(mentorship.mentorship))
            }
            try await audit.record(.accountErased, by: nil, on: .person, viewer.id, summary: "A member deleted their own account")
        }
        try await database.checkpoint()
    }
}
