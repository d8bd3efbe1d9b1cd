import IthacaTestSupport
import Foundation
import IthacaDomain
import HTTPTypes
import HummingbirdTesting
import Testing

/// Editing my own profile through the API and the web form, its validation, and that no one edits another's.
@Suite struct ProfileTests {
    private static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    @Test(arguments: TestDatabase.all)
    func patchSetsEveryProfileFieldAndGetReturnsThem(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given
            let ada = try await member(browser, "Ada", "ada@example.com")
            let grace = try await member(browser, "Grace Hopper", "grace@example.com")
            let update: [String: Any] = [
                "name": "Ada King", "pronouns": "she/her", "headline": "Poetical scientist", "bio": "I like **engines**.",
                "organization": "Analytical Society", "team": "Engines", "title": "Countess", "managerId": grace.id,
                "tenureStart": "2020-03-01", "careerStage": "senior", "timeZone": "Europe/London",
                "languages": ["English", "French"], "skillsOffered": ["Mathematics", "Swift"], "skillsWanted": ["Rust"],
                "goals": "Build the engine", "strengths": ["Notes"], "areasToGrow": ["Patience"],
                "openToMentoring": true, "mentorCapacity": 3, "openToBeingMentored": true, "openToPeer": true,
                "gender": "woman", "mentorGenderPreference": "same", "mentorOrganizationPreference": "outside",
            ]
            // when
            let patched = try await browser.json(.patch, "/api/v1/me", update, token: ada.token)
            let me = try await browser.json(.get, "/api/v1/me", token: ada.token)
            // then
            #expect(patched.status == .ok, "\(patched.text)")
            #expect(me.status == .ok)
            let profile = try #require(me.object["profile"] as? [String: Any])
            let preferences = try #require(me.object["preferences"] as? [String: Any])
            for key in ["name", "pronouns", "headline", "bio", "organization", "team", "title", "managerId", "tenureStart",
                        "careerStage", "timeZone", "goals"] {
                #expect(profile[key] as? String == update[key] as? String, "\(key)")
            }
            for key in ["languages", "skillsOffered", "skillsWanted", "strengths", "areasToGrow"] {
                #expect(profile[key] as? [String] == update[key] as? [String], "\(key)")
            }
            for key in ["openToMentoring", "openToBeingMentored", "openToPeer"] {
                #expect(profile[key] as? Bool == true, "\(key)")
            }
            #expect(profile["mentorCapacity"] as? Int == 3)
            #expect(profile["managerName"] as? String == "Grace Hopper")
            #expect((profile["bioHtml"] as? String)?.contains("<strong>engines</strong>") == true)
            for key in ["gender", "mentorGenderPreference", "mentorOrganizationPreference"] {
                #expect(preferences[key] as? String == update[key] as? String, "\(key)")
            }
            #expect(profile["gender"] == nil)
            // and Grace's page lists Ada among her team members, and Ada's page names Grace as her manager
            let gracePage = try await browser.request(.get, "/people/\(grace.id)", headers: [.authorization: "Bearer \(ada.token)"])
            #expect(gracePage.status == .ok && gracePage.text.contains("Team members") && gracePage.text.contains(">Ada King</a>"))
            let adaPage = try await browser.request(.get, "/people/\(ada.id)", headers: [.authorization: "Bearer \(grace.token)"])
            #expect(adaPage.status == .ok && adaPage.text.contains("Grace Hopper") && !adaPage.text.contains("Team members"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func invalidValuesAnswer422NamingTheField(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withTestApp(database, clock: clock) { browser in
            // given
            let ada = try await member(browser, "Ada", "ada@example.com")
            let cases: [(body: [String: Any], field: String)] = [
                (["timeZone": "Mars/Base"], "timeZone"),
                (["mentorCapacity": 99], "mentorCapacity"),
                (["openToMentoring": true, "mentorCapacity": 0], "mentorCapacity"),
                (["tenureStart": CalendarDay.of(clock.now.addingTimeInterval(2 * 24 * 60 * 60))], "tenureStart"),
                (["tenureStart": "2021-02-30"], "tenureStart"),
                (["careerStage": "wizard"], "careerStage"),
                (["managerId": ada.id], "managerId"),
                (["managerId": UUID().uuidString], "managerId"),
                (["name": "   "], "name"),
            ]
            for (body, field) in cases {
                // when
                let response = try await browser.json(.patch, "/api/v1/me", body, token: ada.token)
                // then
                #expect(response.status == .unprocessableContent, "\(body)")
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.errorFields == [field], "\(body): \(response.text)")
            }
            // and nothing was saved
            let profile = try #require(try await browser.json(.get, "/api/v1/me", token: ada.token).object["profile"] as? [String: Any])
            #expect(profile["timeZone"] as? String == "UTC")
            #expect(profile["mentorCapacity"] as? Int == 0)
            #expect(profile["name"] as? String == "Ada")
            // and today itself is a valid start date
            let today = try await browser.json(.patch, "/api/v1/me", ["tenureStart": CalendarDay.of(clock.now)], token: ada.token)
            #expect(today.status == .ok)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aManagerWhoReportsToMeCannotBecomeMyManager(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given A manages B, and B manages C
            let a = try await member(browser, "Ada", "ada@example.com")
            let b = try await member(browser, "Bea", "bea@example.com")
            let c = try await member(browser, "Cy", "cy@example.com")
            #expect(try await browser.json(.patch, "/api/v1/me", ["managerId": a.id], token: b.token).status == .ok)
            #expect(try await browser.json(.patch, "/api/v1/me", ["managerId": b.id], token: c.token).status == .ok)
            // when A names B, or C (through B), as manager
            let direct = try await browser.json(.patch, "/api/v1/me", ["managerId": b.id], token: a.token)
            let indirect = try await browser.json(.patch, "/api/v1/me", ["managerId": c.id], token: a.token)
            // then
            #expect(direct.status == .unprocessableContent)
            #expect(direct.errorFields == ["managerId"])
            #expect(indirect.status == .unprocessableContent)
            #expect(indirect.errorFields == ["managerId"])
            let me = try await browser.json(.get, "/api/v1/me", token: a.token)
            #expect((me.object["profile"] as? [String: Any])?["managerId"] == nil)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theWebFormSavesResolvesTheManagerEmailAndShowsTheProfile(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given
            try await browser.signUp(email: "ada@example.com")
            let grace = try await member(browser.fresh(), "Grace Hopper", "grace@example.com")
            let me = try await browser.json(.get, "/api/v1/me")
            let id = try #require(me.object["id"] as? String)
            // when
            let response = try await browser.postForm("/profile/edit", profileForm(name: "Ada King", [
                "headline": "Poetical scientist", "managerEmail": "GRACE@example.com", "timeZone": "Europe/London",
                "skillsOffered": "Mathematics, Swift", "openToMentoring": "on", "mentorCapacity": "2", "careerStage": "lead",
                "tenureStart": "2019-05-01", "gender": "woman",
            ]))
            // then
            #expect(response.status == .seeOther)
            #expect(response.location == "/people/\(id.lowercased())")
            let page = try await browser.get(response.location ?? "/")
            #expect(page.status == .ok)
            #expect(page.text.contains("Profile saved."))
            #expect(page.text.contains("Poetical scientist"))
            let profile = try #require(try await browser.json(.get, "/api/v1/me").object["profile"] as? [String: Any])
            #expect(profile["managerId"] as? String == grace.id)
            #expect(profile["name"] as? String == "Ada King")
            #expect(profile["skillsOffered"] as? [String] == ["Mathematics", "Swift"])
            #expect(profile["mentorCapacity"] as? Int == 2)
            #expect(profile["careerStage"] as? String == "lead")
            // and the edit page shows the manager by email again
            #expect(try await browser.get("/profile/edit").text.contains("value=\"grace@example.com\""))
        }
    }

    @Test(arguments: TestDatabase.all)
    func badWebInputComesBackWithAnErrorSummaryAndTheTypedValues(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given
            try await browser.signUp(email: "ada@example.com")
            // when
            let response = try await browser.postForm("/profile/edit", profileForm(name: "Ada King", [
                "headline": "Typed but not saved", "timeZone": "Mars/Base", "mentorCapacity": "lots",
                "managerEmail": "nobody@example.com", "skillsOffered": "Knitting, Swift",
            ]))
            // then
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("error-summary"))
            for field in ["timeZone", "mentorCapacity", "managerEmail"] {
                #expect(response.text.contains("href=\"#\(field)\""), "\(field) in the summary")
                #expect(response.text.contains("id=\"\(field)-error\""), "\(field) message")
            }
            #expect(response.text.contains("value=\"Typed but not saved\""))
            #expect(response.text.contains("value=\"Ada King\""))
            #expect(response.text.contains("value=\"lots\""))
            #expect(response.text.contains("value=\"nobody@example.com\""))
            #expect(response.text.contains("value=\"Knitting, Swift\""))
            let profile = try #require(try await browser.json(.get, "/api/v1/me").object["profile"] as? [String: Any])
            #expect(profile["headline"] as? String == "")
        }
    }

    @Test(arguments: TestDatabase.all)
    func oneMemberCannotChangeAnothersProfileOrTokens(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            // given
            let a = try await member(browser, "Ada", "ada@example.com")
            let tokenOfA = try await browser.json(.post, "/api/v1/tokens", ["email": "ada@example.com", "password": "a long passphrase here", "label": "ci"])
            let tokenOfAId = try #require(tokenOfA.object["id"] as? String)
            let tokenOfASecret = try #require(tokenOfA.object["token"] as? String)
            let b = try await member(browser, "Bea", "bea@example.com")
            // when B edits "me"
            let patched = try await browser.json(.patch, "/api/v1/me", ["name": "Bea Changed", "headline": "B's headline"], token: b.token)
            // then only B changed
            #expect(patched.status == .ok)
            #expect(patched.object["id"] as? String == b.id)
            let aAsSeenByB = try await browser.json(.get, "/api/v1/people/\(a.id)", token: b.token)
            #expect(aAsSeenByB.object["name"] as? String == "Ada")
            #expect(aAsSeenByB.object["headline"] as? String == "")
            // when B tries to revoke A's token, through the web and the API
            let web = browser.fresh()
            #expect(try await web.signIn(email: "bea@example.com", password: "a long passphrase here").status == .seeOther)
            let revokeByForm = try await web.postForm("/settings/tokens/\(tokenOfAId.lowercased())/revoke", [:])
            let revokeByAPI = try await browser.json(.delete, "/api/v1/tokens/\(tokenOfAId)", token: b.token)
            // then neither finds it, and A's token still works
            #expect(revokeByForm.status == .notFound)
            #expect(revokeByAPI.status == .notFound)
            #expect(try await browser.json(.get, "/api/v1/me", token: tokenOfASecret).status == .ok)
            #expect(try await browser.json(.get, "/api/v1/me", token: a.token).object["email"] as? String == "ada@example.com")
        }
    }
}
