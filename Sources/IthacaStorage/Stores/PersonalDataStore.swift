import FluentKit
import Foundation
import SQLKit

/// Everything Ithaca holds about one person, read kind by kind for their data export: each kind is one query whose
/// rows are written out as JSON objects a page at a time, so a large export never sits in memory whole.
/// Other people's private notes are never read: notes are selected by author.
public struct PersonalDataStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    /// How a column turns into JSON.
    public enum Column: Sendable {
        case text(String), uuid(String), date(String), int(String), bool(String)
        /// A list of strings (PostgreSQL `text[]`, JSON text on SQLite).
        case strings(String)
        /// Text that holds JSON (agreements, milestones, enrolment answers): embedded as JSON, not as a string.
        case json(String)

        var name: String {
            switch self {
            case .text(let n), .uuid(let n), .date(let n), .int(let n), .bool(let n), .strings(let n), .json(let n): n
            }
        }
    }

    /// One kind of data: a file name in the export, a query for `person`, and its columns.
    public struct Kind: Sendable {
        public let file: String
        let query: @Sendable (UUID) -> SQLQueryString
        let columns: [Column]
    }

    public static let pageSize = 500

    /// Calls `page` with the person's rows of `kind`, a page at a time, each row a JSON-ready dictionary.
    public func rows(_ kind: Kind, of person: UUID, page: ([[String: Any]]) throws -> Void) async throws {
        var offset = 0
        while true {
            let rows = try await database.db.sql.raw(kind.query(person) + " LIMIT \(literal: Self.pageSize) OFFSET \(literal: offset)").all()
            try page(try rows.map { try Self.object($0, kind.columns) })
            guard rows.count == Self.pageSize else { return }
            offset += Self.pageSize
        }
    }

    static func object(_ row: any SQLRow, _ columns: [Column]) throws -> [String: Any] {
        var object: [String: Any] = [:]
        for column in columns {
            let name = column.name
            let value: Any?
            switch column {
            case .text: value = try row.decode(column: name, as: String?.self)
            case .uuid: value = try row.decode(column: name, as: UUID?.self)?.uuidString.lowercased()
            case .date: value = try row.decode(column: name, as: Date?.self).map { ISO8601DateFormatter().string(from: $0) }
            case .int: value = try row.decode(column: name, as: Int?.self)
            case .bool: value = try row.decode(column: name, as: Bool?.self)
            case .strings: value = try row.decode(column: name, as: [String]?.self)
            case .json:
                value = try row.decode(column: name, as: String?.self).flatMap {
                    try? JSONSerialization.jsonObject(with: Data($0.utf8), options: [.fragmentsAllowed])
                }
            }
            object[name] = value ?? NSNull()
        }
        return object
    }

    /// Everything, in the order the export writes it.
    public static let kinds: [Kind] = [
        Kind(file: "account", query: { p in "SELECT email, role, created_at, joined_at, password_changed_at FROM users WHERE id = \(bind: p)" },
             columns: [.text("email"), .text("role"), .date("created_at"), .date("joined_at"), .date("password_changed_at")]),
        Kind(file: "profile", query: { p in """
            SELECT name, pronouns, headline, bio, organization, team, title, manager_id, tenure_start, career_stage, time_zone, languages,
            skills_offered, skills_wanted, goals, strengths, areas_to_grow, open_to_mentoring, mentor_capacity, open_to_being_mentored,
            open_to_peer, gender, mentor_gender_preference, mentor_organization_preference, updated_at FROM profiles WHERE id = \(bind: p)
            """ },
             columns: [.text("name"), .text("pronouns"), .text("headline"), .text("bio"), .text("organization"), .text("team"), .text("title"),
                       .uuid("manager_id"), .text("tenure_start"), .text("career_stage"), .text("time_zone"), .strings("languages"),
                       .strings("skills_offered"), .strings("skills_wanted"), .text("goals"), .strings("strengths"), .strings("areas_to_grow"),
                       .bool("open_to_mentoring"), .int("mentor_capacity"), .bool("open_to_being_mentored"), .bool("open_to_peer"),
                       .text("gender"), .text("mentor_gender_preference"), .text("mentor_organization_preference"), .date("updated_at")]),
        Kind(file: "requests", query: { p in """
            SELECT r.id, CASE WHEN r.mentee_id = \(bind: p) THEN 'mentee' ELSE 'mentor' END AS my_role,
            COALESCE(o.name, 'A former member') AS other_person, r.goal, r.focus, r.message, r.status, r.decline_reason, r.info_question,
            r.info_reply, r.created_at, r.answered_at, r.closed_at FROM mentorship_requests r
            LEFT JOIN profiles o ON o.id = CASE WHEN r.mentee_id = \(bind: p) THEN r.mentor_id ELSE r.mentee_id END
            WHERE r.mentee_id = \(bind: p) OR r.mentor_id = \(bind: p) ORDER BY r.created_at, r.id
            """ },
             columns: [.uuid("id"), .text("my_role"), .text("other_person"), .text("goal"), .text("focus"), .text("message"), .text("status"),
                       .text("decline_reason"), .text("info_question"), .text("info_reply"), .date("created_at"), .date("answered_at"), .date("closed_at")]),
        Kind(file: "mentorships", query: { p in """
            SELECT m.id, CASE WHEN m.mentee_id = \(bind: p) THEN 'mentee' ELSE 'mentor' END AS my_role,
            COALESCE(o.name, 'A former member') AS other_person, m.status, m.focus, m.agreement_terms, m.agreement_version, m.created_at,
            m.closed_at, m.end_reason, pr.name AS program FROM mentorships m
            LEFT JOIN profiles o ON o.id = CASE WHEN m.mentee_id = \(bind: p) THEN m.mentor_id ELSE m.mentee_id END
            LEFT JOIN programs pr ON pr.id = m.program_id
            WHERE m.mentee_id = \(bind: p) OR m.mentor_id = \(bind: p) ORDER BY m.created_at, m.id
            """ },
             columns: [.uuid("id"), .text("my_role"), .text("other_person"), .text("status"), .text("focus"), .json("agreement_terms"),
                       .int("agreement_version"), .date("created_at"), .date("closed_at"), .text("end_reason"), .text("program")]),
        Kind(file: "notes", query: { p in """
            SELECT id, mentorship_id, meeting_id, shared, body, created_at FROM mentorship_notes WHERE author_id = \(bind: p) ORDER BY created_at, id
            """ },
             columns: [.uuid("id"), .uuid("mentorship_id"), .uuid("meeting_id"), .bool("shared"), .text("body"), .date("created_at")]),
        Kind(file: "messages", query: { p in """
            SELECT x.id, x.mentorship_id, CASE WHEN x.author_id = \(bind: p) THEN 'sent' ELSE 'received' END AS direction,
            COALESCE(a.name, 'A former member') AS author, x.body, x.created_at FROM mentorship_messages x
            JOIN mentorships m ON m.id = x.mentorship_id LEFT JOIN profiles a ON a.id = x.author_id
            WHERE m.mentee_id = \(bind: p) OR m.mentor_id = \(bind: p) ORDER BY x.created_at, x.id
            """ },
             columns: [.uuid("id"), .uuid("mentorship_id"), .text("direction"), .text("author"), .text("body"), .date("created_at")]),
        Kind(file: "meetings", query: { p in """
            SELECT id, mentorship_id, start_at, end_at, agenda, status, created_at FROM meetings
            WHERE mentee_id = \(bind: p) OR mentor_id = \(bind: p) ORDER BY start_at, id
            """ },
             columns: [.uuid("id"), .uuid("mentorship_id"), .date("start_at"), .date("end_at"), .text("agenda"), .text("status"), .date("created_at")]),
        Kind(file: "meeting-items", query: { p in """
            SELECT i.id, i.meeting_id, i.kind, i.text, i.resolved, i.created_at, CASE WHEN i.author_id = \(bind: p) THEN 1 ELSE 0 END AS mine
            FROM meeting_items i JOIN mentorships m ON m.id = i.mentorship_id
            WHERE m.mentee_id = \(bind: p) OR m.mentor_id = \(bind: p) ORDER BY i.created_at, i.id
            """ },
             columns: [.uuid("id"), .uuid("meeting_id"), .text("kind"), .text("text"), .bool("resolved"), .date("created_at"), .int("mine")]),
        Kind(file: "feedback", query: { p in """
            SELECT f.meeting_id, CASE WHEN f.author_id = \(bind: p) THEN 'given' ELSE 'received' END AS direction, f.useful, f.comment, f.created_at
            FROM meeting_feedback f JOIN meetings mt ON mt.id = f.meeting_id
            WHERE mt.mentee_id = \(bind: p) OR mt.mentor_id = \(bind: p) ORDER BY f.created_at, f.id
            """ },
             columns: [.uuid("meeting_id"), .text("direction"), .int("useful"), .text("comment"), .date("created_at")]),
        Kind(file: "retrospectives", query: { p in """
            SELECT mentorship_id, went_well, learned, next, created_at FROM mentorship_retrospectives WHERE author_id = \(bind: p) ORDER BY created_at, id
            """ },
             columns: [.uuid("mentorship_id"), .text("went_well"), .text("learned"), .text("next"), .date("created_at")]),
        Kind(file: "goals", query: { p in """
            SELECT id, mentorship_id, title, milestones, marked_achieved, share_with_manager, created_at, updated_at FROM goals
            WHERE owner_id = \(bind: p) ORDER BY created_at, id
            """ },
             columns: [.uuid("id"), .uuid("mentorship_id"), .text("title"), .json("milestones"), .bool("marked_achieved"), .bool("share_with_manager"),
                       .date("created_at"), .date("updated_at")]),
        Kind(file: "questions", query: { p in """
            SELECT id, title, body, tags, anonymous, created_at, hidden_reason FROM questions WHERE author_id = \(bind: p) ORDER BY created_at, id
            """ },
             columns: [.uuid("id"), .text("title"), .text("body"), .text("tags"), .bool("anonymous"), .date("created_at"), .text("hidden_reason")]),
        Kind(file: "answers", query: { p in """
            SELECT id, question_id, body, created_at, hidden_reason FROM answers WHERE author_id = \(bind: p) ORDER BY created_at, id
            """ },
             columns: [.uuid("id"), .uuid("question_id"), .text("body"), .date("created_at"), .text("hidden_reason")]),
        Kind(file: "comments", query: { p in """
            SELECT id, question_id, post_id, body, created_at FROM comments WHERE author_id = \(bind: p) ORDER BY created_at, id
            """ },
             columns: [.uuid("id"), .uuid("question_id"), .uuid("post_id"), .text("body"), .date("created_at")]),
        Kind(file: "circle-posts", query: { p in """
            SELECT id, circle_id, kind, body, created_at FROM circle_posts WHERE author_id = \(bind: p) ORDER BY created_at, id
            """ },
             columns: [.uuid("id"), .uuid("circle_id"), .text("kind"), .text("body"), .date("created_at")]),
        Kind(file: "check-ins", query: { p in """
            SELECT challenge_id, local_day, note, created_at FROM check_ins WHERE person_id = \(bind: p) ORDER BY created_at, id
            """ },
             columns: [.uuid("challenge_id"), .text("local_day"), .text("note"), .date("created_at")]),
        Kind(file: "enrolments", query: { p in """
            SELECT e.program_id, pr.name AS program, e.role, e.answers, e.created_at FROM enrolments e JOIN programs pr ON pr.id = e.program_id
            WHERE e.person_id = \(bind: p) ORDER BY e.created_at, e.id
            """ },
             columns: [.uuid("program_id"), .text("program"), .text("role"), .json("answers"), .date("created_at")]),
    ]
}
