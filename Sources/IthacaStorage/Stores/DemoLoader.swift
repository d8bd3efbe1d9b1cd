import FluentKit
import Foundation
import IthacaDomain
import SQLKit

/// Loads the demo community, the mentoring going on in it and its question-and-answer spaces, into a database. Idempotent: a database that already has the demo admin is left alone.
public struct DemoLoader: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    /// Returns how many people were added (0 when the demo was already there).
    @discardableResult
    public func load(people: [DemoPerson], passwordHash: String, now: Date) async throws -> Int {
        try await database.criticalSection(key: LockKeys.demo) { db in
            let emails = people.map(\.email)
            if try await UserRecord.query(on: db).filter(\.$email ~~ emails).count() > 0 { return 0 }
            var ids: [Int: UUID] = [:]
            for person in people { ids[person.key] = UUID() }
            let users = people.map {
                UserRecord(id: ids[$0.key]!, email: $0.email, passwordHash: passwordHash,
                           role: $0.isAdmin ? .admin : .member, now: now)
            }
            try await users.create(on: db)
            let profiles = people.map { person -> ProfileRecord in
                var profile = person.profile
                profile.managerId = person.managerKey.flatMap { ids[$0] }
                return ProfileRecord(userId: ids[person.key]!, profile: profile, now: now)
            }
            try await profiles.create(on: db)
            let zones = Dictionary(uniqueKeysWithValues: people.map { ($0.key, $0.profile.timeZone) })
            try await DemoMentoringWriter(db: db, ids: ids, zones: zones, now: now).write(DemoMentoring.plan(for: people))
            try await DemoProgramsWriter(db: db, ids: ids, now: now)
                .write(people: people, showcaseMentee: "tesfaye.alemu@northwind.example", showcaseMentor: "ana.parata@helioshealth.example")
            try await DemoChallengesWriter(db: db, ids: ids, now: now).write(people: people, showcase: "tesfaye.alemu@northwind.example")
            try await DemoEventsWriter(db: db, ids: ids, now: now).write(people: people)
            try await DemoCirclesWriter(db: db, ids: ids, now: now).write(people: people, showcase: "tesfaye.alemu@northwind.example")
            try await DemoResourcesWriter(db: db, ids: ids, now: now).write(people: people, showcase: "tesfaye.alemu@northwind.example")
            try await DemoQuestionsWriter(db: db, isSQLite: database.isSQLite, ids: ids, now: now).write(DemoQuestions.generate(people: people))
            try await Self.reportOneAnswer(db, reporter: people.first { !$0.isAdmin }.flatMap { ids[$0.key] }, now: now)
            return people.count
        }
    }
    /// One open report, so the moderation page has something to show in the demo.
    static func reportOneAnswer(_ db: any Database, reporter: UUID?, now: Date) async throws {
        guard let reporter, let row = try await db.sql.raw("""
            SELECT a.id AS answer_id, a.question_id, q.space_id FROM answers a JOIN questions q ON q.id = a.question_id
            WHERE a.author_id <> \(bind: reporter) ORDER BY a.created_at DESC, a.id LIMIT 1
            """).first() else { return }
        _ = try await ModerationStore.insertReport(
            db, .answer, try row.decode(column: "answer_id", as: UUID.self), question: try row.decode(column: "question_id", as: UUID.self),
            space: try row.decode(column: "space_id", as: UUID.self), reporter: reporter,
            reason: "This reads like an advert for a paid course, not an answer.", now: now)
    }
}
