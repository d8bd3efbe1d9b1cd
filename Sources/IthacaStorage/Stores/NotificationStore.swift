import FluentKit
import Foundation
import SQLKit

/// What a notification is about. Each kind has its own channel preference per person.
public enum NotificationKind: String, Sendable, Codable, CaseIterable {
    // Mentoring
    case requestReceived = "request_received", requestAnswered = "request_answered", requestNeedsInfo = "request_needs_info"
    case requestReplied = "request_replied", requestExpiring = "request_expiring", requestWithdrawn = "request_withdrawn"
    case requestsPaused = "requests_paused", agreement, meetingBooked = "meeting_booked", meetingCancelled = "meeting_cancelled"
    case meetingReminder = "meeting_reminder", agendaEmpty = "agenda_empty", feedbackDue = "feedback_due"
    case introduction, endorsement, matched
    // Community
    case answer, followedAnswer = "followed_answer", accepted, comment, mention, cheer, circle, event, moderation

    /// Mentoring events reach people by email at once; community events wait for the daily digest.
    public var isMentoring: Bool {
        switch self {
        case .requestReceived, .requestAnswered, .requestNeedsInfo, .requestReplied, .requestExpiring, .requestWithdrawn, .requestsPaused,
             .agreement, .meetingBooked, .meetingCancelled, .meetingReminder, .agendaEmpty, .feedbackDue, .introduction, .endorsement, .matched:
            true
        case .answer, .followedAnswer, .accepted, .comment, .mention, .cheer, .circle, .event, .moderation:
            false
        }
    }

    public var defaultChannel: NotificationChannel { isMentoring ? .email : .dailyDigest }

    /// What the settings page calls it.
    public var label: String {
        switch self {
        case .requestReceived: "A mentee asks you for mentoring"
        case .requestAnswered: "A mentor answers your request"
        case .requestNeedsInfo: "A mentor asks you for more information"
        case .requestReplied: "A mentee replies to your question"
        case .requestExpiring: "A request to you is about to expire"
        case .requestWithdrawn: "A request to you is withdrawn"
        case .requestsPaused: "Your requests are paused"
        case .agreement: "An agreement to acknowledge"
        case .meetingBooked: "A meeting is booked"
        case .meetingCancelled: "A meeting is cancelled"
        case .meetingReminder: "A meeting is tomorrow or in an hour"
        case .agendaEmpty: "A meeting's agenda is still empty"
        case .feedbackDue: "Feedback is due after a meeting"
        case .introduction: "Introductions asked for or accepted"
        case .endorsement: "An endorsement to approve"
        case .matched: "A program matched you"
        case .answer: "Answers to your questions"
        case .followedAnswer: "Answers to questions you follow"
        case .accepted: "Your answer is accepted"
        case .comment: "Comments on your posts"
        case .mention: "Someone mentions you"
        case .cheer: "Cheers on your check-ins"
        case .circle: "Circle changes"
        case .event: "Event changes"
        case .moderation: "Moderation of your posts"
        }
    }
}

/// Where a kind of notification reaches a person. Every channel but `off` keeps it in the inbox too.
public enum NotificationChannel: String, Sendable, Codable, CaseIterable {
    case inbox, email, dailyDigest = "daily_digest", weeklyDigest = "weekly_digest", off

    public var label: String {
        switch self {
        case .inbox: "Inbox only"
        case .email: "Email at once"
        case .dailyDigest: "Daily digest email"
        case .weeklyDigest: "Weekly digest email"
        case .off: "Off"
        }
    }

    /// The digest a notification waits for on this channel, as stored in `notifications.digest`.
    public var digest: String? {
        switch self {
        case .dailyDigest: "daily"
        case .weeklyDigest: "weekly"
        case .inbox, .email, .off: nil
        }
    }
}

/// What a notification needs to know of each person it goes to.
public struct NotificationRecipient: Sendable, Equatable {
    public let id: UUID
    public let email: String
    public let name: String
    public let timeZone: String?
    public let channel: NotificationChannel
}

public struct StoredNotification: Sendable, Equatable {
    public let id: UUID
    public let kind: NotificationKind
    public let text: String
    public let url: String
    public let createdAt: Date
    public let readAt: Date?
}

/// The notification inbox and question follows.
public struct NotificationStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    /// The people a notification of `kind` goes to, with the channel each chose (or the kind's default); 500 people
    /// a query, so a round's thousands of pairs are looked up in a few.
    public func recipients(_ people: [UUID], kind: NotificationKind) async throws -> [NotificationRecipient] {
        let unique = Array(Set(people)).sorted { $0.uuidString < $1.uuidString }
        var result: [NotificationRecipient] = []
        result.reserveCapacity(unique.count)
        for batch in unique.batches() {
            result += try await database.db.sql.raw("""
                SELECT u.id, u.email, p.name, p.time_zone, np.channel FROM users u LEFT JOIN profiles p ON p.id = u.id
                LEFT JOIN notification_preferences np ON np.person_id = u.id AND np.kind = \(bind: kind.rawValue)
                WHERE u.id IN (\(binds: Array(batch)))
                """).all().map { row in
                NotificationRecipient(
                    id: try row.decode(column: "id", as: UUID.self), email: try row.decode(column: "email", as: String.self),
                    name: try row.decode(column: "name", as: String?.self) ?? "", timeZone: try row.decode(column: "time_zone", as: String?.self),
                    channel: (try row.decode(column: "channel", as: String?.self)).flatMap(NotificationChannel.init(rawValue:)) ?? kind.defaultChannel)
            }
        }
        return result.sorted { $0.id.uuidString < $1.id.uuidString }
    }

    /// One inbox entry (waiting for the person's digest when `digest` is set).
    public struct Delivery: Sendable {
        public let person: UUID
        public let text: String
        public let url: String
        public let digest: String?

        public init(person: UUID, text: String, url: String, digest: String?) {
            self.person = person
            self.text = text
            self.url = url
            self.digest = digest
        }
    }

    /// Puts notifications of one kind in people's inboxes, 500 rows a statement; joins the caller's transaction.
    public func deliver(_ deliveries: [Delivery], kind: NotificationKind, now: Date) async throws {
        for batch in deliveries.batches() {
            var insert = database.db.sql.insert(into: "notifications").columns("id", "person_id", "kind", "text", "url", "created_at", "digest")
            for item in batch {
                insert = insert.values(
                    SQLBind(UUID()), SQLBind(item.person), SQLBind(kind.rawValue), SQLBind(item.text), SQLBind(item.url), SQLBind(now),
                    SQLBind(item.digest))
            }
            try await insert.run()
        }
    }

    // MARK: Preferences

    /// The person's channel for every kind (defaults filled in).
    public func preferences(of person: UUID) async throws -> [NotificationKind: NotificationChannel] {
        var result = Dictionary(uniqueKeysWithValues: NotificationKind.allCases.map { ($0, $0.defaultChannel) })
        for row in try await database.db.sql.raw("SELECT kind, channel FROM notification_preferences WHERE person_id = \(bind: person)").all() {
            if let kind = NotificationKind(rawValue: try row.decode(column: "kind", as: String.self)),
               let channel = NotificationChannel(rawValue: try row.decode(column: "channel", as: String.self)) {
                result[kind] = channel
            }
        }
        return result
    }

    /// Stores the person's choices (kinds not given keep theirs).
    public func setPreferences(of person: UUID, _ choices: [NotificationKind: NotificationChannel]) async throws {
        try await database.transaction { db in
            for (kind, channel) in choices.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                try await db.sql.raw("""
                    INSERT INTO notification_preferences (id, person_id, kind, channel) VALUES (\(bind: UUID()), \(bind: person), \(bind: kind.rawValue), \(bind: channel.rawValue))
                    ON CONFLICT (person_id, kind) DO UPDATE SET channel = excluded.channel
                    """).run()
            }
        }
    }

    // MARK: Digests

    /// People with notifications waiting for a `digest` ("daily" or "weekly") whose oldest waiting one is from before
    /// `cutoff`: their digest is due.
    public func peopleWithDueDigest(_ digest: String, cutoff: Date, limit: Int) async throws -> [UUID] {
        try await database.db.sql.raw("""
            SELECT person_id FROM notifications WHERE digest = \(bind: digest) AND digested_at IS NULL
            GROUP BY person_id HAVING MIN(created_at) <= \(bind: cutoff) LIMIT \(bind: limit)
            """).all().map { try $0.decode(column: "person_id", as: UUID.self) }
    }

    /// Takes the person's waiting notifications for `digest`, oldest first, and marks them digested (in the caller's
    /// transaction, with the digest email).
    public func takeDigest(_ digest: String, of person: UUID, now: Date) async throws -> [StoredNotification] {
        let items = try await database.db.sql.raw("""
            SELECT id, kind, text, url, created_at, read_at FROM notifications
            WHERE person_id = \(bind: person) AND digest = \(bind: digest) AND digested_at IS NULL ORDER BY created_at, id
            """).all().map(Self.notification)
        guard !items.isEmpty else { return [] }
        try await database.db.sql.raw("""
            UPDATE notifications SET digested_at = \(bind: now) WHERE person_id = \(bind: person) AND digest = \(bind: digest) AND digested_at IS NULL
            """).run()
        return items
    }

    /// Newest first, `limit` from `offset`.
    public func notifications(of person: UUID, offset: Int, limit: Int) async throws -> [StoredNotification] {
        try await database.db.sql.raw("""
            SELECT id, kind, text, url, created_at, read_at FROM notifications WHERE person_id = \(bind: person)
            ORDER BY created_at DESC, id LIMIT \(bind: limit) OFFSET \(bind: offset)
            """).all().map(Self.notification)
    }

    static func notification(_ row: any SQLRow) throws -> StoredNotification {
        StoredNotification(
            id: try row.decode(column: "id", as: UUID.self),
            kind: NotificationKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .answer,
            text: try row.decode(column: "text", as: String.self), url: try row.decode(column: "url", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Date.self), readAt: try row.decode(column: "read_at", as: Date?.self))
    }

    public func unreadCount(of person: UUID) async throws -> Int {
        try await database.db.sql.raw("SELECT COUNT(*) AS n FROM notifications WHERE person_id = \(bind: person) AND read_at IS NULL")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Marks one of the person's notifications read and returns where it points; nil when it is not theirs (or not there).
    public func markRead(_ id: UUID, of person: UUID, now: Date) async throws -> String? {
        try await database.db.sql.raw("""
            UPDATE notifications SET read_at = COALESCE(read_at, \(bind: now)) WHERE id = \(bind: id) AND person_id = \(bind: person) RETURNING url
            """).first()?.decode(column: "url", as: String.self)
    }

    public func markAllRead(of person: UUID, now: Date) async throws {
        try await database.db.sql.raw("UPDATE notifications SET read_at = \(bind: now) WHERE person_id = \(bind: person) AND read_at IS NULL").run()
    }

    // MARK: Following questions

    /// Follows a question (once). ON CONFLICT rather than catching the unique violation: inside a PostgreSQL
    /// transaction a failed statement would abort the whole transaction.
    public func follow(_ question: UUID, person: UUID) async throws {
        try await database.db.sql.raw("""
            INSERT INTO question_follows (id, question_id, person_id) VALUES (\(bind: UUID()), \(bind: question), \(bind: person))
            ON CONFLICT (question_id, person_id) DO NOTHING
            """).run()
    }

    public func unfollow(_ question: UUID, person: UUID) async throws {
        try await database.db.sql.delete(from: "question_follows").where("question_id", .equal, question).where("person_id", .equal, person).run()
    }

    public func followers(of question: UUID) async throws -> [UUID] {
        try await database.db.sql.select().column("person_id").from("question_follows").where("question_id", .equal, question).all()
            .map { try $0.decode(column: "person_id", as: UUID.self) }
    }

    public func isFollowing(_ question: UUID, person: UUID) async throws -> Bool {
        try await database.db.sql.select().column("id").from("question_follows").where("question_id", .equal, question)
            .where("person_id", .equal, person).first() != nil
    }
}
