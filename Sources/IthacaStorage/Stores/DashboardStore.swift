import FluentKit
import Foundation
import IthacaDomain
import SQLKit

/// The program-health dashboard's figures, each panel one SQL statement of aggregates over the scope's people and
/// mentorships (no row per person leaves the database, and no text column is ever read).
public struct DashboardStore: Sendable {
    let database: IthacaDatabase
    /// The event loop (and so the connection) this store's reads go to, when panels are spread over them.
    let lane: Int?

    public init(database: IthacaDatabase, lane: Int? = nil) {
        self.database = database
        self.lane = lane
    }

    /// How many lanes reads can be spread over.
    public var lanes: Int { database.readerLanes }

    /// The same store reading on `lane`.
    public func on(lane: Int) -> DashboardStore { DashboardStore(database: database, lane: lane) }

    var dialect: DashboardDialect { DashboardDialect(postgres: !database.isSQLite) }
    var sql: any SQLDatabase { (lane.map { database.reader(lane: $0) } ?? database.db).sql }

    // Membership is tested with EXISTS on the `people` view (an index lookup per activity row) rather than
    // `IN (SELECT id FROM people)`, which would walk every participant into each activity table.

    /// The lower middle and upper middle of `values` (a CTE with one column `w`), as a left-joined subquery `mid`.
    static func middle(of values: String) -> String {
        "LEFT JOIN (SELECT w FROM \(values) ORDER BY w LIMIT 2 OFFSET (SELECT (COUNT(*) - 1) / 2 FROM \(values))) mid ON 1 = 1"
    }

    /// The median from the one or two middle rows, given how many values there were.
    static func median(_ rows: [any SQLRow], count: Int) throws -> Double? {
        let middle = try rows.compactMap { try $0.decode(column: "w", as: Double?.self) }
        guard count > 0, let first = middle.first else { return nil }
        return count % 2 == 1 || middle.count < 2 ? first : (first + middle[1]) / 2
    }

    /// How many different people the query `ids` (one column, `id`) names, counted only up to the small-cell
    /// threshold: the figures these counts guard are hidden below it and shown at or above it, so telling 5 from
    /// 50,000 is wasted work (and the scan stops at the fifth person instead of sorting every id).
    static func people(_ ids: String) -> String {
        "(SELECT COUNT(*) FROM (SELECT DISTINCT id FROM (\(ids)) ids LIMIT \(SmallCellRule.minimumPeople)) firsts)"
    }

    /// Both sides of the pairs in `table` (with `mentee_id` and `mentor_id`) that meet `condition`, as `people(_:)`.
    static func pairPeople(_ table: String, _ condition: String) -> String {
        people("SELECT mentee_id AS id FROM \(table) WHERE \(condition) UNION ALL SELECT mentor_id FROM \(table) WHERE \(condition)")
    }

    public func participants(_ scope: DashboardScope) async throws -> DashboardCounts.Participants {
        var result = DashboardCounts.Participants()
        let joined = scope.joinedAt
        for row in try await sql.raw("""
            \(scope.tables()) SELECT p.role AS role, COUNT(*) AS n,
            SUM(CASE WHEN \(unsafeRaw: joined.column) IS NOT NULL THEN 1 ELSE 0 END) AS joined,
            SUM(CASE WHEN \(unsafeRaw: joined.column) IS NULL AND EXISTS (SELECT 1 FROM invitations i WHERE i.person_id = p.id) THEN 1 ELSE 0 END) AS invited
            FROM people p \(unsafeRaw: joined.join) GROUP BY p.role
            """).all() {
            result.byRole[try row.decode(column: "role", as: String.self), default: 0] += try row.decode(column: "n", as: Int.self)
            result.joined += try row.decode(column: "joined", as: Int?.self) ?? 0
            result.invited += try row.decode(column: "invited", as: Int?.self) ?? 0
        }
        return result
    }

    public func matching(_ scope: DashboardScope) async throws -> DashboardCounts.Matching {
        let rows = try await sql.raw("""
            \(scope.tables()), mentees AS MATERIALIZED (SELECT p.id, p.since FROM people p WHERE p.role IN ('mentee', 'both') AND \(scope.within("p.since"))),
            firsts AS MATERIALIZED (SELECT mt.since AS since, f.first_match AS matched_at FROM mentees mt
              LEFT JOIN (SELECT mentee_id, MIN(created_at) AS first_match FROM ms GROUP BY mentee_id) f ON f.mentee_id = mt.id),
            waits AS MATERIALIZED (SELECT \(unsafeRaw: dialect.epoch("matched_at")) - \(unsafeRaw: dialect.epoch("since")) AS w FROM firsts
              WHERE matched_at IS NOT NULL AND matched_at >= since)
            SELECT (SELECT COUNT(*) FROM mentees) AS mentees, (SELECT COUNT(*) FROM firsts WHERE matched_at IS NOT NULL) AS matched,
            (SELECT COUNT(*) FROM waits) AS timed, mid.w AS w
            FROM (SELECT 1 AS one) t \(unsafeRaw: Self.middle(of: "waits"))
            """).all()
        guard let first = rows.first else { return .init() }
        let timed = try first.decode(column: "timed", as: Int.self)
        return .init(
            mentees: try first.decode(column: "mentees", as: Int.self), matched: try first.decode(column: "matched", as: Int.self),
            timedMatches: timed, medianSecondsToMatch: try Self.median(rows, count: timed))
    }

    public func activity(_ scope: DashboardScope, now: Date) async throws -> DashboardCounts.Activity {
        let until = scope.until ?? now
        var stillOpen: SQLQueryString = ""
        if let from = scope.from { stillOpen = "AND (closed_at IS NULL OR closed_at >= \(bind: from))" }
        // Each source is listed once (the counts in one pass of conditional sums); the people behind each count are
        // only counted up to the threshold that decides whether it is shown.
        let rows = try await sql.raw("""
            \(scope.tables()),
            met AS MATERIALIZED (SELECT mt.mentee_id AS mentee_id, mt.mentor_id AS mentor_id,
              CASE WHEN mt.status IN ('noShowMentor', 'noShowMentee') THEN 'noShow' ELSE mt.status END AS kind
              FROM meetings mt JOIN ms ON ms.id = mt.mentorship_id WHERE \(scope.within("mt.start_at"))),
            pairs AS MATERIALIZED (SELECT mentee_id, mentor_id, CASE WHEN status = 'active' THEN 'active' ELSE 'other' END AS kind,
              \(unsafeRaw: dialect.epoch("created_at")) AS started FROM ms
              WHERE status IN ('active', 'paused', 'completed') AND created_at < \(bind: until) \(stillOpen))
            SELECT m.held, m.late, m.missed, p.active, p.running, p.first_start,
            \(unsafeRaw: Self.pairPeople("met", "kind = 'held'")) AS held_people,
            \(unsafeRaw: Self.pairPeople("met", "kind = 'cancelledLate'")) AS late_people,
            \(unsafeRaw: Self.pairPeople("met", "kind = 'noShow'")) AS missed_people,
            \(unsafeRaw: Self.pairPeople("pairs", "kind = 'active'")) AS active_people,
            \(unsafeRaw: Self.pairPeople("pairs", "1 = 1")) AS running_people
            FROM (SELECT SUM(CASE WHEN kind = 'held' THEN 1 ELSE 0 END) AS held, SUM(CASE WHEN kind = 'cancelledLate' THEN 1 ELSE 0 END) AS late,
              SUM(CASE WHEN kind = 'noShow' THEN 1 ELSE 0 END) AS missed FROM met) m,
            (SELECT SUM(CASE WHEN kind = 'active' THEN 1 ELSE 0 END) AS active, COUNT(*) AS running, MIN(started) AS first_start FROM pairs) p
            """).first()
        var result = DashboardCounts.Activity()
        func count(_ column: String) throws -> Int { try rows?.decode(column: column, as: Int?.self) ?? 0 }
        (result.heldMeetings, result.heldPeople) = (try count("held"), try count("held_people"))
        (result.lateCancellations, result.lateCancellingPeople) = (try count("late"), try count("late_people"))
        (result.noShows, result.noShowPeople) = (try count("missed"), try count("missed_people"))
        (result.activeMentorships, result.activePeople) = (try count("active"), try count("active_people"))
        (result.runningPairs, result.runningPeople) = (try count("running"), try count("running_people"))
        let firstStart = try rows?.decode(column: "first_start", as: Double?.self)
        let start = scope.from?.timeIntervalSince1970 ?? firstStart ?? until.timeIntervalSince1970
        result.months = max(1, (until.timeIntervalSince1970 - start) / (365.25 / 12 * 86_400))
        return result
    }

    public func requests(_ scope: DashboardScope) async throws -> DashboardCounts.Requests {
        let rows = try await sql.raw("""
            \(scope.tables()), rq AS MATERIALIZED (SELECT r.mentor_id AS mentor_id, r.status AS status,
              \(unsafeRaw: dialect.epoch("r.answered_at")) - \(unsafeRaw: dialect.epoch("r.created_at")) AS wait
              FROM mentorship_requests r WHERE EXISTS (SELECT 1 FROM people pp WHERE pp.id = r.mentor_id)
              AND EXISTS (SELECT 1 FROM people pp WHERE pp.id = r.mentee_id) AND \(scope.within("r.created_at"))),
            waits AS MATERIALIZED (SELECT wait AS w FROM rq WHERE wait IS NOT NULL)
            SELECT c.requests, c.answered, c.expired,
            \(unsafeRaw: Self.people("SELECT mentor_id AS id FROM rq WHERE wait IS NOT NULL")) AS answering,
            \(unsafeRaw: Self.people("SELECT mentor_id AS id FROM rq WHERE status = 'expired'")) AS expiring, mid.w AS w
            FROM (SELECT COUNT(*) AS requests, COUNT(wait) AS answered, SUM(CASE WHEN status = 'expired' THEN 1 ELSE 0 END) AS expired FROM rq) c
            \(unsafeRaw: Self.middle(of: "waits"))
            """).all()
        guard let first = rows.first else { return .init() }
        let answered = try first.decode(column: "answered", as: Int.self)
        return .init(
            requests: try first.decode(column: "requests", as: Int.self), answered: answered,
            answeringMentors: try first.decode(column: "answering", as: Int.self), medianSecondsToAnswer: try Self.median(rows, count: answered),
            expired: try first.decode(column: "expired", as: Int?.self) ?? 0, mentorsWhoLetExpire: try first.decode(column: "expiring", as: Int.self))
    }

    public func feedback(_ scope: DashboardScope) async throws -> DashboardCounts.Feedback {
        var result = DashboardCounts.Feedback()
        for row in try await sql.raw("""
            \(scope.tables()), fb AS MATERIALIZED (SELECT f.useful AS useful, f.author_id AS author_id,
              CASE WHEN f.author_id = mt.mentee_id THEN 'mentee' ELSE 'mentor' END AS side
              FROM meeting_feedback f JOIN meetings mt ON mt.id = f.meeting_id JOIN ms ON ms.id = mt.mentorship_id WHERE \(scope.within("mt.start_at")))
            SELECT side, AVG(CAST(useful AS DOUBLE PRECISION)) AS average, COUNT(DISTINCT author_id) AS authors FROM fb GROUP BY side
            """).all() {
            let average = try row.decode(column: "average", as: Double?.self), authors = try row.decode(column: "authors", as: Int.self)
            if try row.decode(column: "side", as: String.self) == "mentee" {
                (result.fromMentees, result.menteeAuthors) = (average, authors)
            } else {
                (result.fromMentors, result.mentorAuthors) = (average, authors)
            }
        }
        return result
    }

    public func goals(_ scope: DashboardScope) async throws -> DashboardCounts.Goals {
        // progress: 2 achieved, 1 a milestone done, 0 neither
        guard let row = try await sql.raw("""
            \(scope.tables()), g AS MATERIALIZED (SELECT owner_id,
              CASE WHEN marked_achieved = true THEN 2 WHEN milestones LIKE '%"done":true%' THEN 1 ELSE 0 END AS progress FROM goals
              WHERE EXISTS (SELECT 1 FROM people pp WHERE pp.id = owner_id) AND \(scope.within("created_at")))
            SELECT c.goals, c.progressing, c.achieved, \(unsafeRaw: Self.people("SELECT owner_id AS id FROM g")) AS owners,
            \(unsafeRaw: Self.people("SELECT owner_id AS id FROM g WHERE progress > 0")) AS progressing_owners,
            \(unsafeRaw: Self.people("SELECT owner_id AS id FROM g WHERE progress = 2")) AS achieving_owners
            FROM (SELECT COUNT(*) AS goals, SUM(CASE WHEN progress > 0 THEN 1 ELSE 0 END) AS progressing,
              SUM(CASE WHEN progress = 2 THEN 1 ELSE 0 END) AS achieved FROM g) c
            """).first() else { return .init() }
        return .init(
            goals: try row.decode(column: "goals", as: Int.self), owners: try row.decode(column: "owners", as: Int.self),
            withProgress: try row.decode(column: "progressing", as: Int?.self) ?? 0, progressOwners: try row.decode(column: "progressing_owners", as: Int.self),
            achieved: try row.decode(column: "achieved", as: Int?.self) ?? 0, achievingOwners: try row.decode(column: "achieving_owners", as: Int.self))
    }

    public func outcomes(_ scope: DashboardScope) async throws -> DashboardCounts.Outcomes {
        let lasting = "status IN ('active', 'paused', 'completed')"
        // A chain of two is any edge; longer ones are walked only from mentees who mentor in turn. A loop (someone
        // mentoring their mentor's mentor) would walk round to the depth limit: no chain has more people than the walk
        // reached, so that is its bound.
        guard let row = try await sql.raw("""
            \(scope.tables(recursive: true)),
            edges AS MATERIALIZED (SELECT m.mentor_id, m.mentee_id FROM mentorships m WHERE m.\(unsafeRaw: lasting) AND m.mentor_id <> m.mentee_id
              AND EXISTS (SELECT 1 FROM people pp WHERE pp.id = m.mentor_id) AND EXISTS (SELECT 1 FROM people pp WHERE pp.id = m.mentee_id)),
            chain (id, depth) AS (SELECT e.mentee_id, 2 FROM edges e WHERE EXISTS (SELECT 1 FROM edges onward WHERE onward.mentor_id = e.mentee_id)
              UNION SELECT e.mentee_id, c.depth + 1 FROM edges e JOIN chain c ON e.mentor_id = c.id WHERE c.depth < 64)
            SELECT (SELECT COUNT(*) FROM ms WHERE status = 'completed' AND \(scope.within("closed_at"))) AS completed,
            (SELECT COUNT(*) FROM ms WHERE status = 'ended' AND \(scope.within("closed_at"))) AS ended,
            (SELECT COUNT(DISTINCT mentee_id) FROM ms WHERE \(unsafeRaw: lasting) AND \(scope.within("created_at"))) AS mentees,
            (SELECT COUNT(DISTINCT ms.mentee_id) FROM ms WHERE ms.\(unsafeRaw: lasting) AND \(scope.within("ms.created_at"))
              AND EXISTS (SELECT 1 FROM mentorships later WHERE later.mentor_id = ms.mentee_id AND later.\(unsafeRaw: lasting)
              AND later.created_at > ms.created_at)) AS paying,
            COALESCE((SELECT CASE WHEN MAX(depth) > COUNT(DISTINCT id) + 1 THEN COUNT(DISTINCT id) + 1 ELSE MAX(depth) END FROM chain),
              (SELECT 2 FROM edges LIMIT 1), 0) AS longest
            """).first() else { return .init() }
        return .init(
            completed: try row.decode(column: "completed", as: Int.self), ended: try row.decode(column: "ended", as: Int.self),
            mentees: try row.decode(column: "mentees", as: Int.self), payingForward: try row.decode(column: "paying", as: Int.self),
            longestChain: try row.decode(column: "longest", as: Int?.self) ?? 0)
    }

    public func community(_ scope: DashboardScope) async throws -> DashboardCounts.Community {
        let mine = "EXISTS (SELECT 1 FROM people pp WHERE pp.id = author_id)"
        guard let row = try await sql.raw("""
            \(scope.tables()),
            posts AS MATERIALIZED (SELECT author_id FROM questions WHERE \(unsafeRaw: mine) AND \(scope.within("created_at"))
              UNION ALL SELECT author_id FROM answers WHERE \(unsafeRaw: mine) AND \(scope.within("created_at"))
              UNION ALL SELECT author_id FROM comments WHERE \(unsafeRaw: mine) AND \(scope.within("created_at")))
            SELECT (SELECT COUNT(DISTINCT circle_id) FROM circle_members WHERE status = 'member' AND EXISTS (SELECT 1 FROM people pp WHERE pp.id = person_id)) AS circles,
            (SELECT COUNT(DISTINCT person_id) FROM circle_members WHERE status = 'member' AND EXISTS (SELECT 1 FROM people pp WHERE pp.id = person_id)) AS circle_people,
            (SELECT COUNT(*) FROM questions WHERE \(unsafeRaw: mine) AND \(scope.within("created_at"))) AS questions,
            (SELECT COUNT(*) FROM answers WHERE \(unsafeRaw: mine) AND \(scope.within("created_at"))) AS answers,
            (SELECT COUNT(*) FROM comments WHERE \(unsafeRaw: mine) AND \(scope.within("created_at"))) AS comments,
            (SELECT COUNT(DISTINCT author_id) FROM posts) AS authors
            """).first() else { return .init() }
        return .init(
            circles: try row.decode(column: "circles", as: Int.self), circlePeople: try row.decode(column: "circle_people", as: Int.self),
            questions: try row.decode(column: "questions", as: Int.self), answers: try row.decode(column: "answers", as: Int.self),
            comments: try row.decode(column: "comments", as: Int.self), authors: try row.decode(column: "authors", as: Int.self))
    }

    /// Matches, meetings held and community posts per month (UTC), each month with the people behind it.
    public func trends(_ scope: DashboardScope) async throws -> DashboardCounts.Trends {
        func months(_ query: SQLQueryString) async throws -> [DashboardCounts.Month] {
            try await sql.raw(query).all().map {
                .init(month: try $0.decode(column: "month", as: String.self), count: try $0.decode(column: "n", as: Int.self),
                      people: try $0.decode(column: "people", as: Int.self))
            }
        }
        let matchMonth = dialect.month("created_at"), meetingMonth = dialect.month("mt.start_at"), postMonth = dialect.month("created_at")
        let mine = "EXISTS (SELECT 1 FROM people pp WHERE pp.id = author_id)"
        return .init(
            matches: try await months("""
                \(scope.tables()) SELECT \(unsafeRaw: matchMonth) AS month, COUNT(*) AS n,
                COUNT(DISTINCT mentee_id) + COUNT(DISTINCT mentor_id) AS people FROM ms WHERE \(scope.within("created_at")) GROUP BY 1 ORDER BY 1
                """),
            meetingsHeld: try await months("""
                \(scope.tables()) SELECT \(unsafeRaw: meetingMonth) AS month, COUNT(*) AS n,
                COUNT(DISTINCT mt.mentee_id) + COUNT(DISTINCT mt.mentor_id) AS people
                FROM meetings mt JOIN ms ON ms.id = mt.mentorship_id WHERE mt.status = 'held' AND \(scope.within("mt.start_at")) GROUP BY 1 ORDER BY 1
                """),
            posts: try await months("""
                \(scope.tables()), posts AS MATERIALIZED (SELECT author_id, created_at FROM questions WHERE \(unsafeRaw: mine) AND \(scope.within("created_at"))
                  UNION ALL SELECT author_id, created_at FROM answers WHERE \(unsafeRaw: mine) AND \(scope.within("created_at"))
                  UNION ALL SELECT author_id, created_at FROM comments WHERE \(unsafeRaw: mine) AND \(scope.within("created_at")))
                SELECT \(unsafeRaw: postMonth) AS month, COUNT(*) AS n, COUNT(DISTINCT author_id) AS people FROM posts GROUP BY 1 ORDER BY 1
                """))
    }
}
