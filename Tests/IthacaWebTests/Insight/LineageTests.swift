import Foundation
import HTTPTypes
import HummingbirdTesting
import IthacaDomain
import IthacaStorage
@testable import IthacaWeb
import SQLKit
import Testing

/// The pay-it-forward web: reach walked in SQL agrees with the breadth-first walk, the page draws generations and
/// branches from active and finished mentorships only, shows no words, and leaves out people who hid their lineage.
@Suite struct LineageTests {
    /// A mentorship in `status` straight into the database (with the request it came from).
    static func mentorship(_ database: IthacaDatabase, mentor: UUID, mentee: UUID, status: String, focus: String = "leadership") async throws {
        let sql = try #require(database.db as? any SQLDatabase), now = Date(), request = UUID()
        try await sql.raw("""
            INSERT INTO mentorship_requests (id, mentee_id, mentor_id, goal, focus, message, status, created_at)
            VALUES (\(bind: request), \(bind: mentee), \(bind: mentor), 'A goal', \(bind: focus), 'PRIVATE-REQUEST-MARKER', 'accepted', \(bind: now))
            """).run()
        try await sql.raw("""
            INSERT INTO mentorships (id, request_id, mentee_id, mentor_id, status, focus, agreement_terms, agreement_version, acknowledged_by,
            created_at, updated_at, end_reason)
            VALUES (\(bind: UUID()), \(bind: request), \(bind: mentee), \(bind: mentor), \(bind: status), \(bind: focus), '{}', 1, '[]',
            \(bind: now), \(bind: now), 'END-REASON-MARKER')
            """).run()
    }

    func people(_ browser: TestBrowser, _ names: [String]) async throws -> [(id: UUID, token: String)] {
        var result: [(UUID, String)] = []
        for name in names {
            let made = try await member(browser, name, "\(name.lowercased())@example.com")
            result.append((try #require(UUID(uuidString: made.id)), made.token))
        }
        return result
    }

    @Test(arguments: TestDatabase.all)
    func reachWalkedInSQLEqualsTheBreadthFirstWalk(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given twelve people and a seeded tangle of mentorships in every state, with cycles and two-mentor people
            let people = try await people(browser, (0..<12).map { "Person\($0)" }).map(\.id)
            var random = SplitMix64(seed: 7)
            var counted: [MentoringEdge] = []
            for _ in 0..<30 {
                let mentor = people[Int(random.next() % 12)], mentee = people[Int(random.next() % 12)]
                guard mentor != mentee else { continue }
                let status = ["active", "completed", "paused", "ended", "proposed"][Int(random.next() % 5)]
                try await Self.mentorship(browser.services.database, mentor: mentor, mentee: mentee, status: status)
                if ["active", "completed", "paused"].contains(status) { counted.append(MentoringEdge(mentor: mentor, mentee: mentee)) }
            }
            // then every person's reach from recursive SQL (as their profile reads it) is the breadth-first walk over the
            // counted edges, and their mentors and mentees are the counted ones
            let viewer = Viewer(id: people[0], email: "person0@example.com", name: "Person0", role: .member)
            for person in people {
                let lineage = try await browser.services.profiles.person(person, viewer: viewer).lineage
                let walked = Lineage.reach(of: person, edges: counted)
                #expect(lineage.reach == walked)
                #expect(Set(lineage.mentoredBy.map(\.id)) == Lineage.mentors(of: person, edges: counted))
                #expect(Set(lineage.mentored.map(\.id)) == walked.direct)
                #expect(lineage.mentoredBy.map(\.name) == lineage.mentoredBy.map(\.name).sorted())
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func thePageDrawsGenerationsAndBranchesWithoutWordsAndLeavesOutWhoHidThemselves(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given Ana → Ben → Cy → Dee (a four-person chain), Eve also mentored Ben, Fay → Gus elsewhere, Hal ended early
            let p = try await people(browser, ["Ana", "Ben", "Cy", "Dee", "Eve", "Fay", "Gus", "Hal"])
            let db = browser.services.database
            for (mentor, mentee, status) in [(0, 1, "completed"), (1, 2, "completed"), (2, 3, "active"), (4, 1, "completed"),
                                             (5, 6, "active"), (7, 0, "ended"), (7, 5, "proposed")] {
                try await Self.mentorship(db, mentor: p[mentor].id, mentee: p[mentee].id, status: status, focus: "FOCUS-MARKER")
            }
            _ = try await browser.signIn(email: "gus@example.com", password: "a long passphrase here")

            // when a member opens the web
            let page = try await browser.get("/lineage")
            #expect(page.status == .ok)
            let html = page.text
            // then everyone in an active or finished mentorship is drawn and listed, Hal (ended, proposed) is not
            for name in ["Ana", "Ben", "Cy", "Dee", "Eve", "Fay", "Gus"] { #expect(html.contains(">\(name)<"), "\(name)") }
            #expect(!html.contains(">Hal<"))
            #expect(html.contains("<svg") && html.contains("aria-labelledby=\"lineage-title lineage-desc\""))
            #expect(html.contains("the longest chain is 4 people"), "the four-person chain is one chain")
            #expect(html.contains("class=\"lineage-outline\""))
            // the furthest reach comes first: Ana and Eve reach Ben, Cy and Dee
            let leaders = try #require(html.range(of: "Furthest reach")).upperBound
            let table = String(html[leaders...].prefix(3_000))
            #expect(table.firstRange(of: ">Ana<")!.lowerBound < table.firstRange(of: ">Fay<")!.lowerBound)
            // and nothing anyone wrote is on it
            for marker in ["FOCUS-MARKER", "PRIVATE-REQUEST-MARKER", "END-REASON-MARKER"] { #expect(!html.contains(marker)) }

            // a branch holds the people above and below, not the strangers
            let branch = try await browser.get("/lineage?person=\(p[2].id.uuidString.lowercased())")
            #expect(branch.status == .ok && branch.text.contains("Cy’s branch"))
            for name in ["Ana", "Ben", "Cy", "Dee", "Eve"] { #expect(branch.text.contains(">\(name)<"), "\(name)") }
            #expect(!branch.text.contains(">Fay<") && !branch.text.contains(">Gus<"))
            // profiles link to their branch
            #expect(try await browser.get("/people/\(p[2].id.uuidString.lowercased())").text.contains("/lineage?person="))

            // when Dee hides her lineage, she leaves the web and Cy's reach
            let dee = browser.fresh()
            _ = try await dee.signIn(email: "dee@example.com", password: "a long passphrase here")
            #expect(try await dee.postForm("/settings/lineage", ["visible": "0"]).status == .seeOther)
            #expect(try await dee.get("/settings").text.contains("Show my mentoring relationships"))
            #expect(!(try await browser.get("/lineage").text.contains(">Dee<")))
            #expect(try await browser.get("/lineage?person=\(p[3].id.uuidString.lowercased())").status == .notFound)
            let cy = try await browser.json(.get, "/api/v1/people/\(p[2].id.uuidString.lowercased())", token: p[6].token)
            #expect((cy.object["lineage"] as? [String: Any])?["reachTotal"] as? Int == 0, "\(cy.text)")
            // and comes back when she shows it again
            #expect(try await dee.postForm("/settings/lineage", ["visible": "1"]).status == .seeOther)
            #expect(try await browser.get("/lineage").text.contains(">Dee<"))

            // the API gives the same web, and the same switch
            let api = try await browser.json(.get, "/api/v1/lineage", token: p[6].token)
            #expect(api.object["people"] as? Int == 7 && api.object["longestChain"] as? Int == 4, "\(api.text)")
            let top = (api.object["leaders"] as? [[String: Any]])?.first
            #expect(["Ana", "Eve"].contains(top?["name"] as? String ?? "") && top?["total"] as? Int == 3, "\(api.text)")
            #expect((api.object["edges"] as? [Any])?.count == 5)
            #expect(try await browser.json(.put, "/api/v1/me/lineage", ["visible": false], token: p[5].token).object["visible"] as? Bool == false)
            #expect(try await browser.json(.get, "/api/v1/lineage", token: p[6].token).object["people"] as? Int == 5)
            #expect(try await browser.json(.get, "/api/v1/lineage?person=nobody", token: p[6].token).status == .notFound)

            // visitors are sent to sign in; a malformed or unknown person is not found
            #expect(try await browser.fresh().get("/lineage").status == .seeOther)
            #expect(try await browser.get("/lineage?person=nobody").status == .notFound)
            #expect(try await browser.get("/lineage?person=\(UUID().uuidString)").status == .notFound)
        }
    }
}
