import FluentKit
import Foundation
import SQLKit

/// Mentoring activity for benchmarks, written in bulk: a program's matches with their requests, meetings, feedback
/// and goals, or a community's pay-it-forward lineage. Generated deterministically from the participants' order.
public struct BenchActivityWriter: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    static let requests = BulkInsert(table: "mentorship_requests", columns: [
        "id", "mentee_id", "mentor_id", "goal", "focus", "message", "status", "created_at", "closed_at", "answered_at",
    ])
    static let mentorships = BulkInsert(table: "mentorships", columns: [
        "id", "request_id", "mentee_id", "mentor_id", "status", "focus", "agreement_terms", "agreement_version", "acknowledged_by",
        "created_at", "updated_at", "closed_at", "program_id",
    ])
    static let meetings = BulkInsert(table: "meetings", columns: [
        "id", "mentorship_id", "mentor_id", "mentee_id", "booked_by", "start_at", "end_at", "agenda", "status", "sequence", "created_at", "updated_at",
    ])
    static let feedback = BulkInsert(table: "meeting_feedback", columns: ["id", "meeting_id", "author_id", "useful", "comment", "created_at"])
    static let goals = BulkInsert(table: "goals", columns: [
        "id", "owner_id", "mentorship_id", "title", "milestones", "marked_achieved", "share_with_manager", "created_at", "updated_at",
    ])

    /// What was written.
    public struct Written: Sendable {
        public var mentorships = 0, meetings = 0, feedback = 0, goals = 0
    }

    /// Two mentees in five matched with the program's mentors (round robin), each with three meetings, feedback on
    /// the held ones and a goal; statuses and times vary by position so every dashboard panel has something to count.
    public func program(_ program: UUID, now: Date) async throws -> Written {
        let sql = database.db.sql
        var mentees: [UUID] = [], mentors: [UUID] = []
        for row in try await sql.raw("SELECT person_id, role FROM enrolments WHERE program_id = \(bind: program) ORDER BY person_id").all() {
            let id = try row.decode(column: "person_id", as: UUID.self)
            if try row.decode(column: "role", as: String.self) == "mentor" { mentors.append(id) } else { mentees.append(id) }
        }
        guard !mentors.isEmpty else { return Written() }
        var requests: [[BulkValue]] = [], mentorships: [[BulkValue]] = [], meetings: [[BulkValue]] = [], feedback: [[BulkValue]] = []
        var goals: [[BulkValue]] = []
        let hour = 3_600.0, statuses = ["active", "active", "completed", "active", "ended", "completed", "paused", "active", "completed", "active"]
        for (index, mentee) in mentees.enumerated() where index % 5 < 2 {
            let mentor = mentors[index % mentors.count], request = UUID(), mentorship = UUID()
            let start = now.addingTimeInterval(-Double(90 - index % 80) * 24 * hour)
            let status = statuses[index % statuses.count]
            let closed: BulkValue = ["completed", "ended"].contains(status) ? .date(start.addingTimeInterval(60 * 24 * hour)) : .null
            requests.append([.uuid(request), .uuid(mentee), .uuid(mentor), .text("Grow"), .text("leadership"), .text(""), .text("accepted"),
                             .date(start.addingTimeInterval(-Double(index % 48) * hour)), .date(start), .date(start)])
            mentorships.append([.uuid(mentorship), .uuid(request), .uuid(mentee), .uuid(mentor), .text(status), .text("leadership"), .text("{}"),
                                .integer(1), .text("[]"), .date(start), .date(start), closed, .uuid(program)])
            for n in 0..<3 {
                let meeting = UUID(), at = start.addingTimeInterval(Double(n + 1) * 14 * 24 * hour + Double(index) * 60)
                let state = n < 2 ? "held" : ["cancelledLate", "noShowMentee", "scheduled", "cancelled"][index % 4]
                meetings.append([.uuid(meeting), .uuid(mentorship), .uuid(mentor), .uuid(mentee), .uuid(mentee), .date(at), .date(at.addingTimeInterval(1_800)),
                                 .text("Agenda"), .text(state), .integer(0), .date(at), .date(at)])
                if state == "held" {
                    feedback.append([.uuid(UUID()), .uuid(meeting), .uuid(mentee), .integer(3 + (index + n) % 3), .null, .date(at)])
                }
            }
            let done = index % 3 == 0
            goals.append([.uuid(UUID()), .uuid(mentee), .uuid(mentorship), .text("Goal"),
                          .text("[{\"id\":\"A\",\"done\":\(done),\"title\":\"Step\"}]"), .bool(index % 9 == 0), .bool(false), .date(start), .date(start)])
        }
        try await write([(Self.requests, requests), (Self.mentorships, mentorships), (Self.meetings, meetings), (Self.feedback, feedback),
                         (Self.goals, goals)])
        return Written(mentorships: mentorships.count, meetings: meetings.count, feedback: feedback.count, goals: goals.count)
    }

    /// A pay-it-forward lineage over `people` (in order): person i was mentored by person (i − 1) / 3, every twentieth
    /// also by a second mentor, and two mentees who later mentored their own mentor (cycles). Returns the edges written.
    public func lineage(_ people: [UUID], now: Date) async throws -> Int {
        var requests: [[BulkValue]] = [], mentorships: [[BulkValue]] = []
        func edge(_ mentor: UUID, _ mentee: UUID, _ index: Int) {
            let request = UUID(), at = now.addingTimeInterval(-Double(index % 700) * 3_600)
            let status = index % 4 == 0 ? "active" : "completed"
            requests.append([.uuid(request), .uuid(mentee), .uuid(mentor), .text("Grow"), .text("leadership"), .text(""), .text("accepted"),
                             .date(at), .date(at), .date(at)])
            mentorships.append([.uuid(UUID()), .uuid(request), .uuid(mentee), .uuid(mentor), .text(status), .text("leadership"), .text("{}"),
                                .integer(1), .text("[]"), .date(at), .date(at), status == "completed" ? .date(at) : .null, .null])
        }
        for index in people.indices.dropFirst() {
            edge(people[(index - 1) / 3], people[index], index)
            if index % 20 == 0, index > 40 { edge(people[(index - 1) / 3 - 1], people[index], index + 1) }
        }
        if people.count > 10 {
            edge(people[4], people[1], 2)
            edge(people[10], people[3], 3)
        }
        try await write([(Self.requests, requests), (Self.mentorships, mentorships)])
        return mentorships.count
    }

    private func write(_ tables: [(BulkInsert, [[BulkValue]])]) async throws {
        try await database.transaction { db in
            for (table, rows) in tables { try await table.run(rows, on: db) }
        }
    }
}
