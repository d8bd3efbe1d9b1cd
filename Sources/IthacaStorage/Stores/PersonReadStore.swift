import Foundation
import IthacaDomain

/// A person as their profile (page and API) shows them, in four statements read straight from the driver's rows.
/// This is the site's most frequent read after the viewer itself: through Fluent models it took about ten queries
/// and most of its CPU went to decoding rows by reflection.
public struct PersonReadStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    public struct Person: Sendable {
        public var email: String
        public var profile: Profile
        /// Nil without a manager, or when the manager's profile is gone.
        public var managerName: String?
        /// Places this person's mentorships hold as their mentor.
        public var placesTaken: Int
        /// The people who report to them, ordered by name as the database orders text.
        public var reports: [(id: UUID, name: String)]
        /// Their mentors and direct mentees in the visible lineage (`LineageStore.edges`); a name is nil when the
        /// person has no profile any more.
        public var mentors: [(id: UUID, name: String?)]
        public var mentees: [(id: UUID, name: String?)]
        /// Everyone reached by walking down from them, direct mentees included.
        public var reached: Set<UUID>
        /// Approved endorsements, newest first, with their authors' names (nil when the author is gone).
        public var endorsements: [(author: String?, text: String)]
    }

    public func person(_ id: UUID) async throws -> Person? {
        let db = database.db
        let key = [BulkValue.uuid(id)]
        guard let row = try await Self.account.first(key, on: db) else { return nil }
        let (_, profile) = try ProfileColumns.profile(row)
        var person = Person(
            email: try row.text("email"), profile: profile, managerName: try row.optionalText("manager_name"),
            placesTaken: try row.integer("places_taken"), reports: [], mentors: [], mentees: [], reached: [], endorsements: [])
        // Most people have no reports, no mentoring history or no endorsements: the account row says which of the
        // three statements below have anything to read.
        if try row.bool("has_reports") {
            person.reports = try await ProfileStore(database: database).reports(of: id)
        }
        if try row.bool("in_lineage") {
            for row in try await Self.lineage.rows(key, on: db) {
                let other = try row.id("id")
                switch try row.text("kind") {
                case "mentor": person.mentors.append((other, try row.optionalText("name")))
                case "mentee": person.mentees.append((other, try row.optionalText("name")))
                default: person.reached.insert(other)
                }
            }
        }
        if try row.bool("endorsed") {
            person.endorsements = try await Self.endorsements.rows(key, on: db).map { (try $0.optionalText("author"), try $0.text("text")) }
        }
        return person
    }

    /// The account, its profile, the manager's name and the places held, in one row, with whether the person has
    /// reports, a mentoring lineage and approved endorsements (each an indexed lookup).
    static let account = DirectRead("""
        SELECT u.email, \(ProfileColumns.names.map { "p.\"\($0)\"" }.joined(separator: ", ")), m.name AS manager_name,
          (SELECT COUNT(*) FROM mentorships h WHERE h.mentor_id = p.id
             AND h.status IN (\(MentorshipStore.placeHoldingStatuses.map { "'\($0)'" }.joined(separator: ", ")))) AS places_taken,
          EXISTS (SELECT 1 FROM profiles r WHERE r.manager_id = p.id) AS has_reports,
          (EXISTS (SELECT 1 FROM mentorships l WHERE l.mentor_id = p.id AND l.status IN (\(LineageStore.edgeStatuses)))
           OR EXISTS (SELECT 1 FROM mentorships l WHERE l.mentee_id = p.id AND l.status IN (\(LineageStore.edgeStatuses)))) AS in_lineage,
          EXISTS (SELECT 1 FROM endorsements n WHERE n.mentee_id = p.id AND n.status = '\(EndorsementStatus.approved.rawValue)') AS endorsed
        FROM users u JOIN profiles p ON p.id = u.id LEFT JOIN profiles m ON m.id = p.manager_id
        WHERE u.id = $1
        """)

    /// Mentors, direct mentees and everyone reached below, tagged by `kind`; the walk's UNION keeps each person once,
    /// so it ends where the lineage loops back on itself.
    static let lineage = DirectRead("""
        WITH RECURSIVE \(LineageStore.edges),
        down (id) AS (
          SELECT mentee_id FROM edges WHERE mentor_id = $1
          UNION
          SELECT e.mentee_id FROM edges e JOIN down d ON e.mentor_id = d.id)
        SELECT 'mentor' AS kind, e.mentor_id AS id, p.name AS name FROM edges e LEFT JOIN profiles p ON p.id = e.mentor_id
          WHERE e.mentee_id = $1
        UNION ALL
        SELECT 'mentee', e.mentee_id, p.name FROM edges e LEFT JOIN profiles p ON p.id = e.mentee_id WHERE e.mentor_id = $1
        UNION ALL
        SELECT 'reached', d.id, NULL FROM down d
        """)

    static let endorsements = DirectRead("""
        SELECT p.name AS author, e.text FROM endorsements e LEFT JOIN profiles p ON p.id = e.mentor_id
        WHERE e.mentee_id = $1 AND e.status = '\(EndorsementStatus.approved.rawValue)'
        ORDER BY e.created_at DESC
        """)
}
