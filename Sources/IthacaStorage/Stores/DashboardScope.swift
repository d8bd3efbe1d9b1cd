import Foundation
import SQLKit

/// Which mentoring a dashboard looks at: one program (optionally one round's pairs) or the whole site, and the
/// months it counts events in. It renders as SQL common table expressions every panel starts from:
/// `people (id, role, since)` and `ms` (the mentorships in scope).
public struct DashboardScope: Sendable, Equatable {
    public var program: UUID?
    public var round: UUID?
    /// Events (matches, meetings, requests, posts) from this instant …
    public var from: Date?
    /// … to before this one.
    public var until: Date?

    public init(program: UUID? = nil, round: UUID? = nil, from: Date? = nil, until: Date? = nil) {
        self.program = program
        self.round = round
        self.from = from
        self.until = until
    }

    /// `WITH people …, ms …` for this scope.
    func tables(recursive: Bool = false) -> SQLQueryString {
        var people: SQLQueryString
        var mentorships: SQLQueryString
        if let program {
            people = "SELECT e.person_id AS id, e.role AS role, e.created_at AS since FROM enrolments e WHERE e.program_id = \(bind: program)"
            // A program's mentorships: those its rounds published, and those its mentees and mentors started between
            // themselves once both were enrolled (self-serve matching inside the program).
            mentorships = """
                SELECT m.* FROM mentorships m WHERE m.program_id = \(bind: program) OR (m.program_id IS NULL
                AND EXISTS (SELECT 1 FROM enrolments a WHERE a.program_id = \(bind: program) AND a.person_id = m.mentee_id AND a.created_at <= m.created_at)
                AND EXISTS (SELECT 1 FROM enrolments b WHERE b.program_id = \(bind: program) AND b.person_id = m.mentor_id AND b.created_at <= m.created_at))
                """
            if let round {
                mentorships = mentorships + " AND m.id IN (SELECT mentorship_id FROM round_pairs WHERE round_id = \(bind: round))"
                people = people + """
                     AND (e.person_id IN (SELECT mentee_id FROM round_pairs WHERE round_id = \(bind: round))
                     OR e.person_id IN (SELECT mentor_id FROM round_pairs WHERE round_id = \(bind: round)))
                    """
            }
        } else {
            // Site-wide, every member is a participant (not an erased account: it has no profile left); their role is
            // what they do in mentorships (mentoring 2 + mentored 1, each looked up once).
            people = """
                SELECT u.id AS id, CASE CASE WHEN EXISTS (SELECT 1 FROM mentorships x WHERE x.mentor_id = u.id) THEN 2 ELSE 0 END
                  + CASE WHEN EXISTS (SELECT 1 FROM mentorships y WHERE y.mentee_id = u.id) THEN 1 ELSE 0 END
                  WHEN 3 THEN 'both' WHEN 2 THEN 'mentor' WHEN 1 THEN 'mentee' ELSE 'member' END AS role,
                  u.created_at AS since, u.joined_at AS joined_at FROM users u
                WHERE EXISTS (SELECT 1 FROM profiles pr WHERE pr.id = u.id)
                """
            mentorships = "SELECT m.* FROM mentorships m"
        }
        return "WITH \(unsafeRaw: recursive ? "RECURSIVE " : "")people AS (\(people)), ms AS (\(mentorships))"
    }

    /// Where a participant's first sign-in is read from: the `people` view itself site-wide (it is the users table),
    /// the users table for a program's enrolments.
    var joinedAt: (join: String, column: String) {
        program == nil ? ("", "p.joined_at") : ("JOIN users u ON u.id = p.id", "u.joined_at")
    }

    /// `column` falls in the scope's months.
    func within(_ column: String) -> SQLQueryString {
        var condition: SQLQueryString = "1 = 1"
        if let from { condition = condition + " AND \(unsafeRaw: column) >= \(bind: from)" }
        if let until { condition = condition + " AND \(unsafeRaw: column) < \(bind: until)" }
        return condition
    }
}

/// The SQL that differs between SQLite (times as Unix seconds) and PostgreSQL (timestamptz).
struct DashboardDialect {
    let postgres: Bool

    /// Seconds since 1970 of a time column.
    func epoch(_ column: String) -> String { postgres ? "CAST(EXTRACT(EPOCH FROM \(column)) AS DOUBLE PRECISION)" : column }

    /// "YYYY-MM" of a time column, in UTC.
    func month(_ column: String) -> String {
        postgres ? "to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM')" : "strftime('%Y-%m', \(column), 'unixepoch')"
    }

}
