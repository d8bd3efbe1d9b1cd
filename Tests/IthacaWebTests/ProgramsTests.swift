import IthacaWeb
import IthacaTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Programs end to end: creation, enrolment, participant import, recommendations, rounds, publishing, export.
@Suite struct ProgramsTests {
    static let header = "email,name,organisation,team,title,manager email,role,skills,goals,time zone,capacity\n"

    /// A 1:1 program made by the site admin (the first member), with its id.
    func program(_ browser: TestBrowser, admin: String, _ extra: [String: Any] = [:]) async throws -> String {
        var body: [String: Any] = ["name": "Spring cohort", "startDate": "2027-01-04", "endDate": "2027-06-30"]
        body.merge(extra) { _, new in new }
        let created = try await browser.json(.post, "/api/v1/programs", body, token: admin)
        #expect(created.status == .created, "\(created.text)")
        return try #require(created.object["id"] as? String)
    }

    func importCSV(_ browser: TestBrowser, _ program: String, _ csv: String, token: String, dryRun: Bool = false) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(token)"
        headers[.contentType] = "text/csv"
        return try await browser.request(.post, "/api/v1/programs/\(program)/imports\(dryRun ? "?dryRun=true" : "")", headers: headers, body: csv)
    }

    @Test(arguments: TestDatabase.all)
    func onlySiteAdminsCreateProgramsAndEveryProblemIsReported(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let admin = try await member(browser, "Site Admin", "admin@example.com")
            let ada = try await member(browser, "Ada", "ada@example.com")
            let refused = try await browser.json(.post, "/api/v1/programs", ["name": "Mine", "startDate": "2027-01-01", "endDate": "2027-02-01"], token: ada.token)
            #expect(refused.status == .forbidden)
            let bad = try await browser.json(.post, "/api/v1/programs", ["name": " ", "startDate": "2027-02-30", "endDate": "2026-01-01",
                                                                         "adminIds": ["nobody"]], token: admin.token)
            #expect(bad.status == .unprocessableContent)
            let id = try await program(browser, admin: admin.token, ["adminIds": [ada.id], "kind": "reverse", "matchingMode": "rounds"])
            let seen = try await browser.json(.get, "/api/v1/programs/\(id)", token: ada.token)
            #expect(seen.object["isAdmin"] as? Bool == true && seen.object["kind"] as? String == "reverse")
            let list = try await browser.json(.get, "/api/v1/programs", token: ada.token)
            #expect((list.object["items"] as? [[String: Any]])?.count == 1)
            #expect(try await browser.json(.get, "/api/v1/programs/not-an-id", token: ada.token).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func enrolmentChecksTheAnswersAndTheProgramsState(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let admin = try await member(browser, "Site Admin", "admin@example.com")
            let ada = try await member(browser, "Ada", "ada@example.com")
            let open = try await program(browser, admin: admin.token)
            let mentor = try await browser.json(.post, "/api/v1/programs/\(open)/enrolments", ["role": "mentor", "capacity": 0], token: ada.token)
            #expect(mentor.status == .unprocessableContent)
            #expect(Set((mentor.object["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }) == ["capacity", "skillsOffered"])
            let enrolled = try await browser.json(.post, "/api/v1/programs/\(open)/enrolments",
                                                  ["role": "mentee", "goals": "Lead a team", "timeZoneOverlap": "most"], token: ada.token)
            #expect(enrolled.status == .created && enrolled.object["timeZoneOverlap"] as? String == "most")
            #expect(try await browser.json(.post, "/api/v1/programs/\(open)/enrolments", ["role": "peer", "goals": "x"], token: ada.token).status == .unprocessableContent)
            let closed = try await program(browser, admin: admin.token, ["enrolmentOpen": false])
            #expect(try await browser.json(.post, "/api/v1/programs/\(closed)/enrolments", ["role": "mentee", "goals": "x"], token: ada.token).status == .conflict)
            // program admins open it again; the type cannot change once people are enrolled
            let reopened: [String: Any] = ["name": "Spring cohort", "startDate": "2027-01-04", "endDate": "2027-06-30", "enrolmentOpen": true]
            #expect(try await browser.json(.put, "/api/v1/programs/\(closed)", reopened, token: ada.token).status == .forbidden)
            #expect(try await browser.json(.put, "/api/v1/programs/\(closed)", reopened, token: admin.token).object["enrolmentOpen"] as? Bool == true)
            #expect(try await browser.json(.post, "/api/v1/programs/\(closed)/enrolments", ["role": "mentee", "goals": "x"], token: ada.token).status == .created)
            var peer = reopened
            peer["kind"] = "peer"
            #expect(try await browser.json(.put, "/api/v1/programs/\(closed)", peer, token: admin.token).status == .conflict)
            // only program admins see who is enrolled
            #expect(try await browser.json(.get, "/api/v1/programs/\(open)/enrolments", token: ada.token).status == .forbidden)
            let list = try await browser.json(.get, "/api/v1/programs/\(open)/enrolments", token: admin.token)
            #expect((list.object["items"] as? [[String: Any]])?.first?["name"] as? String == "Ada")
        }
    }

    @Test(arguments: TestDatabase.all)
    func importPreviewsAppliesIdempotentlyAndSkipsBadRows(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let admin = try await member(browser, "Site Admin", "admin@example.com")
            let ada = try await member(browser, "Ada Existing", "ada@example.com")
            let id = try await program(browser, admin: admin.token)
            let csv = Self.header + """
                ada@example.com,Ada Lovelace,Analytical,Engines,Engineer,boss@example.com,mentee,Swift;Go,Lead a team,Europe/London,
                boss@example.com,Bea Boss,Analytical,,Director,,mentor,Swift;Leadership,,Europe/London,2
                new@example.com,Nia New,Elsewhere,,,nobody@example.com,mentor,Go,,America/New_York,1
                broken,Nameless,,,,,mentee,,,,
                x@example.com,Xavier,,,,,astronaut,,,,
                """
            try await browser.json(.patch, "/api/v1/me", ["bio": "I *love* engines.", "languages": ["English", "French"]], token: ada.token)
            #expect(try await importCSV(browser, id, csv, token: ada.token).status == .forbidden)
            let preview = try await importCSV(browser, id, csv, token: admin.token, dryRun: true)
            #expect(preview.status == .ok, "\(preview.text)")
            #expect(preview.object["valid"] as? Int == 3 && preview.object["invalid"] as? Int == 2 && preview.object["created"] == nil)
            let lines = preview.object["lines"] as? [[String: Any]] ?? []
            #expect((lines[3]["errors"] as? [String])?.first == "“broken” is not an email address.")
            // a dry run changes nothing
            #expect(((try await browser.json(.get, "/api/v1/programs/\(id)/enrolments", token: admin.token)).object["items"] as? [Any])?.isEmpty == true)
            let applied = try await importCSV(browser, id, csv, token: admin.token)
            #expect(applied.object["created"] as? Int == 2 && applied.object["updated"] as? Int == 1 && applied.object["enrolled"] as? Int == 3)
            let warnings = (applied.object["lines"] as? [[String: Any]] ?? [])[2]["warnings"] as? [String]
            #expect(warnings == ["The manager nobody@example.com is not in Ithaca or this file; the manager was left unchanged."])
            // the existing member was updated, with their manager from the file
            let me = try await browser.json(.get, "/api/v1/me", token: ada.token).object["profile"] as? [String: Any] ?? [:]
            #expect(me["name"] as? String == "Ada Lovelace" && me["organization"] as? String == "Analytical")
            #expect(me["managerName"] as? String == "Bea Boss" && me["skillsWanted"] as? [String] == ["Swift", "Go"])
            // what the file does not say is kept
            #expect(me["bio"] as? String == "I *love* engines." && me["languages"] as? [String] == ["English", "French"])
            // the directory finds imported people by what the file said
            let found = try await browser.json(.get, "/api/v1/people?q=Nia", token: ada.token)
            #expect((found.object["items"] as? [[String: Any]])?.contains { $0["name"] as? String == "Nia New" } == true, "\(found.text)")
            // importing again updates, never duplicates
            let again = try await importCSV(browser, id, csv, token: admin.token)
            #expect(again.object["created"] as? Int == 0 && again.object["updated"] as? Int == 3)
            let enrolments = try await browser.json(.get, "/api/v1/programs/\(id)/enrolments", token: admin.token)
            #expect((enrolments.object["items"] as? [Any])?.count == 3)
            // a changed file updates the changed rows in place: the same enrolments, with the new answers
            let changed = csv.replacingOccurrences(of: "Lead a team", with: "Lead a platform team")
                .replacingOccurrences(of: "Swift;Go", with: "Rust").replacingOccurrences(of: "mentor,Go,,America/New_York,1", with: "mentee,Go,,America/New_York,")
            let third = try await importCSV(browser, id, changed, token: admin.token)
            #expect(third.object["created"] as? Int == 0 && third.object["updated"] as? Int == 3, "\(third.text)")
            let updated = try await browser.json(.get, "/api/v1/programs/\(id)/enrolments", token: admin.token).object["items"] as? [[String: Any]] ?? []
            let before = enrolments.object["items"] as? [[String: Any]] ?? []
            #expect(Set(updated.compactMap { $0["id"] as? String }) == Set(before.compactMap { $0["id"] as? String }))
            let adaEnrolment = updated.first { $0["name"] as? String == "Ada Lovelace" }
            #expect(adaEnrolment?["goals"] as? String == "Lead a platform team" && adaEnrolment?["skillsWanted"] as? [String] == ["Rust"])
            #expect(updated.first { $0["name"] as? String == "Nia New" }?["role"] as? String == "mentee")
            let after = try await browser.json(.get, "/api/v1/me", token: ada.token).object["profile"] as? [String: Any] ?? [:]
            #expect(after["goals"] as? String == "Lead a platform team" && after["skillsWanted"] as? [String] == ["Rust"])
            #expect(after["bio"] as? String == "I *love* engines." && after["managerName"] as? String == "Bea Boss")
            // imported newcomers cannot sign in until they set a password
            #expect(try await browser.json(.post, "/api/v1/tokens", ["email": "new@example.com", "password": "!imported"]).status == .unauthorized)
            // a header without the needed columns is refused as a whole
            #expect(try await importCSV(browser, id, "mail,who\na,b\n", token: admin.token).status == .unprocessableContent)
            _ = ada
        }
    }

    @Test(arguments: TestDatabase.all)
    func aRoundRespectsReportingLinesPinsAndForbidsAndPublishingProposesMentorships(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let admin = try await member(browser, "Site Admin", "admin@example.com")
            let ada = try await member(browser, "Ada Mentee", "ada@example.com")
            let policies: [String: Any] = ["minimumNoticeHours": 24, "lateCancelHours": 12, "cadenceWeeks": 1, "cadenceMinutes": 30, "requestExpiryDays": 7]
            let id = try await program(browser, admin: admin.token, ["policies": policies])
            let csv = Self.header + """
                ada@example.com,Ada Mentee,Northwind,,Engineer,boss@example.com,mentee,Swift;System design,Design distributed systems,Europe/London,
                ben@example.com,Ben Mentee,Northwind,,Engineer,,mentee,Go,Learn Go,Europe/London,
                boss@example.com,Bea Boss,Northwind,,Director,,mentor,Swift;System design,,Europe/London,2
                cy@example.com,"=Cy Formula",Helios,,Staff Engineer,,mentor,Swift;Go,,Europe/Paris,1
                dee@example.com,Dee Mentor,Helios,,Staff Engineer,,mentor,Go,,Europe/Paris,1
                """
            #expect(try await importCSV(browser, id, csv, token: admin.token).object["enrolled"] as? Int == 5)
            let ids = try await personIds(browser, id, admin.token)
            // non-admins can neither run nor read rounds
            #expect(try await browser.json(.post, "/api/v1/programs/\(id)/rounds", [:], token: ada.token).status == .forbidden)
            let round = try await browser.json(.post, "/api/v1/programs/\(id)/rounds", [:], token: admin.token)
            #expect(round.status == .created, "\(round.text)")
            #expect(round.object["provenOptimal"] as? Bool == true && round.object["matchedCount"] as? Int == 2)
            var pairs = round.object["pairs"] as? [[String: Any]] ?? []
            // Ada's own manager is never her mentor
            #expect(!pairs.contains { $0["menteeId"] as? String == ids["ada@example.com"] && $0["mentorId"] as? String == ids["boss@example.com"] })
            #expect(pairs.allSatisfy { !($0["reasons"] as? [String] ?? []).isEmpty })
            let roundId = try #require(round.object["id"] as? String)
            #expect(try await browser.json(.get, "/api/v1/rounds/\(roundId)", token: ada.token).status == .notFound)
            // pin Ben with Cy and forbid Ada with Cy: the rest is matched around them
            let rules: [String: Any] = [
                "pins": [["menteeId": ids["ben@example.com"]!, "mentorId": ids["cy@example.com"]!]],
                "forbids": [["menteeId": ids["ada@example.com"]!, "mentorId": ids["cy@example.com"]!]],
            ]
            let rerun = try await browser.json(.post, "/api/v1/programs/\(id)/rounds", rules, token: admin.token)
            pairs = rerun.object["pairs"] as? [[String: Any]] ?? []
            #expect(pairs.contains { $0["menteeId"] as? String == ids["ben@example.com"] && $0["mentorId"] as? String == ids["cy@example.com"] && $0["pinned"] as? Bool == true })
            let adaPair = pairs.first { $0["menteeId"] as? String == ids["ada@example.com"] }
            #expect(adaPair?["mentorId"] as? String == ids["dee@example.com"])
            // pinning a pair the reporting line forbids is refused with the reason
            let impossible = try await browser.json(.post, "/api/v1/programs/\(id)/rounds",
                                                    ["pins": [["menteeId": ids["ada@example.com"]!, "mentorId": ids["boss@example.com"]!]]], token: admin.token)
            #expect(impossible.status == .unprocessableContent)
            // the CSV export defuses a name that would run as a formula
            let rerunId = try #require(rerun.object["id"] as? String)
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(admin.token)"
            let export = try await browser.request(.get, "/api/v1/rounds/\(rerunId)/export", headers: headers)
            #expect(export.text.contains("\"'=Cy Formula\""), "\(export.text)")
            // publishing proposes one mentorship per pair, once
            let published = try await browser.json(.post, "/api/v1/rounds/\(rerunId)/publish", token: admin.token)
            #expect(published.object["status"] as? String == "published")
            #expect(try await browser.json(.post, "/api/v1/rounds/\(rerunId)/publish", token: admin.token).status == .conflict)
            let mine = try await browser.json(.get, "/api/v1/mentorships", token: ada.token)
            let proposed = (mine.object["items"] as? [[String: Any]] ?? []).filter { $0["status"] as? String == "proposed" }
            #expect(proposed.count == 1 && proposed.first?["mentorId"] as? String == ids["dee@example.com"])
            // both people hear about it in their inbox
            let inbox = try await browser.json(.get, "/api/v1/notifications", token: ada.token).object["items"] as? [[String: Any]] ?? []
            #expect(inbox.contains { $0["kind"] as? String == "matched" && ($0["url"] as? String)?.hasPrefix("/mentorships/") == true })
            // its draft agreement has the program's cadence
            let cadence = (proposed.first?["agreement"] as? [String: Any])?["cadence"] as? [String: Any]
            #expect(cadence?["everyWeeks"] as? Int == 1 && cadence?["minutes"] as? Int == 30, "\(proposed)")
            // the mentee sees the proposal with its reasons on the mentorship page
            try await browser.signIn(email: "ada@example.com", password: "a long passphrase here")
            let mentorshipId = try #require(proposed.first?["id"] as? String)
            let page = try await browser.get("/mentorships/\(mentorshipId.lowercased())")
            #expect(page.text.contains("Proposed by the matching round of") && page.text.contains("Why you were matched"))
            // a new round leaves the matched mentees out
            let next = try await browser.json(.post, "/api/v1/programs/\(id)/rounds", [:], token: admin.token)
            #expect(next.status == .conflict, "\(next.text)")
        }
    }

    @Test(arguments: TestDatabase.all)
    func aRoundAboveTheDenseLimitOnPeopleWhoLookAlikeFillsEveryPlaceProvenOptimal(database: TestDatabase) async throws {
        // given a server whose dense limit is below this program (so the round runs in sparse mode) and an HR export
        // where many people look alike: 120 mentees, 30 mentors with 2 places each, managers one level up in the file
        try await withTestApp(database, configure: { $0.denseMatchingPairLimit = 100 }) { browser in
            let admin = try await member(browser, "Site Admin", "admin@example.com")
            let id = try await program(browser, admin: admin.token)
            let skills = ["Swift", "Go", "Leadership", "System design", "Python", "Public speaking", "Hiring", "SQL", "Kubernetes", "Writing"]
            let zones = ["Europe/London", "America/New_York", "Asia/Kolkata", "Europe/Berlin", "America/Los_Angeles", "Africa/Lagos"]
            var csv = Self.header
            for i in 0..<150 {
                let mentor = i % 5 == 0
                csv += "person\(i)@bench.example,Person \(i),Org \(i % 12),,Engineer,\(i >= 10 ? "person\(i / 10)@bench.example" : ""),"
                csv += "\(mentor ? "mentor" : "mentee"),\(skills[i % 10]);\(skills[(i / 3) % 10]),Grow in \(skills[(i / 7) % 10]),"
                csv += "\(zones[i % 6]),\(mentor ? "2" : "")\n"
            }
            #expect(try await importCSV(browser, id, csv, token: admin.token).object["enrolled"] as? Int == 150)
            // when a round runs
            let round = try await browser.json(.post, "/api/v1/programs/\(id)/rounds", [:], token: admin.token)
            // then every place is filled and the answer is proven optimal over all pairs, not only the candidates
            #expect(round.status == .created, "\(round.text)")
            #expect(round.object["matchedCount"] as? Int == 60)
            #expect(round.object["provenOptimal"] as? Bool == true && round.object["gapBound"] as? Int == 0, "\(round.text.prefix(300))")
            let roundId = try #require(round.object["id"] as? String)
            try await browser.signIn(email: "admin@example.com", password: "a long passphrase here")
            #expect(try await browser.get("/rounds/\(roundId.lowercased())").text.contains("(proven optimal)"))
            // and a fairness-floor round, which sparse mode does not price yet, says it is not proven, never silently
            let fair = try await browser.json(.post, "/api/v1/programs/\(id)/rounds", ["fairnessFloor": true], token: admin.token)
            #expect(fair.status == .created && fair.object["provenOptimal"] as? Bool == false && fair.object["gapBound"] == nil)
            let fairId = try #require(fair.object["id"] as? String)
            #expect(try await browser.get("/rounds/\(fairId.lowercased())").text.contains("not proven over all pairs"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func recommendationsRankMentorsWithReasonsAndNeverTheManager(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withTestApp(database, clock: clock) { browser in
            let admin = try await member(browser, "Site Admin", "admin@example.com")
            let ada = try await member(browser, "Ada Mentee", "ada@example.com")
            let id = try await program(browser, admin: admin.token)
            #expect(try await browser.json(.get, "/api/v1/programs/\(id)/recommendations", token: ada.token).status == .conflict)
            let csv = Self.header + """
                ada@example.com,Ada Mentee,Northwind,,Engineer,boss@example.com,mentee,Swift;System design,Design distributed systems,Europe/London,
                boss@example.com,Bea Boss,Northwind,,Director,,mentor,Swift;System design,,Europe/London,2
                cy@example.com,Cy Mentor,Helios,,Staff Engineer,,mentor,Swift,,Europe/Paris,1
                dee@example.com,Dee Mentor,Helios,,Staff Engineer,,mentor,Knitting,,Asia/Tokyo,1
                """
            _ = try await importCSV(browser, id, csv, token: admin.token)
            let found = try await browser.json(.get, "/api/v1/programs/\(id)/recommendations?limit=5", token: ada.token)
            let items = found.object["items"] as? [[String: Any]] ?? []
            #expect(items.first?["name"] as? String == "Cy Mentor", "\(found.text)")
            #expect(!items.contains { $0["name"] as? String == "Bea Boss" })
            #expect((items.first?["reasons"] as? [String])?.contains { $0.contains("offers skills you want: Swift") } == true, "\(found.text)")
            #expect(items.contains { $0["name"] as? String == "Dee Mentor" })
            // a mentor the mentee already asked is no longer news
            let cy = try #require(items.first?["personId"] as? String)
            let asked = try await browser.json(.post, "/api/v1/mentorship-requests", ["mentorId": cy, "goal": "Design systems", "focus": "technicalSkill"], token: ada.token)
            #expect(asked.status == .created, "\(asked.text)")
            let afterAsking = try await browser.json(.get, "/api/v1/programs/\(id)/recommendations", token: ada.token).object["items"] as? [[String: Any]] ?? []
            #expect(!afterAsking.contains { $0["personId"] as? String == cy })
            // the cache follows changes: Ada now needs most of her working day shared, and Tokyo drops out
            clock.advance(by: 60)
            try await browser.json(.post, "/api/v1/programs/\(id)/enrolments",
                                   ["role": "mentee", "goals": "Design distributed systems", "skillsWanted": ["Swift"], "timeZoneOverlap": "most"], token: ada.token)
            let again = try await browser.json(.get, "/api/v1/programs/\(id)/recommendations", token: ada.token)
            #expect(!(again.object["items"] as? [[String: Any]] ?? []).contains { $0["name"] as? String == "Dee Mentor" })
            #expect(try await browser.json(.get, "/api/v1/programs/\(id)/recommendations?limit=0", token: ada.token).status == .unprocessableContent)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theProgramPagesWorkWithoutJavaScript(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            _ = try await member(browser, "Site Admin", "admin@example.com")
            try await browser.signIn(email: "admin@example.com", password: "a long passphrase here")
            let bad = try await browser.postForm("/programs", ["name": "", "startDate": "2027-01-01", "endDate": "2026-01-01", "kind": "one_to_one",
                                                               "minimumNoticeHours": "48", "lateCancelHours": "24", "cadenceWeeks": "2",
                                                               "cadenceMinutes": "45", "requestExpiryDays": "14", "matchingMode": "both"])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Give the program a name") && bad.text.contains("The program must end after it starts."))
            let created = try await browser.postForm("/programs", ["name": "Spring <cohort>", "startDate": "2027-01-01", "endDate": "2027-06-01",
                                                                   "kind": "one_to_one", "minimumNoticeHours": "48", "lateCancelHours": "24",
                                                                   "cadenceWeeks": "2", "cadenceMinutes": "45", "requestExpiryDays": "14",
                                                                   "matchingMode": "both", "enrolmentOpen": "on"])
            #expect(created.status == .seeOther)
            let location = try #require(created.header("Location"))
            let page = try await browser.get(location)
            #expect(page.text.contains("Spring &lt;cohort&gt;") && !page.text.contains("Spring <cohort>"))
            // the import form is a multipart upload carrying the CSRF token
            let boundary = "----ithaca-test"
            let csv = Self.header + "admin@example.com,Site Admin,Org,,,,mentor,Swift,,UTC,2\n"
            func part(_ name: String, _ value: String, file: Bool = false) -> String {
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\(file ? "; filename=\"people.csv\"\r\nContent-Type: text/csv" : "")\r\n\r\n\(value)\r\n"
            }
            var headers = HTTPFields()
            headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
            let body = part("csrfToken", browser.csrfToken ?? "") + part("mode", "preview") + part("file", csv, file: true) + "--\(boundary)--\r\n"
            let preview = try await browser.request(.post, location + "/imports", headers: headers, body: body)
            #expect(preview.status == .ok, "\(preview.text.components(separatedBy: "<main").last?.prefix(600) ?? "")")
            #expect(preview.text.contains("Preview: nothing saved yet") && preview.text.contains("1 rows: 1 ready"))
            // an invalid row's empty name cell stays empty (it must not fall back to the program's name)
            let invalid = Self.header + "broken,,,,,,mentee,,,,\n"
            let withError = try await browser.request(.post, location + "/imports", headers: headers, body: part("csrfToken", browser.csrfToken ?? "")
                + part("mode", "preview") + part("file", invalid, file: true) + "--\(boundary)--\r\n")
            #expect(withError.text.components(separatedBy: "Spring &lt;cohort&gt;").count == 3, "the name appears in the title and the back link only")
            let forged = body.replacingOccurrences(of: browser.csrfToken ?? "", with: "forged")
            #expect(try await browser.request(.post, location + "/imports", headers: headers, body: forged).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.all)
    func peersAreGroupedIntoCirclesWithoutTheirManagers(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let admin = try await member(browser, "Site Admin", "admin@example.com")
            let ada = try await member(browser, "Ada Peer", "ada@example.com")
            let id = try await program(browser, admin: admin.token, ["kind": "peer", "matchingMode": "rounds"])
            let rows = ["ada@example.com,Ada Peer,,,,boss@example.com,peer,Swift;Go,,Europe/London,",
                        "boss@example.com,Bea Boss,,,,,peer,Leadership;Go,,Europe/London,"]
                + (1...5).map { "p\($0)@example.com,Peer \($0),,,,,peer,\($0 % 2 == 0 ? "Swift" : "Rust");Go,,Europe/Paris," }
            #expect(try await importCSV(browser, id, Self.header + rows.joined(separator: "\n"), token: admin.token).object["enrolled"] as? Int == 7)
            #expect(try await browser.json(.post, "/api/v1/programs/\(id)/rounds", ["groupSize": 9], token: admin.token).status == .unprocessableContent)
            let round = try await browser.json(.post, "/api/v1/programs/\(id)/rounds", ["groupSize": 3], token: admin.token)
            #expect(round.status == .created, "\(round.text)")
            let groups = round.object["groups"] as? [[String: Any]] ?? []
            let members = groups.map { ($0["members"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String } }
            #expect(members.map(\.count).sorted() == [3, 4], "\(members)")
            #expect(!members.contains { $0.contains("Ada Peer") && $0.contains("Bea Boss") })
            #expect(groups.allSatisfy { !($0["reasons"] as? [String] ?? []).isEmpty && $0["kind"] as? String == "peer_circle" })
            #expect(round.object["provenOptimal"] as? Bool == false)
            let roundId = try #require(round.object["id"] as? String)
            #expect(try await browser.json(.post, "/api/v1/rounds/\(roundId)/publish", token: admin.token).status == .ok)
            let mine = try await browser.json(.get, "/api/v1/programs/\(id)/circles", token: ada.token)
            let circle = (mine.object["items"] as? [[String: Any]])?.first
            #expect((circle?["members"] as? [Any])?.count ?? 0 >= 3 && circle?["kind"] as? String == "peer_circle")
            // everyone is in a circle now
            #expect(try await browser.json(.post, "/api/v1/programs/\(id)/rounds", ["groupSize": 3], token: admin.token).status == .conflict)
            try await browser.signIn(email: "ada@example.com", password: "a long passphrase here")
            let page = try await browser.get("/programs/\(id.lowercased())")
            #expect(page.text.contains(": circle ") && page.text.contains("Why this group"))
            // the published circle is a circle like any other: listed with Ada's circles, with its own page for members
            let circles = try await browser.json(.get, "/api/v1/circles", token: ada.token).object["items"] as? [[String: Any]] ?? []
            #expect(circles.count == 1 && circles.first?["myStatus"] as? String == "member" && circles.first?["programId"] as? String != nil)
            let circleId = try #require(circles.first?["id"] as? String)
            #expect(try await browser.get("/circles/\(circleId.lowercased())").text.contains("Group meetings"))
            #expect(try await browser.json(.get, "/api/v1/circles/\(circleId)", token: admin.token).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func coachesGetCohortsUpToTheirCapacity(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let admin = try await member(browser, "Site Admin", "admin@example.com")
            let ada = try await member(browser, "Ada Coachee", "ada@example.com")
            let id = try await program(browser, admin: admin.token, ["kind": "group_coaching"])
            let rows = ["ada@example.com,Ada Coachee,A,,,,mentee,Leadership,Lead well,Europe/London,",
                        "c1@example.com,Coach One,B,,,,coach,Leadership,,Europe/London,2",
                        "c2@example.com,Coach Two,C,,,,coach,Public speaking,,Europe/London,2"]
                + (1...4).map { "m\($0)@example.com,Member \($0),D,,,,mentee,\($0 % 2 == 0 ? "Leadership" : "Public speaking"),,Europe/London," }
            #expect(try await importCSV(browser, id, Self.header + rows.joined(separator: "\n"), token: admin.token).object["enrolled"] as? Int == 7)
            let round = try await browser.json(.post, "/api/v1/programs/\(id)/rounds", [:], token: admin.token)
            let cohorts = round.object["groups"] as? [[String: Any]] ?? []
            #expect(cohorts.count == 2 && cohorts.allSatisfy { ($0["members"] as? [Any])?.count == 2 && $0["coach"] != nil }, "\(round.text)")
            #expect((round.object["unmatched"] as? [Any])?.count == 1)
            let roundId = try #require(round.object["id"] as? String)
            try await browser.json(.post, "/api/v1/rounds/\(roundId)/publish", token: admin.token)
            let mine = try await browser.json(.get, "/api/v1/programs/\(id)/circles", token: ada.token)
            let items = mine.object["items"] as? [[String: Any]] ?? []
            #expect(items.isEmpty || (items.first?["coach"] as? [String: Any])?["name"] as? String != nil)
            // coaches with a cohort are full: the one mentee left has nobody this time
            let next = try await browser.json(.post, "/api/v1/programs/\(id)/rounds", [:], token: admin.token)
            #expect((next.object["groups"] as? [Any])?.isEmpty == true && (next.object["unmatched"] as? [Any])?.count == 1, "\(next.text)")
        }
    }

    @Test(arguments: TestDatabase.all)
    func aProgramsBookingNoticeAppliesToTheMentorshipsItProposes(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withTestApp(database, clock: clock) { browser in
            let admin = try await member(browser, "Site Admin", "admin@example.com")
            let ada = try await member(browser, "Ada Mentee", "ada@example.com")
            let grace = try await member(browser, "Grace Mentor", "grace@example.com")
            let policies: [String: Any] = ["minimumNoticeHours": 2, "lateCancelHours": 1, "cadenceWeeks": 2, "cadenceMinutes": 45, "requestExpiryDays": 14]
            let id = try await program(browser, admin: admin.token, ["policies": policies])
            let csv = Self.header + "ada@example.com,Ada Mentee,A,,,,mentee,Swift,Ship an app,Europe/Lisbon,\n"
                + "grace@example.com,Grace Mentor,B,,,,mentor,Swift,,Europe/Lisbon,1\n"
            _ = try await importCSV(browser, id, csv, token: admin.token)
            let round = try await browser.json(.post, "/api/v1/programs/\(id)/rounds", [:], token: admin.token)
            try await browser.json(.post, "/api/v1/rounds/\(try #require(round.object["id"] as? String))/publish", token: admin.token)
            let mentorship = try #require(((try await browser.json(.get, "/api/v1/mentorships", token: ada.token)).object["items"] as? [[String: Any]])?.first?["id"] as? String)
            for token in [ada.token, grace.token] {
                try await browser.json(.post, "/api/v1/mentorships/\(mentorship)/agreement/acknowledge", ["version": 1], token: token)
            }
            #expect(try await browser.json(.put, "/api/v1/me/availability", lisbonMornings, token: grace.token).status == .ok)
            let slots = try await browser.json(.get, "/api/v1/mentorships/\(mentorship)/slots", token: ada.token)
            let starts = (slots.object["items"] as? [[String: Any]] ?? []).compactMap { ($0["start"] as? String).flatMap { try? Date($0, strategy: .iso8601) } }
            let first = try #require(starts.first)
            // the program asks 2 hours' notice, not the site's 48
            #expect(first.timeIntervalSince(clock.now) >= 2 * 3600)
            #expect(first.timeIntervalSince(clock.now) < 48 * 3600, "\(first) vs \(clock.now)")
        }
    }

    /// Person ids by email, from the program's enrolments.
    func personIds(_ browser: TestBrowser, _ program: String, _ token: String) async throws -> [String: String] {
        let list = try await browser.json(.get, "/api/v1/programs/\(program)/enrolments", token: token)
        var emails: [String: String] = [:]
        for item in list.object["items"] as? [[String: Any]] ?? [] {
            let name = item["name"] as? String ?? ""
            let email = ["Ada Mentee": "ada@example.com", "Ben Mentee": "ben@example.com", "Bea Boss": "boss@example.com",
                         "=Cy Formula": "cy@example.com", "Dee Mentor": "dee@example.com"][name]
            if let email { emails[email] = item["personId"] as? String }
        }
        return emails
    }
}
