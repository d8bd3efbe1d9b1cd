import FluentKit
import Foundation
import SQLKit

/// Erasing an account: the words the person wrote in confidence go (notes, messages, feedback comments,
/// retrospectives, goals, request texts, agenda items), their profile and every way in (sessions, tokens, single
/// sign-on, calendar feed) go, their email is freed; their community posts stay under "a former member" (the user
/// row stays as a nameless tombstone so posts keep their author), and their open mentorships end.
public struct AccountErasureStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    /// A mentorship the erasure ended, and the person on its other side.
    public struct EndedMentorship: Sendable, Equatable {
        public let mentorship: UUID
        public let otherPerson: UUID
    }

    /// Whether the account can still be erased (it has not been already).
    public func isErasable(_ person: UUID) async throws -> Bool {
        try await database.db.sql.raw("SELECT 1 AS found FROM profiles WHERE id = \(bind: person)").first() != nil
    }

    /// Erases `person` inside the caller's transaction (or its own); returns the mentorships it ended. Their meetings to
    /// come are cancelled first, in the same transaction, by `MeetingStore.cancelUpcoming(ofPerson:now:)` (the other
    /// people get calendar cancellations).
    public func erase(_ person: UUID, reason: String, now: Date) async throws -> [EndedMentorship] {
        try await database.transaction { _ in
            let sql = database.db.sql
            let open = "status IN ('proposed', 'active', 'paused')"
            let ended = try await sql.raw("""
                SELECT id, mentee_id, mentor_id FROM mentorships WHERE (mentee_id = \(bind: person) OR mentor_id = \(bind: person)) AND \(unsafeRaw: open)
                """).all().map { row -> EndedMentorship in
                let mentee = try row.decode(column: "mentee_id", as: UUID.self)
                return EndedMentorship(
                    mentorship: try row.decode(column: "id", as: UUID.self),
                    otherPerson: mentee == person ? try row.decode(column: "mentor_id", as: UUID.self) : mentee)
            }
            let statements: [SQLQueryString] = [
                // What they wrote in confidence, or about others.
                "UPDATE mentorships SET end_reason = NULL WHERE ended_by = \(bind: person)",
                """
                UPDATE mentorships SET status = 'ended', ended_by = \(bind: person), end_reason = \(bind: reason), closed_at = \(bind: now),
                updated_at = \(bind: now) WHERE (mentee_id = \(bind: person) OR mentor_id = \(bind: person)) AND \(unsafeRaw: open)
                """,
                "DELETE FROM mentorship_notes WHERE author_id = \(bind: person)",
                "DELETE FROM mentorship_messages WHERE author_id = \(bind: person)",
                "UPDATE meeting_feedback SET comment = NULL WHERE author_id = \(bind: person)",
                "DELETE FROM mentorship_retrospectives WHERE author_id = \(bind: person)",
                "DELETE FROM meeting_items WHERE author_id = \(bind: person)",
                """
                UPDATE mentorship_requests SET status = CASE WHEN status IN ('pending', 'needs_info') THEN 'withdrawn' ELSE status END,
                closed_at = COALESCE(closed_at, \(bind: now)), goal = '', focus = '', message = '', info_reply = NULL WHERE mentee_id = \(bind: person)
                """,
                """
                UPDATE mentorship_requests SET status = CASE WHEN status IN ('pending', 'needs_info') THEN 'declined' ELSE status END,
                closed_at = COALESCE(closed_at, \(bind: now)), decline_reason = NULL, info_question = NULL WHERE mentor_id = \(bind: person)
                """,
                "DELETE FROM goals WHERE owner_id = \(bind: person)",
                "UPDATE check_ins SET note = '' WHERE person_id = \(bind: person)",
                "UPDATE introductions SET note = '' WHERE mentor_id = \(bind: person)",
                "UPDATE endorsements SET text = '' WHERE mentor_id = \(bind: person)",
                "DELETE FROM endorsements WHERE mentee_id = \(bind: person)",
                "DELETE FROM request_reports WHERE reporter_id = \(bind: person)",
                // Every way in, and everything addressed to them.
                "DELETE FROM sessions WHERE user_id = \(bind: person)",
                "DELETE FROM api_tokens WHERE user_id = \(bind: person)",
                "DELETE FROM calendar_feeds WHERE id = \(bind: person)",
                "DELETE FROM oidc_identities WHERE user_id = \(bind: person)",
                "DELETE FROM oidc_logins WHERE link_user_id = \(bind: person)",
                "DELETE FROM invitations WHERE person_id = \(bind: person)",
                "DELETE FROM notifications WHERE person_id = \(bind: person)",
                "DELETE FROM notification_preferences WHERE person_id = \(bind: person)",
                "DELETE FROM outbox WHERE person_id = \(bind: person)",
                // Their places in programs, spaces, circles, events and paths.
                "DELETE FROM availabilities WHERE id = \(bind: person)",
                "DELETE FROM request_pauses WHERE person_id = \(bind: person)",
                "DELETE FROM enrolments WHERE person_id = \(bind: person)",
                "DELETE FROM program_admins WHERE person_id = \(bind: person)",
                "DELETE FROM space_members WHERE user_id = \(bind: person)",
                "DELETE FROM challenge_members WHERE person_id = \(bind: person)",
                "DELETE FROM circle_members WHERE person_id = \(bind: person)",
                "DELETE FROM event_rsvps WHERE person_id = \(bind: person)",
                "DELETE FROM office_hour_bookings WHERE person_id = \(bind: person)",
                "DELETE FROM learning_path_followers WHERE person_id = \(bind: person)",
                "DELETE FROM learning_path_done WHERE person_id = \(bind: person)",
                "DELETE FROM question_follows WHERE person_id = \(bind: person)",
                // Out of the lineage, off reporting lines, no profile; the account row stays as a tombstone for posts.
                """
                INSERT INTO lineage_opt_outs (id, person_id, created_at) VALUES (\(bind: UUID()), \(bind: person), \(bind: now))
                ON CONFLICT (person_id) DO NOTHING
                """,
                "UPDATE profiles SET manager_id = NULL WHERE manager_id = \(bind: person)",
                "DELETE FROM profiles WHERE id = \(bind: person)",
                """
                UPDATE users SET email = \(bind: "erased-\(person.uuidString.lowercased())@erased.invalid"), password_hash = '!', role = 'member',
                joined_at = NULL, guide_dismissed_at = NULL WHERE id = \(bind: person)
                """,
            ]
            for statement in statements { try await sql.raw(statement).run() }
            return ended
        }
    }
}
