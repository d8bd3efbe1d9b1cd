import Foundation
import IthacaDomain
import IthacaStorage

/// Confidential by design: private notes only their author reads; shared notes and messages only the mentorship's
/// two people read. There is no admin path here: a site admin gets "not found" like anyone else.
public struct NoteService: Sendable {
    let store: NoteStore
    let mentorships: MentorshipService
    let meetings: MeetingService
    let clock: AppClock

    /// Adds a note to one of my mentorships, optionally about one of its meetings.
    public func addNote(to mentorshipId: UUID, by viewer: Viewer, body: String, shared: Bool, meetingId: UUID?) async throws -> StoredNote {
        _ = try await mentorships.mentorship(mentorshipId, for: viewer)
        let text = try ConfidentialText.note(body)
        if let meetingId {
            let meeting = try await meetings.meeting(meetingId, for: viewer)
            guard meeting.mentorshipId == mentorshipId else { throw IthacaError.notFound("meeting") }
        }
        return try await store.addNote(
            mentorshipId: mentorshipId, meetingId: meetingId, authorId: viewer.id, shared: shared, body: text, now: clock.now())
    }

    /// My notes and the other person's shared notes in one of my mentorships.
    public func notes(of mentorshipId: UUID, for viewer: Viewer) async throws -> [StoredNote] {
        _ = try await mentorships.mentorship(mentorshipId, for: viewer)
        return try await store.notes(ofMentorship: mentorshipId, readableBy: viewer.id)
    }

    public func sendMessage(in mentorshipId: UUID, by viewer: Viewer, body: String) async throws -> StoredMessage {
        _ = try await mentorships.mentorship(mentorshipId, for: viewer)
        return try await store.addMessage(mentorshipId: mentorshipId, authorId: viewer.id, body: try ConfidentialText.message(body), now: clock.now())
    }

    public func messages(of mentorshipId: UUID, for viewer: Viewer) async throws -> [StoredMessage] {
        _ = try await mentorships.mentorship(mentorshipId, for: viewer)
        return try await store.messages(ofMentorship: mentorshipId)
    }
}
