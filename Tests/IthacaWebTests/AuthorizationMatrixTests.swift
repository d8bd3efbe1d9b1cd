import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import IthacaWeb
import Logging
import Testing

/// Every route of the router, pages and API, asked by everyone who should not see what it names. A route is read
/// from the router itself, so a new route is covered the day it is added: a parameter this test does not know fails
/// it until someone says what the parameter names.
@Suite struct AuthorizationMatrixTests {
    /// Parameters naming something that belongs to the two people of one mentorship: a request, the mentorship, its
    /// meetings and their items. Nobody else — another member, a site admin — may learn it exists (404).
    static let pairParameters: Set<String> = ["mentorshipId", "meetingId", "requestId", "itemId"]

    /// Parameters naming things with rules of their own (public profiles, community posts, programs an admin runs,
    /// one's own goals and tokens…), each tested where it is built. Listed so a new kind of parameter is noticed.
    static let otherParameters: Set<String> = [
        "personId", "tokenId", "sessionId", "goalId", "milestoneId", "introductionId", "endorsementId", "answer", "spaceSlug",
        "spaceId", "questionId", "answerId", "commentId", "programId", "roundId", "challengeId", "checkInId", "notificationId",
        "resourceId", "pathId", "eventId", "circleId", "reportId", "token", "feedFile", "kind", "table", "id", "slug",
        "invitationToken", "noteId", "messageId", "enrolmentId", "importId", "provider", "stepId", "slotId", "postId",
        "action", "rule",
    ]

    /// What a parameter names on this route: a circle's meetings are the circle's, not a pair's.
    static func isPairParameter(_ name: String, in path: String) -> Bool {
        pairParameters.contains(name) && !path.contains("circle-meetings")
    }

    static func parameters(in path: String) -> [String] {
        path.split(separator: "/").compactMap { component in
            if component.hasPrefix(":") { return String(component.dropFirst()) }
            if component.hasPrefix("{"), component.hasSuffix("}") { return String(component.dropFirst().dropLast()) }
            return nil
        }
    }

    static func filled(_ path: String, with values: [String: String]) -> String {
        "/" + path.split(separator: "/").map { component -> String in
            let name = parameters(in: "/" + component).first
            return name.flatMap { values[$0] } ?? String(component)
        }.joined(separator: "/")
    }

    /// A site admin, a mentorship (Grace mentors Ada) and a stranger, each with an API token and a signed-in browser.
    struct Cast {
        let admin: (id: String, token: String), pair: MentorshipFixture, stranger: (id: String, token: String)
        let adminPages: TestBrowser, strangerPages: TestBrowser, menteePages: TestBrowser, mentorPages: TestBrowser
    }

    static func cast(_ browser: TestBrowser) async throws -> Cast {
        let admin = try await member(browser, "Site Admin", "admin@example.com")
        let pair = try await makeMentorship(browser)
        let stranger = try await member(browser, "Sam Stranger", "sam@example.com")
        var pages: [TestBrowser] = []
        for email in ["admin@example.com", "sam@example.com", "ada@example.com", "grace@example.com"] {
            let signedIn = browser.fresh()
            try await signedIn.signIn(email: email, password: "a long passphrase here")
            pages.append(signedIn)
        }
        return Cast(admin: admin, pair: pair, stranger: stranger, adminPages: pages[0], strangerPages: pages[1], menteePages: pages[2],
                    mentorPages: pages[3])
    }

    @Test(arguments: TestDatabase.all)
    func whatBelongsToTwoPeopleIsNotFoundForEveryoneElseOnEveryRoute(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let cast = try await Self.cast(browser)
            let (admin, pair, stranger) = (cast.admin, cast.pair, cast.stranger)
            let slot = try #require(try await freeSlots(browser, pair).first)
            let meeting = try #require(try await book(browser, pair, slot).object["id"] as? String)
            let item = try await browser.json(.post, "/api/v1/meetings/\(meeting)/items", ["kind": "actionItem", "text": "Draft the plan"],
                                              token: pair.mentee.token)
            let itemId = try #require(item.object["id"] as? String, "\(item.text)")
            let requests = try await browser.json(.get, "/api/v1/mentorship-requests", token: pair.mentee.token)
            let requestId = try #require((requests.object["items"] as? [[String: Any]])?.first?["id"] as? String, "\(requests.text)")
            let values = ["mentorshipId": pair.id, "meetingId": meeting, "requestId": requestId, "itemId": itemId, "answer": "accept"]

            // each outsider as a page visitor (session) and as an API client (token)
            let anonymous = browser.fresh()
            let (strangerPages, adminPages, menteePages) = (cast.strangerPages, cast.adminPages, cast.menteePages)

            let router = try buildRouter(services: browser.services, logger: Logger(label: "authorization-matrix"))
            var unclassified: Set<String> = [], leaks: [String] = [], ownerRefused: [String] = []
            var checked = 0
            for route in router.routes {
                let path = route.path.description
                let names = Self.parameters(in: path)
                let unknown = names.filter { !Self.pairParameters.contains($0) && !Self.otherParameters.contains($0) }
                guard unknown.isEmpty else { unclassified.formUnion(unknown.map { "\($0) in \(route.method) \(path)" }); continue }
                guard names.contains(where: { Self.isPairParameter($0, in: path) }), names.allSatisfy({ values[$0] != nil }) else { continue }
                let uri = Self.filled(path, with: values)
                // the same route naming things that do not exist: an outsider's answer must not differ from it
                let nowhere = Self.filled(path, with: values.mapValues { $0.count == 36 ? UUID().uuidString : $0 })
                let isAPI = uri.hasPrefix("/api/")
                checked += 1

                for (who, pages, token) in [("anonymous", anonymous, nil as String?), ("another member", strangerPages, stranger.token),
                                            ("a site admin", adminPages, admin.token)] {
                    func ask(_ target: String) async throws -> TestResponse {
                        if isAPI {
                            let body: Any? = route.method == .get || route.method == .head ? nil : [:] as [String: Any]
                            return try await browser.json(route.method, target, body, token: token)
                        }
                        return route.method == .get || route.method == .head ? try await pages.request(route.method, target) : try await pages.postForm(target, [:])
                    }
                    let response = try await ask(uri)
                    let code = response.status.code
                    var allowed: Bool
                    if who == "anonymous" {
                        // asked to sign in: 401, or a redirect to the sign-in page for a page
                        allowed = code == 401 || ((code == 303 || code == 302) && (response.headers[.location] ?? "").hasPrefix("/signin"))
                    } else {
                        allowed = code == 404
                    }
                    if !allowed, !(200..<400).contains(code) {
                        // refused before anything was looked up (a form without its fields): the same as for nothing
                        allowed = try await ask(nowhere).status.code == code
                    }
                    if !allowed { leaks.append("\(route.method) \(path) as \(who): \(code) \(response.text.prefix(100))") }
                }
                // the people it belongs to still reach it (reads only: nothing here changes their mentorship)
                if route.method == .get {
                    let owner = isAPI ? try await browser.request(.get, uri, headers: [.authorization: "Bearer \(pair.mentee.token)"])
                        : try await menteePages.get(uri)
                    if owner.status.code >= 400 { ownerRefused.append("GET \(path): \(owner.status.code) \(owner.text.prefix(120))") }
                }
            }
            #expect(unclassified.isEmpty, "say what these route parameters name (pairParameters or otherParameters): \(unclassified.sorted())")
            #expect(checked >= 40, "only \(checked) routes name something of a pair: the route table was not read?")
            #expect(leaks.isEmpty, "\(leaks.count) answers to outsiders:\n\(leaks.joined(separator: "\n"))")
            #expect(ownerRefused.isEmpty, "\(ownerRefused.joined(separator: "\n"))")
        }
    }

    /// Lists, search, feeds and pages agree with the single-object checks: words planted in a pair's private note,
    /// shared note, message and meeting agenda appear in no answer of any GET route (pages and API, with and without a
    /// search for them) given to someone they are not for; the mentee's private note not even to the mentor.
    @Test(arguments: TestDatabase.all)
    func whatIsSaidInConfidenceAppearsOnNoRouteForAnyoneElse(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let cast = try await Self.cast(browser)
            let (admin, pair, stranger) = (cast.admin, cast.pair, cast.stranger)
            // one search word in all of them, and a second word naming each
            let privateNote = "quokka privatenotemark", sharedNote = "quokka sharednotemark", message = "quokka messagemark",
                agenda = "quokka agendamark"
            #expect(try await browser.json(.post, "/api/v1/mentorships/\(pair.id)/notes", ["body": privateNote], token: pair.mentee.token).status == .created)
            #expect(try await browser.json(.post, "/api/v1/mentorships/\(pair.id)/notes", ["body": sharedNote, "shared": true], token: pair.mentee.token).status == .created)
            #expect(try await browser.json(.post, "/api/v1/mentorships/\(pair.id)/messages", ["body": message], token: pair.mentor.token).status == .created)
            let slot = try #require(try await freeSlots(browser, pair).first)
            let meeting = try #require(try await book(browser, pair, slot, agenda: agenda).object["id"] as? String)
            let values = ["mentorshipId": pair.id, "meetingId": meeting]

            let viewers: [(who: String, pages: TestBrowser, token: String, mayNotSee: [String])] = [
                ("another member", cast.strangerPages, stranger.token, [privateNote, sharedNote, message, agenda]),
                ("a site admin", cast.adminPages, admin.token, [privateNote, sharedNote, message, agenda]),
                ("the mentor", cast.mentorPages, pair.mentor.token, [privateNote]),
            ]

            let router = try buildRouter(services: browser.services, logger: Logger(label: "confidentiality-sweep"))
            var leaks: [String] = [], asked = 0
            for route in router.routes where route.method == .get {
                let path = route.path.description
                let names = Self.parameters(in: path)
                // routes naming only the pair's things (the mentor's own), or nothing: lists, search, dashboards, feeds
                guard names.allSatisfy({ values[$0] != nil }) else { continue }
                let uri = Self.filled(path, with: values)
                for target in [uri, uri + "?q=quokka"] {
                    for viewer in viewers {
                        let response = uri.hasPrefix("/api/")
                            ? try await browser.request(.get, target, headers: [.authorization: "Bearer \(viewer.token)"])
                            : try await viewer.pages.get(target)
                        asked += 1
                        let said = viewer.mayNotSee.filter { response.text.contains($0.split(separator: " ")[1]) }
                        if !said.isEmpty { leaks.append("GET \(target) as \(viewer.who) (\(response.status.code)): \(said)") }
                    }
                }
            }
            #expect(asked >= 300, "only \(asked) answers read: the route table was not read?")
            #expect(leaks.isEmpty, "\(leaks.count) answers say what was not for them:\n\(leaks.joined(separator: "\n"))")
            // and the sweep would have seen them: the mentee's own page shows all four
            let own = try await cast.menteePages.get("/mentorships/\(pair.id)").text + (try await cast.menteePages.get("/meetings/\(meeting)").text)
            for planted in [privateNote, sharedNote, message, agenda] { #expect(own.contains(planted.split(separator: " ")[1]), "\(planted)") }
        }
    }
}
