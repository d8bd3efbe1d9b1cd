import FluentKit
import Foundation

/// A note in a mentorship: private to its author unless shared with the other person.
public struct StoredNote: Sendable, Equatable {
    public let id: UUID
    public let mentorshipId: UUID
    public let meetingId: UUID?
    public let authorId: UUID
    public let shared: Bool
    public let body: String
    public let createdAt: Date
}

/// A message between the two people of a mentorship.
public struct StoredMessage: Sendable, Equatable {
    public let id: UUID
    public let mentorshipId: UUID
    public let authorId: UUID
    public let body: String
    public let createdAt: Date
}

final class NoteRecord: Model, @unchecked Sendable {
    static let schema = "mentorship_notes"

    @ID(key: .id) var id: UUID?
    @Field(key: "mentorship_id") var mentorshipId: UUID
    @OptionalField(key: "meeting_id") var meetingId: UUID?
    @Field(key: "author_id") var authorId: UUID
    @Field(key: "shared") var shared: Bool
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var note: StoredNote {
        StoredNote(id: id!, mentorshipId: mentorshipId, meetingId: meetingId, authorId: authorId, shared: shared, body: body, createdAt: createdAt)
    }
}

final class MessageRecord: Model, @unchecked Sendable {
    static let schema = "mentorship_messages"

    @ID(key: .id) var id: UUID?
    @Field(key: "mentorship_id") var mentorshipId: UUID
    @Field(key: "author_id") var authorId: UUID
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var message: StoredMessage { StoredMessage(id: id!, mentorshipId: mentorshipId, authorId: authorId, body: body, createdAt: createdAt) }
}

/// Notes and messages. Every read names the reader, and the filter that keeps others' private notes out is in the
/// query itself, so no caller can forget it.
public struct NoteStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    public func addNote(mentorshipId: UUID, meetingId: UUID?, authorId: UUID, shared: Bool, body: String, now: Date) async throws -> StoredNote {
        let row = NoteRecord()
        row.id = UUID()
        row.mentorshipId = mentorshipId
        row.meetingId = meetingId
        row.authorId = authorId
        row.shared = shared
        row.body = body
        row.createdAt = now
        try await row.create(on: database.db)
        return row.note
    }

    /// The notes `reader` may see in a mentorship: their own, and the other person's shared ones. Oldest first.
    public func notes(ofMentorship id: UUID, readableBy reader: UUID) async throws -> [StoredNote] {
        try await NoteRecord.query(on: database.db)
            .filter(\.$mentorshipId == id)
            .group(.or) { $0.filter(\.$authorId == reader).filter(\.$shared == true) }
            .sort(\.$createdAt)
            .all().map(\.note)
    }

    public func addMessage(mentorshipId: UUID, authorId: UUID, body: String, now: Date) async throws -> StoredMessage {
        let row = MessageRecord()
        row.id = UUID()
        row.mentorshipId = mentorshipId
        row.authorId = authorId
        row.body = body
        row.createdAt = now
        try await row.create(on: database.db)
        return row.message
    }

    public func messages(ofMentorship id: UUID) async throws -> [StoredMessage] {
        try await MessageRecord.query(on: database.db).filter(\.$mentorshipId == id).sort(\.$createdAt).all().map(\.message)
    }
}
