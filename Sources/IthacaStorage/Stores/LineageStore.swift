import FluentKit
import Foundation
import IthacaDomain
import SQLKit

/// The pay-it-forward web as the database holds it: mentor → mentee edges of active, paused and completed
/// mentorships between people who have not hidden their lineage. Reach and branches are walked with recursive
/// queries, so a profile never loads the whole site's edges.
public struct LineageStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    /// The statuses of a mentorship that make it an edge, as SQL text.
    static let edgeStatuses = "'active', 'paused', 'completed'"

    /// The visible edges as a common table expression named `edges`.
    static let edges = """
        edges (mentor_id, mentee_id) AS (
          SELECT DISTINCT m.mentor_id, m.mentee_id FROM mentorships m
          WHERE m.status IN (\(edgeStatuses)) AND m.mentor_id <> m.mentee_id
          AND NOT EXISTS (SELECT 1 FROM lineage_opt_outs o WHERE o.person_id = m.mentor_id OR o.person_id = m.mentee_id))
        """

    /// The whole visible web with everyone's name: two queries however large it is.
    public func web() async throws -> LineageGraph {
        let sql = database.db.sql
        let edges = try await sql.raw("WITH \(unsafeRaw: Self.edges) SELECT mentor_id, mentee_id FROM edges").all().map(Self.edge)
        let people = try await sql.raw("""
            WITH \(unsafeRaw: Self.edges) SELECT p.id, p.name FROM profiles p
            WHERE p.id IN (SELECT mentor_id FROM edges) OR p.id IN (SELECT mentee_id FROM edges)
            """).all().map { LineagePerson(id: try $0.decode(column: "id", as: UUID.self), name: try $0.decode(column: "name", as: String.self)) }
        return LineageGraph(people: people, edges: edges)
    }

    /// The edges of `person`'s branch: everyone above them (their mentors, their mentors' mentors …) and below.
    public func branch(of person: UUID) async throws -> [MentoringEdge] {
        try await database.db.sql.raw("""
            WITH RECURSIVE \(unsafeRaw: Self.edges),
            down (id) AS (
              SELECT \(bind: person)
              UNION
              SELECT e.mentee_id FROM edges e JOIN down d ON e.mentor_id = d.id),
            up (id) AS (
              SELECT \(bind: person)
              UNION
              SELECT e.mentor_id FROM edges e JOIN up u ON e.mentee_id = u.id)
            SELECT e.mentor_id, e.mentee_id FROM edges e
            WHERE (e.mentor_id IN (SELECT id FROM down) AND e.mentee_id IN (SELECT id FROM down))
               OR (e.mentor_id IN (SELECT id FROM up) AND e.mentee_id IN (SELECT id FROM up))
            """).all().map(Self.edge)
    }

    /// Whether the person shows in the lineage (and their mentoring on profiles).
    public func isVisible(_ person: UUID) async throws -> Bool {
        try await database.db.sql.raw("SELECT 1 AS hidden FROM lineage_opt_outs WHERE person_id = \(bind: person)").first() == nil
    }

    public func setVisible(_ person: UUID, _ visible: Bool, now: Date) async throws {
        if visible {
            try await database.db.sql.raw("DELETE FROM lineage_opt_outs WHERE person_id = \(bind: person)").run()
        } else {
            try await database.db.sql.raw("""
                INSERT INTO lineage_opt_outs (id, person_id, created_at) VALUES (\(bind: UUID()), \(bind: person), \(bind: now))
                ON CONFLICT (person_id) DO NOTHING
                """).run()
        }
    }

    static func edge(_ row: any SQLRow) throws -> MentoringEdge {
        MentoringEdge(mentor: try row.decode(column: "mentor_id", as: UUID.self), mentee: try row.decode(column: "mentee_id", as: UUID.self))
    }
}
