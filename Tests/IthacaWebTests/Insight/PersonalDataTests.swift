import Foundation
import IthacaTestSupport
import HTTPTypes
import HummingbirdTesting
import IthacaStorage
import NIOCore
@testable import IthacaWeb
import SQLKit
import Testing
import ZIPFoundation

/// A member's own data: the export holds every kind of it (and nobody else's private notes); deleting the account
/// leaves no trace of their private words in the database and keeps the other person's.
@Suite struct PersonalDataTests {
    /// Ada's words, one per kind of her data.
    static let adaMarkers = ["ADA-BIO-MARKER", "ADA-PRIVATE-NOTE-MARKER", "ADA-SHARED-NOTE-MARKER", "ADA-MESSAGE-MARKER", "ADA-AGENDA-MARKER",
                             "ADA-FEEDBACK-MARKER", "ADA-GOAL-MARKER", "ADA-QUESTION-MARKER", "ADA-ENROLMENT-MARKER", "ADA-RETRO-MARKER"]
    /// Ada's private words that erasure must remove from the database (her question and its title stay, as a former member's).
    static let adaPrivate = ["ADA-BIO-MARKER", "ADA-PRIVATE-NOTE-MARKER", "ADA-SHARED-NOTE-MARKER", "ADA-MESSAGE-MARKER",
                             "ADA-FEEDBACK-MARKER", "ADA-GOAL-MARKER", "ADA-ENROLMENT-MARKER", "ADA-RETRO-MARKER", "ada@example.com"]

    struct Seeded {
        let pair: MentorshipFixture
        let question: String
        /// A meeting still to come, booked by Ada.
        let meeting: String
    }

    /// Grace mentors Ada; each writes in every place there is, and Grace keeps a private note of her own.
    func seed(_ browser: TestBrowser) async throws -> Seeded {
        let pair = try await makeMentorship(browser)
        let (ada, grace) = (pair.mentee.token, pair.mentor.token)
        #expect(try await browser.json(.patch, "/api/v1/me", ["bio": "ADA-BIO-MARKER"], token: ada).status == .ok)
        for (body, shared, token) in [("ADA-PRIVATE-NOTE-MARKER", false, ada), ("ADA-SHARED-NOTE-MARKER", true, ada), ("GRACE-PRIVATE-NOTE-MARKER", false, grace)] {
            #expect(try await browser.json(.post, "/api/v1/mentorships/\(pair.id)/notes", ["body": body, "shared": shared], token: token).status == .created)
        }
        for (body, token) in [("ADA-MESSAGE-MARKER", ada), ("GRACE-MESSAGE-MARKER", grace)] {
            #expect(try await browser.json(.post, "/api/v1/mentorships/\(pair.id)/messages", ["body": body], token: token).status == .created)
        }
        let slot = try #require(try await freeSlots(browser, pair).first)
        let meeting = try #require(try await book(browser, pair, slot, agenda: "ADA-AGENDA-MARKER").object["id"] as? String)
        let sql = try #require(browser.services.database.db as? any SQLDatabase)
        for (author, comment) in [(pair.mentee.id, "ADA-FEEDBACK-MARKER"), (pair.mentor.id, "GRACE-FEEDBACK-MARKER")] {
            try await sql.raw("""
                INSERT INTO meeting_feedback (id, meeting_id, author_id, useful, comment, created_at)
                VALUES (\(bind: UUID()), \(bind: UUID(uuidString: meeting)!), \(bind: UUID(uuidString: author)!), 4, \(bind: comment), \(bind: Date()))
                """).run()
        }
        try await sql.raw("""
            INSERT INTO mentorship_retrospectives (id, mentorship_id, author_id, went_well, learned, next, created_at)
            VALUES (\(bind: UUID()), \(bind: UUID(uuidString: pair.id)!), \(bind: UUID(uuidString: pair.mentee.id)!), 'ADA-RETRO-MARKER', 'x', 'y', \(bind: Date()))
            """).run()
        #expect(try await browser.json(.post, "/api/v1/me/goals", ["title": "ADA-GOAL-MARKER", "milestones": ["First step"]], token: ada).status == .created)
        try await browser.json(.post, "/api/v1/spaces/career-growth/join", token: ada)
        let asked = try await browser.json(.post, "/api/v1/spaces/career-growth/questions", ["title": "ADA-QUESTION-MARKER: how do I start?"], token: ada)
        let question = try #require(asked.object["id"] as? String, "\(asked.text)")
        let program = try await browser.json(.post, "/api/v1/programs", ["name": "Spring", "startDate": "2027-01-04", "endDate": "2027-06-30"], token: grace)
        let programId = try #require(program.object["id"] as? String, "\(program.text)")
        #expect(try await browser.json(.post, "/api/v1/programs/\(programId)/enrolments", ["role": "mentee", "goals": "ADA-ENROLMENT-MARKER"], token: ada)
            .status == .created)
        return Seeded(pair: pair, question: question, meeting: meeting)
    }

    func export(_ browser: TestBrowser, _ token: String) async throws -> [String: String] {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(token)"
        let response = try await browser.request(.get, "/api/v1/me/export", headers: headers)
        #expect(response.status == .ok && response.header("Content-Type") == "application/zip")
        let archive = try Archive(data: Data(response.body.readableBytesView), accessMode: .read)
        var files: [String: String] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            files[String(entry.path.split(separator: "/").last ?? "")] = String(decoding: data, as: UTF8.self)
        }
        return files
    }

    @Test(arguments: TestDatabase.all)
    func theExportHoldsEveryKindOfTheirDataAndNoOneElsesPrivateNotes(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let seeded = try await seed(browser)
            let files = try await export(browser, seeded.pair.mentee.token)
            // one file per kind, each valid JSON, plus the calendar and a README
            for name in ["account.json", "profile.json", "requests.json", "mentorships.json", "notes.json", "messages.json", "meetings.json",
                         "feedback.json", "goals.json", "questions.json", "enrolments.json", "calendar.ics", "README.txt"] {
                #expect(files[name] != nil, "\(name)")
            }
            for (name, text) in files where name.hasSuffix(".json") {
                #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8))) is [Any], "\(name) is a JSON array")
            }
            let everything = files.values.joined(separator: "\n")
            for marker in Self.adaMarkers { #expect(everything.contains(marker), "\(marker)") }
            // what Grace sent Ada and said of their meeting is Ada's too; Grace's private note is not
            #expect(files["messages.json"]?.contains("GRACE-MESSAGE-MARKER") == true)
            #expect(files["feedback.json"]?.contains("GRACE-FEEDBACK-MARKER") == true)
            #expect(!everything.contains("GRACE-PRIVATE-NOTE-MARKER"))
            #expect(files["calendar.ics"]?.contains("BEGIN:VCALENDAR") == true && files["calendar.ics"]?.contains("BEGIN:VEVENT") == true)
            #expect(files["mentorships.json"]?.contains("\"agreement_terms\"") == true)
            // signed-out visitors get nothing; the page offers the download
            #expect(try await browser.fresh().get("/api/v1/me/export").status == .unauthorized)
            _ = try await browser.signIn(email: "ada@example.com", password: "a long passphrase here")
            let page = try await browser.get("/settings/export")
            #expect(page.status == .ok && page.header("Content-Disposition")?.contains("attachment") == true && Array(page.body.readableBytesView).starts(with: [0x50, 0x4B]))
        }
    }

    @Test(arguments: TestDatabase.all)
    func erasureLeavesNoTraceOfTheirPrivateWordsAndKeepsTheOtherSides(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let seeded = try await seed(browser)
            let (ada, grace, mentorship) = (seeded.pair.mentee.token, seeded.pair.mentor.token, seeded.pair.id)
            // a wrong password deletes nothing
            let wrong = try await browser.json(.delete, "/api/v1/me", ["password": "not my password"], token: ada)
            #expect(wrong.status == .unprocessableContent && wrong.text.contains("nothing was deleted"))
            let tokenOnly = try await browser.json(.delete, "/api/v1/me", token: ada)
            #expect((400..<500).contains(tokenOnly.status.code), "a token alone is not enough: \(tokenOnly.status)")
            #expect(try await browser.json(.get, "/api/v1/me", token: ada).status == .ok)

            // when Ada deletes her account
            #expect(try await browser.json(.delete, "/api/v1/me", ["password": "a long passphrase here"], token: ada).status == .noContent)

            // then nothing she wrote in confidence is left anywhere in the database
            let leftovers = try await Self.search(browser.services.database, for: Self.adaPrivate)
            #expect(leftovers.isEmpty, "\(leftovers)")
            #expect(try await Self.search(browser.services.database, for: ["GRACE-PRIVATE-NOTE-MARKER"]).count == 1)

            // their meeting to come leaves Grace's calendar too: cancelled, and Grace is sent the cancellation
            let meetings = try await browser.json(.get, "/api/v1/mentorships/\(mentorship)/meetings", token: grace)
            #expect((meetings.object["items"] as? [[String: Any]])?.first { $0["id"] as? String == seeded.meeting }?["status"] as? String == "cancelled",
                    "\(meetings.text)")
            let cancellations = try await browser.emails(to: "grace@example.com").filter { $0.kind == "meeting_cancelled" }.map { EmailText.decoded($0.message) }
            #expect(cancellations.count == 1 && cancellations.allSatisfy {
                $0.contains("METHOD:CANCEL") && $0.contains("UID:\(seeded.meeting.lowercased())@ithaca") && $0.contains("deleted their Ithaca account")
            }, "\(cancellations)")
            #expect(try await browser.emails(to: "ada@example.com").filter { $0.kind == "meeting_cancelled" }.isEmpty, "nothing is sent to an erased account")

            // her way in is gone and her email is free
            #expect(try await browser.json(.get, "/api/v1/me", token: ada).status == .unauthorized)
            #expect(try await browser.fresh().signIn(email: "ada@example.com", password: "a long passphrase here").status != .seeOther)
            let again = try await browser.json(.post, "/api/v1/accounts", ["email": "ada@example.com", "password": "a brand new passphrase", "name": "Ada Again"])
            #expect(again.status == .created, "\(again.text)")
            // the mentorship ended, and Grace was told; Grace's own note stays, Ada's words are gone from it
            let ended = try await browser.json(.get, "/api/v1/mentorships/\(mentorship)", token: grace)
            #expect(ended.object["status"] as? String == "ended", "\(ended.text)")
            let inbox = try await browser.json(.get, "/api/v1/notifications", token: grace).object["items"] as? [[String: Any]] ?? []
            #expect(inbox.contains { ($0["text"] as? String)?.contains("deleted their Ithaca account") == true })
            let notes = try await browser.json(.get, "/api/v1/mentorships/\(mentorship)/notes", token: grace).text
            #expect(notes.contains("GRACE-PRIVATE-NOTE-MARKER") && !notes.contains("ADA-SHARED-NOTE-MARKER"))
            let messages = try await browser.json(.get, "/api/v1/mentorships/\(mentorship)/messages", token: grace).text
            #expect(messages.contains("GRACE-MESSAGE-MARKER") && !messages.contains("ADA-MESSAGE-MARKER"))
            // her question stays, as a former member's
            let question = try await browser.json(.get, "/api/v1/questions/\(seeded.question)", token: grace)
            #expect(question.status == .ok && question.text.contains("ADA-QUESTION-MARKER") && !question.text.contains("Ada Mentee"), "\(question.text)")
            // and the audit log says an account was erased
            let log = try await browser.json(.get, "/api/v1/admin/audit-log?action=account.erased", token: grace)
            #expect((log.object["items"] as? [[String: Any]])?.count == 1, "\(log.text)")

        }
    }

    @Test(arguments: TestDatabase.all)
    func theSettingsPageDeletesAfterAConfirmationThatSaysWhatToFix(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withTestApp(database, clock: clock) { browser in
            _ = try await member(browser, "Site Admin", "admin@example.com")
            _ = try await member(browser, "Ada Mentee", "ada@example.com")
            _ = try await browser.signIn(email: "ada@example.com", password: "a long passphrase here")
            #expect(try await browser.get("/settings").text.contains("href=\"/settings/delete\""))
            let page = try await browser.get("/settings/delete")
            #expect(page.status == .ok && page.text.contains("you signed in a moment ago"))
            // without the box ticked nothing happens, and the page says what to fix
            let unticked = try await browser.postForm("/settings/delete", ["password": "a long passphrase here"])
            #expect(unticked.status == .unprocessableContent && unticked.text.contains("Tick the box"))
            // a sign-in older than ten minutes needs the password
            clock.advance(by: 11 * 60)
            let stale = try await browser.postForm("/settings/delete", ["confirm": "delete"])
            #expect(stale.status == .unprocessableContent && stale.text.contains("Type your password"))
            let deleted = try await browser.postForm("/settings/delete", ["confirm": "delete", "password": "a long passphrase here"])
            #expect(deleted.status == .seeOther && deleted.header("Location") == "/")
            #expect(try await browser.get("/settings").status == .seeOther, "signed out")
            // the only site admin cannot leave the site without one
            let admin = browser.fresh()
            _ = try await admin.signIn(email: "admin@example.com", password: "a long passphrase here")
            let refused = try await admin.postForm("/settings/delete", ["confirm": "delete", "password": "a long passphrase here"])
            #expect(refused.status == .conflict, "\(refused.status)")
        }
    }

    /// The markers still stored. SQLite: the bytes of the database file and its write-ahead log (deleted rows must
    /// be overwritten, not left in free pages). PostgreSQL: every text column of every table.
    static func search(_ database: IthacaDatabase, for markers: [String]) async throws -> [String] {
        switch database.location {
        case .sqlite(let path):
            try await database.checkpoint()
            var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            bytes.append((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
            return markers.filter { bytes.range(of: Data($0.utf8)) != nil }
        case .postgres:
            let sql = try #require(database.db as? any SQLDatabase)
            let columns = try await sql.raw("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')
                """).all().map { (try $0.decode(column: "table_name", as: String.self), try $0.decode(column: "column_name", as: String.self)) }
            var found: [String] = []
            for marker in markers {
                for (table, column) in columns {
                    let hit = try await sql.raw("""
                        SELECT 1 AS hit FROM \(ident: table) WHERE CAST(\(ident: column) AS TEXT) LIKE \(bind: "%" + marker + "%") LIMIT 1
                        """).first()
                    if hit != nil { found.append("\(marker) in \(table).\(column)") }
                }
            }
            return found
        }
    }
}
