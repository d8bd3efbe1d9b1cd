import Foundation
import HTTPTypes
import HummingbirdTesting
import IthacaStorage
@testable import IthacaWeb
import SQLKit
import Testing

/// The audit log: every admin action leaves exactly one entry (who, what, when, which object), entries page and
/// filter, never quote members' words, cannot be changed, and only site admins can read them.
@Suite struct AuditLogTests {
    static let header = "email,name,organisation,team,title,manager email,role,skills,goals,time zone,capacity\n"
    static let password = "a long passphrase here"

    func entries(_ browser: TestBrowser, _ token: String, _ query: String = "") async throws -> [[String: Any]] {
        var all: [[String: Any]] = []
        var cursor: String?
        repeat {
            let suffix = (query.isEmpty ? "?limit=4" : "?\(query)&limit=4") + (cursor.map { "&cursor=\($0)" } ?? "")
            let page = try await browser.json(.get, "/api/v1/admin/audit-log\(suffix)", token: token)
            #expect(page.status == .ok, "\(page.text)")
            all += page.object["items"] as? [[String: Any]] ?? []
            cursor = page.object["nextCursor"] as? String
        } while cursor != nil
        return all
    }

    @Test(arguments: TestDatabase.all)
    func everyAdminActionLeavesOneEntryAndOnlySiteAdminsReadThem(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given a site admin, a program admin and members
            let admin = try await member(browser, "Site Admin", "admin@example.com", password: Self.password)
            let ada = try await member(browser, "Ada Program", "ada@example.com", password: Self.password)
            let mona = try await member(browser, "Mona Moderator", "mona@example.com", password: Self.password)
            let troll = try await member(browser, "Tom Troll", "tom@example.com", password: Self.password)
            let grace = try await member(browser, "Grace Mentor", "grace@example.com", password: Self.password)
            try await browser.json(.patch, "/api/v1/me", ["openToMentoring": true, "mentorCapacity": 3], token: grace.token)

            // when they run a program from creation to publishing
            let created = try await browser.json(.post, "/api/v1/programs", [
                "name": "Spring cohort", "startDate": "2027-01-04", "endDate": "2027-06-30", "adminIds": [ada.id], "matchingMode": "rounds",
            ], token: admin.token)
            let program = try #require(created.object["id"] as? String, "\(created.text)")
            let details: [String: Any] = ["name": "Spring cohort 2027", "startDate": "2027-01-04", "endDate": "2027-06-30", "matchingMode": "rounds"]
            #expect(try await browser.json(.put, "/api/v1/programs/\(program)", details, token: ada.token).status == .ok)
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(ada.token)"
            headers[.contentType] = "text/csv"
            let csv = Self.header + """
                m1@example.com,Mia One,Northwind,,Engineer,,mentee,Swift,Grow SECRET-GOAL-MARKER,Europe/London,
                m2@example.com,Max Two,Northwind,,Engineer,,mentee,Go,Learn Go,Europe/London,
                t1@example.com,Tia Mentor,Helios,,Staff Engineer,,mentor,Swift;Go,,Europe/Paris,2
                """
            #expect(try await browser.request(.post, "/api/v1/programs/\(program)/imports", headers: headers, body: csv).status == .ok)
            #expect(try await browser.json(.post, "/api/v1/programs/\(program)/invitations", ["everyoneNotJoined": true], token: ada.token).status == .ok)
            let round = try await browser.json(.post, "/api/v1/programs/\(program)/rounds", [:], token: ada.token)
            let roundId = try #require(round.object["id"] as? String, "\(round.text)")
            let pair = try #require((round.object["pairs"] as? [[String: Any]])?.first { $0["mentorId"] is String })
            let rule = ["menteeId": pair["menteeId"] as? String ?? "", "mentorId": pair["mentorId"] as? String ?? ""]
            let pages = browser.fresh()
            _ = try await pages.signIn(email: "ada@example.com", password: Self.password)
            let pinned = try await pages.postForm("/rounds/\(roundId)/pin", rule)
            #expect(pinned.status == .seeOther)
            let pinnedRound = try #require(pinned.header("Location")?.split(separator: "/").last.map(String.init))
            let unpinned = try await pages.postForm("/rounds/\(pinnedRound)/unpin", rule)
            let unpinnedRound = try #require(unpinned.header("Location")?.split(separator: "/").last.map(String.init))
            let forbidden = try await pages.postForm("/rounds/\(unpinnedRound)/forbid", rule)
            let lastRound = try #require(forbidden.header("Location")?.split(separator: "/").last.map(String.init))
            #expect(try await browser.json(.post, "/api/v1/rounds/\(lastRound)/publish", token: ada.token).status == .ok)

            // and moderate the community
            let space = try await browser.json(.post, "/api/v1/spaces", ["name": "iOS", "description": "Apple platforms"], token: admin.token)
            let spaceId = try #require(space.object["id"] as? String)
            #expect(try await browser.json(.post, "/api/v1/spaces/\(spaceId)/moderators", ["personId": mona.id], token: admin.token).status == .noContent)
            for person in [ada, troll] { try await browser.json(.post, "/api/v1/spaces/\(spaceId)/join", token: person.token) }
            let question = try await browser.json(.post, "/api/v1/spaces/\(spaceId)/questions", ["title": "How do I learn SwiftUI quickly?"], token: ada.token)
            let qid = try #require(question.object["id"] as? String, "\(question.text)")
            let answer = try await browser.json(.post, "/api/v1/questions/\(qid)/answers", ["body": "Buy ANSWER-MARKER now"], token: troll.token)
            let aid = try #require(answer.object["id"] as? String)
            #expect(try await browser.json(.post, "/api/v1/moderation/hide", ["target": "answer", "id": aid, "reason": "HIDE-REASON-MARKER"],
                                           token: mona.token).status == .noContent)
            #expect(try await browser.json(.post, "/api/v1/moderation/restore", ["target": "answer", "id": aid], token: mona.token).status == .noContent)
            let report = try await browser.json(.post, "/api/v1/reports", ["target": "answer", "id": aid, "reason": "REPORT-MARKER"], token: ada.token)
            let reportId = try #require(report.object["id"] as? String, "\(report.text)")
            #expect(try await browser.json(.post, "/api/v1/reports/\(reportId)/dismiss", token: mona.token).status == .noContent)
            let asked = try await browser.json(.post, "/api/v1/mentorship-requests", ["mentorId": grace.id, "goal": "Something rude", "focus": "leadership"],
                                               token: troll.token)
            let request = try #require(asked.object["id"] as? String, "\(asked.text)")
            #expect(try await browser.json(.post, "/api/v1/mentorship-requests/\(request)/report", ["reason": "Abusive"], token: grace.token).status == .noContent)
            let site = browser.fresh()
            _ = try await site.signIn(email: "admin@example.com", password: Self.password)
            let moderation = try await site.get("/moderation").text
            let resolve = try #require(moderation.firstMatch(of: /\/moderation\/request-reports\/[0-9a-f-]+\/resolve/).map { String($0.output) })
            #expect(try await site.postForm(resolve, [:]).status == .seeOther)
            _ = try await AdminAccounts.makeAdmin(email: "grace@example.com", name: "Grace Mentor", database: browser.services.database)

            // then each action is in the log once, newest first, with who did it
            let log = try await entries(browser, admin.token)
            let counts = Dictionary(grouping: log, by: { $0["action"] as? String ?? "" }).mapValues(\.count)
            #expect(counts == [
                "program.created": 1, "role.program_admins": 1, "program.updated": 1, "participants.imported": 1, "invitations.sent": 1,
                "round.run": 1, "round.pinned": 1, "round.unpinned": 1, "round.forbidden": 1, "round.published": 1, "space.created": 1,
                "role.moderator": 1, "moderation.hidden": 1, "moderation.restored": 1, "moderation.dismissed": 1,
                "moderation.request_report_resolved": 1, "role.site_admin": 1,
            ], "\(counts)")
            #expect(Set(log.compactMap { $0["id"] as? String }).count == log.count)
            #expect(log.first?["action"] as? String == "role.site_admin" && log.first?["actor"] as? String == "Command line")
            let published = try #require(log.first { $0["action"] as? String == "round.published" })
            #expect(published["actorId"] as? String == ada.id.lowercased() && published["objectId"] as? String == lastRound.lowercased() && published["programId"] as? String == program.lowercased(), "\(published) \(lastRound)")
            // nothing quotes what people wrote
            let everything = try await browser.json(.get, "/api/v1/admin/audit-log?limit=200", token: admin.token).text
            for marker in ["SECRET-GOAL-MARKER", "ANSWER-MARKER", "HIDE-REASON-MARKER", "REPORT-MARKER", "Something rude", "Abusive"] {
                #expect(!everything.contains(marker), "\(marker)")
            }

            // filters narrow it; a bad filter says which parameter is wrong
            #expect(try await entries(browser, admin.token, "action=round.pinned").count == 1)
            #expect(try await entries(browser, admin.token, "programId=\(program)").count == 10)
            #expect(try await entries(browser, admin.token, "from=2020-01-01&to=2020-01-02").isEmpty)
            let wrong = try await browser.json(.get, "/api/v1/admin/audit-log?from=yesterday", token: admin.token)
            #expect(wrong.status == .badRequest && wrong.text.contains("YYYY-MM-DD"), "\(wrong.text)")

            // the page and the CSV show the same entries to site admins
            let page = try await site.get("/admin/audit")
            #expect(page.status == .ok && page.text.contains("Matching round published") && page.text.contains("Spring cohort 2027"))
            let filtered = try await site.get("/admin/audit?action=moderation.hidden")
            #expect(filtered.text.contains("<td>Post hidden</td>") && !filtered.text.contains("<td>Matching round published</td>"))
            let export = try await site.get("/admin/audit.csv")
            #expect(export.status == .ok && export.header("Content-Type")?.hasPrefix("text/csv") == true)
            #expect(export.text.split(whereSeparator: \.isNewline).count == log.count + 1 && !export.text.contains("HIDE-REASON-MARKER"), "\(export.text)")

            // everyone else is told there is nothing here, even a program admin
            #expect(try await browser.json(.get, "/api/v1/admin/audit-log", token: ada.token).status == .notFound)
            #expect(try await pages.get("/admin/audit").status == .notFound)
            #expect(try await pages.get("/admin/audit.csv").status == .notFound)
            #expect(try await browser.fresh().get("/admin/audit").status == .seeOther)

            // and the log cannot be rewritten, not even with SQL
            let sql = try #require(browser.services.database.db as? any SQLDatabase)
            await #expect(throws: (any Error).self) { try await sql.raw("UPDATE audit_log SET summary = 'rewritten'").run() }
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM audit_log").run() }
            #expect(try await entries(browser, admin.token).count == log.count)
        }
    }
}
