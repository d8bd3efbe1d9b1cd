import IthacaTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Challenges: start, join, one check-in per local day, streaks only for oneself, cheering the others.
@Suite struct ChallengesTests {
    @Test(arguments: TestDatabase.all)
    func checkInOnceADayAndCheerTheOthers(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withTestApp(database, clock: clock) { browser in
            let ada = try await member(browser, "Ada", "ada@example.com")
            let ben = try await member(browser, "Ben", "ben@example.com")
            try await browser.json(.patch, "/api/v1/me", ["timeZone": "Pacific/Auckland"], token: ben.token)
            let today = String(ISO8601DateFormatter().string(from: clock.now).prefix(10))
            #expect(try await browser.json(.post, "/api/v1/challenges", ["title": " ", "startDate": "x", "lengthDays": 0], token: ada.token)
                .status == .unprocessableContent)
            let created = try await browser.json(.post, "/api/v1/challenges",
                                                 ["title": "30 days of tests", "description": "Write **one** test a day.", "startDate": today, "lengthDays": 30],
                                                 token: ada.token)
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.object["id"] as? String)
            #expect(created.object["joined"] as? Bool == true && (created.object["descriptionHtml"] as? String)?.contains("<strong>one</strong>") == true)
            // checking in needs membership; then once per day
            #expect(try await browser.json(.post, "/api/v1/challenges/\(id)/check-ins", ["note": "hi"], token: ben.token).status == .forbidden)
            try await browser.json(.post, "/api/v1/challenges/\(id)/join", token: ben.token)
            let first = try await browser.json(.post, "/api/v1/challenges/\(id)/check-ins", ["note": "Wrote a parser test"], token: ada.token)
            #expect(first.status == .created, "\(first.text)")
            #expect((first.object["progress"] as? [String: Any])?["currentStreak"] as? Int == 1)
            #expect(try await browser.json(.post, "/api/v1/challenges/\(id)/check-ins", ["note": "again"], token: ada.token).status == .conflict)
            // the next day continues the streak
            clock.advance(by: 86_400)
            let second = try await browser.json(.post, "/api/v1/challenges/\(id)/check-ins", [:], token: ada.token)
            #expect((second.object["progress"] as? [String: Any])?["currentStreak"] as? Int == 2)
            // Ben, in Auckland, checks in on his own day
            let bens = try await browser.json(.post, "/api/v1/challenges/\(id)/check-ins", ["note": "Kia ora"], token: ben.token)
            #expect(bens.status == .created, "\(bens.text)")
            let checkInId = try #require(first.object["id"] as? String)
            // others cheer, once; not your own
            #expect(try await browser.json(.post, "/api/v1/check-ins/\(checkInId)/cheers", token: ada.token).status == .unprocessableContent)
            #expect(try await browser.json(.post, "/api/v1/check-ins/\(checkInId)/cheers", token: ben.token).object["cheers"] as? Int == 1)
            #expect(try await browser.json(.post, "/api/v1/check-ins/\(checkInId)/cheers", token: ben.token).object["cheers"] as? Int == 1)
            // Ada hears about the cheer once
            let inbox = try await browser.json(.get, "/api/v1/notifications", token: ada.token).object["items"] as? [[String: Any]] ?? []
            #expect(inbox.filter { $0["kind"] as? String == "cheer" }.count == 1)
            // progress is only ever the viewer's own: no leaderboard
            let seenByBen = try await browser.json(.get, "/api/v1/challenges/\(id)", token: ben.token)
            #expect((seenByBen.object["myProgress"] as? [String: Any])?["daysDone"] as? Int == 1)
            #expect(!seenByBen.text.contains("currentStreak\" : 2"))
            #expect((seenByBen.object["recentCheckIns"] as? [[String: Any]])?.count == 3)
            let list = try await browser.json(.get, "/api/v1/challenges", token: ben.token)
            #expect((list.object["items"] as? [[String: Any]])?.first?["members"] as? Int == 2)
            #expect(try await browser.json(.get, "/api/v1/challenges/not-an-id", token: ben.token).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theChallengePagesWorkWithoutJavaScriptAndEscapeNotes(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            _ = try await member(browser, "Ada", "ada@example.com")
            try await browser.signIn(email: "ada@example.com", password: "a long passphrase here")
            let bad = try await browser.postForm("/challenges", ["title": "", "startDate": "soon", "lengthDays": "400"])
            #expect(bad.status == .unprocessableContent && bad.text.contains("A challenge lasts 1 to 366 days."))
            let today = String(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: 1_795_000_000)).prefix(10))
            let created = try await browser.postForm("/challenges", ["title": "Daily <b>Swift</b>", "startDate": today, "lengthDays": "10"])
            let location = try #require(created.header("Location"))
            let checked = try await browser.postForm(location + "/check-ins", ["note": "<script>alert(1)</script> done"])
            #expect(checked.status == .seeOther)
            let page = try await browser.get(location)
            #expect(page.text.contains("Daily &lt;b&gt;Swift&lt;/b&gt;") && page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; done"))
            #expect(page.text.contains("Current streak") && page.text.contains("You checked in today"))
            let again = try await browser.postForm(location + "/check-ins", ["note": "twice"])
            #expect(again.status == .conflict && again.text.contains("You already checked in today"))
        }
    }
}
