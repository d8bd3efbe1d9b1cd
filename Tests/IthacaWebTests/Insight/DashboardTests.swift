import Foundation
import HTTPTypes
import HummingbirdTesting
import IthacaStorage
@testable import IthacaWeb
import SQLKit
import Testing

/// Program health dashboards: figures equal hand-computed values, anything about fewer than 5 people (or that would
/// give such a figure back) is "fewer than 5" / null, and no private words reach any admin page, CSV or API answer.
@Suite struct DashboardTests {
    static let header = "email,name,organisation,team,title,manager email,role,skills,goals,time zone,capacity\n"
    static let markers = ["PRIVATE-NOTE-MARKER", "SHARED-NOTE-MARKER", "MESSAGE-MARKER", "FEEDBACK-COMMENT-MARKER", "RETRO-WELL-MARKER",
                          "RETRO-LEARNED-MARKER", "RETRO-NEXT-MARKER", "END-REASON-MARKER", "Anonymous Asker Zq"]

    /// The seeded program and who is in it.
    struct Seeded {
        let admin: (id: String, token: String)
        let programAdmin: (id: String, token: String)
        let program: String
        let ids: [String: UUID]
    }

    /// 12 mentees (m0…m11) and 6 mentors (t0…t5) enrolled ten days ago; 7 joined, 6 invited; 7 matched 1–7 days
    /// after enrolling (3 active, 3 completed, 1 ended); meetings, feedback, requests, goals and posts as listed below,
    /// and a marker string in every private field.
    func seed(_ browser: TestBrowser) async throws -> Seeded {
        let admin = try await member(browser, "Site Admin", "admin@example.com")
        let programAdmin = try await member(browser, "Pat Admin", "pat@example.com")
        let created = try await browser.json(.post, "/api/v1/programs", ["name": "Health check", "startDate": "2026-11-01", "endDate": "2027-06-30",
                                                                         "adminIds": [programAdmin.id], "matchingMode": "rounds"], token: admin.token)
        let program = try #require(created.object["id"] as? String, "\(created.text)")
        var csv = Self.header
        for i in 0..<12 { csv += "m\(i)@example.com,Mentee \(i),Northwind,,Engineer,,mentee,Swift,Grow,Europe/London,\n" }
        for i in 0..<6 { csv += "t\(i)@example.com,Mentor \(i),Helios,,Staff Engineer,,mentor,Swift,,Europe/Paris,2\n" }
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(programAdmin.token)"
        headers[.contentType] = "text/csv"
        #expect(try await browser.request(.post, "/api/v1/programs/\(program)/imports", headers: headers, body: csv).status == .ok)
        let anonymous = try await member(browser, "Anonymous Asker Zq", "anon@example.com")
        let zed = try await member(browser, "Zed Outside", "zed@example.com")

        let sql = try #require(browser.services.database.db as? any SQLDatabase)
        var ids: [String: UUID] = [:]
        for row in try await sql.raw("SELECT id, email FROM users").all() {
            ids[String(try row.decode(column: "email", as: String.self).split(separator: "@")[0])] = try row.decode(column: "id", as: UUID.self)
        }
        let programId = try #require(UUID(uuidString: program))
        let now = browser.services.configuration.clock.now(), day = 86_400.0
        let t0 = now.addingTimeInterval(-10 * day)
        try await sql.raw("UPDATE enrolments SET created_at = \(bind: t0) WHERE program_id = \(bind: programId)").run()
        let joined = ["t0", "t1", "t2", "t3", "t4", "t5", "m11"].map { ids[$0]! }
        try await sql.raw("UPDATE users SET joined_at = \(bind: t0) WHERE id IN (\(binds: joined))").run()
        let invite = ["m0", "m1", "m2", "m3", "m4", "m5"].map { ids[$0]!.uuidString.lowercased() }
        #expect(try await browser.json(.post, "/api/v1/programs/\(program)/invitations", ["people": invite], token: programAdmin.token).status == .ok)

        // mentorships: mentee, mentor, status, days after enrolment
        let pairs: [(String, String, String, Double)] = [
            ("m0", "t0", "active", 1), ("m1", "t1", "active", 2), ("m2", "t2", "active", 3), ("m3", "t3", "completed", 4),
            ("m4", "t4", "completed", 5), ("m5", "t5", "completed", 6), ("m6", "t0", "ended", 7),
        ]
        var mentorships: [String: UUID] = [:]
        for (mentee, mentor, status, after) in pairs {
            mentorships[mentee] = try await Self.mentorship(sql, mentee: ids[mentee]!, mentor: ids[mentor]!, status: status,
                                                             at: t0.addingTimeInterval(after * day), program: programId)
        }
        // m3 pays it forward outside the program
        _ = try await Self.mentorship(sql, mentee: ids["zed"]!, mentor: ids["m3"]!, status: "active", at: now.addingTimeInterval(-day), program: nil)
        // meetings: held m0 ×2, m1 ×2, m2, m3, m4; one late cancellation (m0)
        var meetings: [String: UUID] = [:]
        for (mentee, mentor, status, offset) in [("m0", "t0", "held", 2.0), ("m0", "t0", "held", 3), ("m1", "t1", "held", 3), ("m1", "t1", "held", 4),
                                                 ("m2", "t2", "held", 4), ("m3", "t3", "held", 5), ("m4", "t4", "held", 6), ("m0", "t0", "cancelledLate", 7)] {
            let id = UUID()
            meetings[mentee] = meetings[mentee] ?? id
            let start = t0.addingTimeInterval(offset * day)
            try await sql.raw("""
                INSERT INTO meetings (id, mentorship_id, mentor_id, mentee_id, booked_by, start_at, end_at, agenda, status, sequence, created_at, updated_at)
                VALUES (\(bind: id), \(bind: mentorships[mentee]!), \(bind: ids[mentor]!), \(bind: ids[mentee]!), \(bind: ids[mentee]!), \(bind: start),
                \(bind: start.addingTimeInterval(1_800)), 'Agenda', \(bind: status), 0, \(bind: start), \(bind: start))
                """).run()
        }
        // feedback: five mentees rate 5, 4, 4, 3, 5 (average 4.2); one mentor rates 2
        for (author, useful) in [("m0", 5), ("m1", 4), ("m2", 4), ("m3", 3), ("m4", 5), ("t0", 2)] {
            let meeting = meetings[author] ?? meetings["m0"]!
            try await sql.raw("""
                INSERT INTO meeting_feedback (id, meeting_id, author_id, useful, comment, created_at)
                VALUES (\(bind: UUID()), \(bind: meeting), \(bind: ids[author]!), \(bind: useful), 'FEEDBACK-COMMENT-MARKER', \(bind: now))
                """).run()
        }
        // requests to each mentor, answered after 2, 4 … 12 hours (median 7); one to t0 expired
        for (index, mentor) in ["t0", "t1", "t2", "t3", "t4", "t5"].enumerated() {
            let asked = t0.addingTimeInterval(day)
            try await Self.request(sql, mentee: ids["m\(index)"]!, mentor: ids[mentor]!, status: "accepted", at: asked,
                                   answered: asked.addingTimeInterval(Double(index + 1) * 2 * 3_600))
        }
        try await Self.request(sql, mentee: ids["m9"]!, mentor: ids["t0"]!, status: "expired", at: t0.addingTimeInterval(day), answered: nil)
        // goals: m0…m5 one each; m0…m4 with a milestone done; m0 achieved
        for index in 0..<6 {
            let milestones = index < 5 ? "[{\"id\":\"A\",\"done\":true,\"title\":\"Step\"}]" : "[{\"id\":\"A\",\"done\":false,\"title\":\"Step\"}]"
            try await sql.raw("""
                INSERT INTO goals (id, owner_id, mentorship_id, title, milestones, marked_achieved, share_with_manager, created_at, updated_at)
                VALUES (\(bind: UUID()), \(bind: ids["m\(index)"]!), NULL, 'Goal', \(bind: milestones), \(bind: index == 0), \(bind: false), \(bind: now), \(bind: now))
                """).run()
        }
        // private words in every private field, and an anonymous question
        let mentorship = mentorships["m0"]!
        for (shared, body) in [(false, "PRIVATE-NOTE-MARKER"), (true, "SHARED-NOTE-MARKER")] {
            try await sql.raw("""
                INSERT INTO mentorship_notes (id, mentorship_id, meeting_id, author_id, shared, body, created_at)
                VALUES (\(bind: UUID()), \(bind: mentorship), NULL, \(bind: ids["m0"]!), \(bind: shared), \(bind: body), \(bind: now))
                """).run()
        }
        try await sql.raw("""
            INSERT INTO mentorship_messages (id, mentorship_id, author_id, body, created_at)
            VALUES (\(bind: UUID()), \(bind: mentorship), \(bind: ids["t0"]!), 'MESSAGE-MARKER', \(bind: now))
            """).run()
        try await sql.raw("""
            INSERT INTO mentorship_retrospectives (id, mentorship_id, author_id, went_well, learned, next, created_at)
            VALUES (\(bind: UUID()), \(bind: mentorships["m3"]!), \(bind: ids["m3"]!), 'RETRO-WELL-MARKER', 'RETRO-LEARNED-MARKER', 'RETRO-NEXT-MARKER', \(bind: now))
            """).run()
        let space = try #require((try await browser.json(.post, "/api/v1/spaces/career-growth/join", token: anonymous.token)).object["id"] as? String)
        #expect(try await browser.json(.post, "/api/v1/spaces/\(space)/questions", ["title": "A question I'd rather ask without my name",
                                                                                       "anonymous": true], token: anonymous.token).status == .created)
        _ = zed
        return Seeded(admin: admin, programAdmin: programAdmin, program: program, ids: ids)
    }

    static func mentorship(_ sql: any SQLDatabase, mentee: UUID, mentor: UUID, status: String, at: Date, program: UUID?) async throws -> UUID {
        let request = UUID(), id = UUID()
        try await sql.raw("""
            INSERT INTO mentorship_requests (id, mentee_id, mentor_id, goal, focus, message, status, created_at)
            VALUES (\(bind: request), \(bind: mentee), \(bind: mentor), 'Goal', 'leadership', '', 'accepted', \(bind: at))
            """).run()
        let closed: Date? = ["completed", "ended"].contains(status) ? at.addingTimeInterval(3_600) : nil
        try await sql.raw("""
            INSERT INTO mentorships (id, request_id, mentee_id, mentor_id, status, focus, agreement_terms, agreement_version, acknowledged_by,
            created_at, updated_at, closed_at, end_reason, program_id)
            VALUES (\(bind: id), \(bind: request), \(bind: mentee), \(bind: mentor), \(bind: status), 'leadership', '{}', 1, '[]', \(bind: at), \(bind: at),
            \(bind: closed), \(bind: status == "ended" ? "END-REASON-MARKER" : nil), \(bind: program))
            """).run()
        return id
    }

    static func request(_ sql: any SQLDatabase, mentee: UUID, mentor: UUID, status: String, at: Date, answered: Date?) async throws {
        try await sql.raw("""
            INSERT INTO mentorship_requests (id, mentee_id, mentor_id, goal, focus, message, status, created_at, answered_at)
            VALUES (\(bind: UUID()), \(bind: mentee), \(bind: mentor), 'Goal', 'leadership', '', \(bind: status), \(bind: at), \(bind: answered))
            """).run()
    }

    /// key → (value, suppressed) from the API.
    func figures(_ response: TestResponse) -> [String: (value: Double?, suppressed: Bool)] {
        var result: [String: (Double?, Bool)] = [:]
        for table in response.object["tables"] as? [[String: Any]] ?? [] {
            for figure in table["figures"] as? [[String: Any]] ?? [] {
                let value = (figure["value"] as? NSNumber)?.doubleValue
                result[figure["key"] as? String ?? ""] = (value, figure["suppressed"] as? Bool ?? false)
            }
        }
        return result
    }

    @Test(arguments: TestDatabase.all)
    func programFiguresEqualTheHandCountAndSmallCellsAreSuppressed(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let seeded = try await seed(browser)
            let response = try await browser.json(.get, "/api/v1/programs/\(seeded.program)/dashboard", token: seeded.programAdmin.token)
            #expect(response.status == .ok, "\(response.text)")
            let f = figures(response)
            func shown(_ key: String, _ expected: Double, sourceLocation: SourceLocation = #_sourceLocation) {
                #expect(f[key]?.suppressed == false && abs((f[key]?.value ?? -1) - expected) < 0.0001, "\(key): \(String(describing: f[key]))",
                        sourceLocation: sourceLocation)
            }
            func hidden(_ key: String, sourceLocation: SourceLocation = #_sourceLocation) {
                #expect(f[key]?.suppressed == true && f[key]?.value == nil, "\(key): \(String(describing: f[key]))", sourceLocation: sourceLocation)
            }
            // participants: 18 = 12 mentees + 6 mentors; 7 joined, 6 invited, 5 neither
            shown("participants", 18); shown("role_mentee", 12); shown("role_mentor", 6)
            shown("joined", 7); shown("invited", 6); shown("not_invited", 5)
            // matching: 7 of 12 matched after 1…7 days (median 4), 5 waiting
            shown("mentees", 12); shown("matched", 7); shown("waiting", 5); shown("match_rate", 7.0 / 12); shown("median_days_to_match", 4)
            // mentorships and meetings: 3 active (6 people); 7 held by 10 people over 6 running pairs in one month; 1 late cancellation
            shown("active_mentorships", 3); shown("meetings_held", 7); shown("meetings_per_pair_month", 7.0 / 6); hidden("late_cancellations")
            shown("no_shows", 0)
            // requests: the 7 the matches came from and 7 more; 6 answered by 6 mentors, median 7 hours; the 1 expired is hidden
            shown("requests", 14); shown("answered", 6); shown("median_hours_to_answer", 7); hidden("expired")
            // feedback: five mentees average 4.2; one mentor's rating is hidden
            shown("usefulness_from_mentees", 4.2); shown("mentees_giving_feedback", 5); hidden("usefulness_from_mentors"); hidden("mentors_giving_feedback")
            // goals: 6 set, 5 with progress, the 1 achieved hidden
            shown("goals", 6); shown("goals_with_progress", 5); hidden("goals_achieved")
            // outcomes: 3 completed + 1 ended is 4 closed: all hidden, rate too; of 6 mentored, 1 pays it forward: hidden, and
            // so is "not mentoring yet", else 6 − 5 would give the 1 back
            hidden("closed"); hidden("completed"); hidden("ended_early"); hidden("completion_rate")
            shown("mentored", 6); hidden("paying_forward"); hidden("not_yet_mentoring"); hidden("pay_it_forward_rate")
            hidden("longest_lineage")
            // nobody in circles or posting
            shown("circles", 0); shown("questions", 0)
            // the trend: seven matches in November 2026, by 13 people
            let trends = response.object["trends"] as? [[String: Any]] ?? []
            let matches = (trends.first { $0["id"] as? String == "matches" }?["months"] as? [[String: Any]]) ?? []
            #expect(matches.count == 1 && matches.first?["month"] as? String == "2026-11" && matches.first?["value"] as? Int == 7, "\(matches)")
            // suppressed values are present as null, not left out
            #expect(response.text.contains("\"value\" : null") || response.text.contains("\"value\":null"), "\(response.text.prefix(400))")

            // the page says the same, with charts that explain themselves
            let pages = browser.fresh()
            _ = try await pages.signIn(email: "pat@example.com", password: "a long passphrase here")
            let page = try await pages.get("/programs/\(seeded.program)/dashboard")
            #expect(page.status == .ok)
            #expect(page.text.contains("<th scope=\"row\">Match rate</th><td class=\"number\">58%</td>"))
            #expect(page.text.contains("<th scope=\"row\">Late cancellations</th><td class=\"number suppressed\">fewer than 5</td>"))
            #expect(page.text.contains("<title id=\"chart-matches-title\">") && page.text.contains("<desc id=\"chart-matches-desc\">"))
            let csv = try await pages.get("/programs/\(seeded.program)/dashboard.csv?table=matching")
            #expect(csv.status == .ok && csv.text.contains("match_rate,Match rate,0.5833,percent,false"), "\(csv.text)")
            #expect(try await pages.get("/programs/\(seeded.program)/dashboard.csv?table=nonsense").status == .badRequest)

            // a month with nothing in it counts nothing; a cohort filter narrows to one round's pairs
            let october = figures(try await browser.json(.get, "/api/v1/programs/\(seeded.program)/dashboard?from=2026-10&to=2026-10",
                                                         token: seeded.programAdmin.token))
            #expect(october["meetings_held"]?.value == 0 && october["requests"]?.value == 0)
            #expect(try await browser.json(.get, "/api/v1/programs/\(seeded.program)/dashboard?from=March", token: seeded.programAdmin.token)
                .status == .badRequest)
            #expect(try await browser.json(.get, "/api/v1/programs/\(seeded.program)/dashboard?round=\(UUID().uuidString)", token: seeded.programAdmin.token)
                .status == .badRequest)

            // members and other programs' admins are told there is nothing here
            let outsider = try await member(browser, "Olly Outsider", "olly@example.com")
            #expect(try await browser.json(.get, "/api/v1/programs/\(seeded.program)/dashboard", token: outsider.token).status == .notFound)
            #expect(try await browser.json(.get, "/api/v1/dashboard", token: seeded.programAdmin.token).status == .notFound)
            #expect(try await pages.get("/dashboard").status == .notFound)
            // the site admin sees the site
            let site = try await browser.json(.get, "/api/v1/dashboard", token: seeded.admin.token)
            #expect(site.status == .ok && figures(site)["participants"]?.value == 23, "\(site.text.prefix(300))")
        }
    }

    /// The longest lineage is walked only from mentees who mentor in turn: single pairs are chains of two, a chain of six
    /// with a side branch is six people long, and a loop never counts more people than there are.
    @Test(arguments: TestDatabase.all)
    func theLongestLineageFollowsMenteesWhoMentorInTurn(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let admin = try await member(browser, "Site Admin", "admin@example.com")
            let created = try await browser.json(.post, "/api/v1/programs", ["name": "Lineage", "startDate": "2026-11-01", "endDate": "2027-06-30",
                                                                             "matchingMode": "rounds"], token: admin.token)
            let program = try #require(created.object["id"] as? String, "\(created.text)")
            var csv = Self.header
            for i in 0..<9 { csv += "p\(i)@example.com,Person \(i),Northwind,,Engineer,,mentor,Swift,,Europe/London,2\n" }
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(admin.token)"
            headers[.contentType] = "text/csv"
            #expect(try await browser.request(.post, "/api/v1/programs/\(program)/imports", headers: headers, body: csv).status == .ok)
            let sql = try #require(browser.services.database.db as? any SQLDatabase)
            var ids: [String: UUID] = [:]
            for row in try await sql.raw("SELECT id, email FROM users").all() {
                ids[String(try row.decode(column: "email", as: String.self).split(separator: "@")[0])] = try row.decode(column: "id", as: UUID.self)
            }
            let programId = try #require(UUID(uuidString: program)), now = browser.services.configuration.clock.now()
            func longest() async throws -> Double? {
                figures(try await browser.json(.get, "/api/v1/programs/\(program)/dashboard", token: admin.token))["longest_lineage"]?.value
            }
            // two single pairs: chains of two (about fewer than 5 people: hidden)
            for (mentor, mentee) in [("p7", "p8"), ("p0", "p1")] {
                _ = try await Self.mentorship(sql, mentee: ids[mentee]!, mentor: ids[mentor]!, status: "active", at: now, program: programId)
            }
            #expect(try await longest() == nil)
            // p0 → p1 → p2 → p3 → p4 → p5, p2 → p6 on the side, one ended pair p6 → p7 not counted
            for (mentor, mentee, status) in [("p1", "p2", "completed"), ("p2", "p3", "active"), ("p3", "p4", "active"), ("p4", "p5", "paused"),
                                             ("p2", "p6", "active"), ("p6", "p7", "ended")] {
                _ = try await Self.mentorship(sql, mentee: ids[mentee]!, mentor: ids[mentor]!, status: status, at: now, program: programId)
            }
            #expect(try await longest() == 6)
            // p5 → p0 closes a loop: the longest chain without repeating anyone is p3 → p4 → p5 → p0 → p1 → p2 → p6 (7);
            // the walk goes round the loop, but never counts more people than it reached (8: p0 … p6 and who started it)
            _ = try await Self.mentorship(sql, mentee: ids["p0"]!, mentor: ids["p5"]!, status: "active", at: now, program: programId)
            let value = try await longest()
            #expect(value.map { (7...8).contains($0) } == true, "\(String(describing: value))")
        }
    }

    @Test(arguments: TestDatabase.all)
    func noPrivateWordsReachAnyAdminPageExportOrAPIAnswer(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let seeded = try await seed(browser)
            let round = try await browser.json(.post, "/api/v1/programs/\(seeded.program)/rounds", [:], token: seeded.programAdmin.token)
            let roundId = try #require(round.object["id"] as? String, "\(round.text)")
            let site = browser.fresh()
            _ = try await site.signIn(email: "admin@example.com", password: "a long passphrase here")
            let program = seeded.program
            var pages = ["/dashboard", "/programs/\(program)/dashboard", "/programs/\(program)/dashboard?round=\(roundId)", "/admin/audit",
                         "/admin/audit.csv", "/lineage", "/programs", "/programs/\(program)", "/programs/\(program)/admin", "/rounds/\(roundId)",
                         "/programs/\(program)/invitations.csv", "/moderation", "/admin/invitations", "/people", "/"]
            for table in ["participants", "matching", "activity", "requests", "feedback", "goals", "outcomes", "community",
                          "trend-matches", "trend-meetings", "trend-posts"] {
                pages += ["/dashboard.csv?table=\(table)", "/programs/\(program)/dashboard.csv?table=\(table)"]
            }
            for path in pages {
                let response = try await site.get(path)
                #expect(response.status == .ok, "\(path): \(response.status)")
                // the directory lists every member by name (as a member, not as the asker of anything)
                for marker in Self.markers where !(path == "/people" && marker == "Anonymous Asker Zq") {
                    #expect(!response.text.contains(marker), "\(marker) on \(path)")
                }
            }
            for path in ["/api/v1/dashboard", "/api/v1/programs/\(program)/dashboard", "/api/v1/admin/audit-log", "/api/v1/lineage",
                         "/api/v1/rounds/\(roundId)", "/api/v1/programs/\(program)/enrolments", "/api/v1/programs/\(program)/invitations",
                         "/api/v1/moderation/log"] {
                let response = try await browser.json(.get, path, token: seeded.admin.token)
                #expect(response.status == .ok, "\(path): \(response.status)")
                for marker in Self.markers { #expect(!response.text.contains(marker), "\(marker) in \(path)") }
            }
        }
    }
}
