import IthacaTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Circles: invitations and requests within capacity, members-only meetings, notes and thread (not even site admins
/// read them), the 1:1 time rules for group meetings, .ics, and the pages without JavaScript.
@Suite struct CirclesTests {
    @Test(arguments: TestDatabase.all)
    func peopleJoinByInvitationOrRequestAndNeverPastCapacity(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let admin = try await member(browser, "Site Admin", "admin@example.com")
            let ada = try await member(browser, "Ada Organiser", "ada@example.com")
            let ben = try await member(browser, "Ben", "ben@example.com")
            let cleo = try await member(browser, "Cleo", "cleo@example.com")
            let dan = try await member(browser, "Dan", "dan@example.com")
            let bad = try await browser.json(.post, "/api/v1/circles", ["name": " ", "goal": "", "capacity": 12], token: ada.token)
            #expect(bad.status == .unprocessableContent && bad.text.contains("3 to 8"))
            // an invitation-only circle of three: invisible to outsiders, site admins included
            let secret = try await browser.json(.post, "/api/v1/circles", [
                "name": "Staff engineers' circle", "goal": "Grow into staff roles", "capacity": 3, "joinPolicy": "invitation",
            ], token: ada.token)
            #expect(secret.status == .created, "\(secret.text)")
            let secretId = try #require(secret.object["id"] as? String)
            #expect(secret.object["members"] as? Int == 1 && secret.object["myStatus"] as? String == "member")
            #expect(try await browser.json(.get, "/api/v1/circles/\(secretId)", token: admin.token).status == .notFound)
            #expect(try await browser.json(.post, "/api/v1/circles/\(secretId)/join", token: ben.token).status == .notFound)
            let open = try await browser.json(.get, "/api/v1/circles?scope=open", token: ben.token).object["items"] as? [[String: Any]] ?? []
            #expect(open.isEmpty)
            // invitations: unknown emails are a field error; Ben and Cleo are invited and accept; the circle is then full
            let unknown = try await browser.json(.post, "/api/v1/circles/\(secretId)/invitations", ["email": "nobody@example.com"], token: ada.token)
            #expect(unknown.status == .unprocessableContent && unknown.text.contains("Nobody in Ithaca"))
            for email in ["ben@example.com", "cleo@example.com", "dan@example.com"] {
                let invited = try await browser.json(.post, "/api/v1/circles/\(secretId)/invitations", ["email": email], token: ada.token)
                #expect(invited.object["status"] as? String == "invited", "\(invited.text)")
            }
            let benInbox = try await browser.json(.get, "/api/v1/notifications", token: ben.token).object["items"] as? [[String: Any]] ?? []
            #expect(benInbox.first?["kind"] as? String == "circle" && (benInbox.first?["text"] as? String ?? "").contains("invited you"))
            let invitedView = try await browser.json(.get, "/api/v1/circles/\(secretId)", token: ben.token)
            #expect(invitedView.object["myStatus"] as? String == "invited" && invitedView.object["meetings"] == nil)
            #expect(try await browser.json(.post, "/api/v1/circles/\(secretId)/join", token: ben.token).object["myStatus"] as? String == "member")
            #expect(try await browser.json(.post, "/api/v1/circles/\(secretId)/join", token: cleo.token).object["members"] as? Int == 3)
            let late = try await browser.json(.post, "/api/v1/circles/\(secretId)/join", token: dan.token)
            #expect(late.status == .conflict && late.text.contains("full"))
            // Ben, a member of a peer circle, may invite too; Dan's invitation can be withdrawn
            #expect(try await browser.json(.delete, "/api/v1/circles/\(secretId)/people/\(dan.id)", token: ben.token).status == .noContent)
            #expect(try await browser.json(.get, "/api/v1/circles/\(secretId)", token: dan.token).status == .notFound)
            // the organiser stays while others are in; others may leave
            #expect(try await browser.json(.delete, "/api/v1/circles/\(secretId)/people/\(ada.id)", token: ada.token).status == .conflict)
            #expect(try await browser.json(.delete, "/api/v1/circles/\(secretId)/people/\(ada.id)", token: ben.token).status == .conflict)
            // only the organiser removes a member
            #expect(try await browser.json(.delete, "/api/v1/circles/\(secretId)/people/\(cleo.id)", token: ben.token).status == .forbidden)
            #expect(try await browser.json(.delete, "/api/v1/circles/\(secretId)/people/\(cleo.id)", token: cleo.token).status == .noContent)

            // a coached group open to requests: people ask, only the coach lets them in
            let coached = try await browser.json(.post, "/api/v1/circles", [
                "name": "First-time managers", "goal": "Lead a team well in the first year", "kind": "cohort", "capacity": 4,
                "plan": "Week 1: one-to-ones", "joinPolicy": "request",
            ], token: ada.token)
            let coachedId = try #require(coached.object["id"] as? String)
            let listed = try await browser.json(.get, "/api/v1/circles?scope=open", token: dan.token).object["items"] as? [[String: Any]] ?? []
            #expect(listed.map { $0["name"] as? String } == ["First-time managers"] && listed.first?["people"] == nil)
            for person in [ben, dan] {
                #expect(try await browser.json(.post, "/api/v1/circles/\(coachedId)/join", token: person.token).object["myStatus"] as? String == "requested")
            }
            #expect(try await browser.json(.post, "/api/v1/circles/\(coachedId)/people/\(dan.id)/approve", token: ben.token).status == .forbidden)
            #expect(try await browser.json(.post, "/api/v1/circles/\(coachedId)/people/\(dan.id)/approve", token: ada.token).object["status"] as? String == "member")
            #expect(try await browser.json(.post, "/api/v1/circles/\(coachedId)/people/\(dan.id)/approve", token: ada.token).status == .notFound)
            let invitedTooByDan = try await browser.json(.post, "/api/v1/circles/\(coachedId)/invitations", ["email": "cleo@example.com"], token: dan.token)
            #expect(invitedTooByDan.status == .forbidden)
            // inviting Ben, who asked, lets him in at once
            let benIn = try await browser.json(.post, "/api/v1/circles/\(coachedId)/invitations", ["email": "ben@example.com"], token: ada.token)
            #expect(benIn.object["status"] as? String == "member")
            let mine = try await browser.json(.get, "/api/v1/circles", token: ben.token).object["items"] as? [[String: Any]] ?? []
            #expect(Set(mine.compactMap { $0["name"] as? String }) == ["Staff engineers' circle", "First-time managers"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func meetingsNotesAndTheThreadAreForMembersOnly(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withTestApp(database, clock: clock) { browser in
            let admin = try await member(browser, "Site Admin", "admin@example.com")
            let coach = try await member(browser, "Coach Carla", "carla@example.com")
            let ben = try await member(browser, "Ben", "ben@example.com")
            let outsider = try await member(browser, "Olga", "olga@example.com")
            let created = try await browser.json(.post, "/api/v1/circles", [
                "name": "Public speaking", "goal": "Give a conference talk", "kind": "cohort", "capacity": 5, "joinPolicy": "request",
            ], token: coach.token)
            let id = try #require(created.object["id"] as? String)
            try await browser.json(.post, "/api/v1/circles/\(id)/invitations", ["email": "ben@example.com"], token: coach.token)
            try await browser.json(.post, "/api/v1/circles/\(id)/join", token: ben.token)
            let formatter = ISO8601DateFormatter()
            func at(_ hours: Double) -> String { formatter.string(from: clock.now.addingTimeInterval(hours * 3600)) }
            // the same notice as 1:1 meetings (48 hours), an agenda, 15 minutes to 4 hours
            let soon = try await browser.json(.post, "/api/v1/circles/\(id)/meetings", ["agenda": "", "start": at(2), "end": at(3), "location": "Room 1"],
                                              token: coach.token)
            #expect(soon.status == .unprocessableContent && soon.text.contains("48 hours") && soon.text.contains("agenda"))
            let meeting = try await browser.json(.post, "/api/v1/circles/\(id)/meetings", [
                "agenda": "Outline your talk", "start": at(72), "end": at(73.5), "location": "https://meet.example.org/talks",
            ], token: coach.token)
            #expect(meeting.status == .created, "\(meeting.text)")
            let meetingId = try #require(meeting.object["id"] as? String)
            let overlap = try await browser.json(.post, "/api/v1/circles/\(id)/meetings", ["agenda": "Again", "start": at(73), "end": at(74), "location": "Room 1"],
                                                 token: coach.token)
            #expect(overlap.status == .unprocessableContent && overlap.text.contains("already meets"))
            // in a coached group only the coach schedules
            #expect(try await browser.json(.post, "/api/v1/circles/\(id)/meetings", ["agenda": "Mine", "start": at(100), "end": at(101), "location": "Room 1"],
                                           token: ben.token).status == .forbidden)
            let benInbox = try await browser.json(.get, "/api/v1/notifications", token: ben.token).object["items"] as? [[String: Any]] ?? []
            #expect(benInbox.contains { ($0["text"] as? String ?? "").contains("New meeting in “Public speaking”") })
            // the group calendar
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(ben.token)"
            let ics = try await browser.request(.get, "/api/v1/circles/\(id)/calendar", headers: headers)
            #expect(ics.text.contains("UID:circle-meeting-\(meetingId.lowercased())@ithaca") && ics.text.contains("SUMMARY:Public speaking"))
            headers[.authorization] = "Bearer \(outsider.token)"
            #expect(try await browser.request(.get, "/api/v1/circle-meetings/\(meetingId)/ics", headers: headers).status == .notFound)
            // notes and the thread: members only, never the site admin, never an outsider
            let xss = "<script>alert('x')</script> **Slides** [link](javascript:alert(1))"
            let note = try await browser.json(.post, "/api/v1/circles/\(id)/posts", ["kind": "note", "body": xss], token: ben.token)
            #expect(note.status == .created && !(note.object["bodyHtml"] as? String ?? "").contains("<script") && !(note.object["bodyHtml"] as? String ?? "").contains("javascript:"))
            #expect(try await browser.json(.post, "/api/v1/circles/\(id)/posts", ["kind": "message", "body": "  "], token: ben.token).status == .unprocessableContent)
            for n in 1...32 {
                try await browser.json(.post, "/api/v1/circles/\(id)/posts", ["kind": "message", "body": "Message \(n)"], token: n.isMultiple(of: 2) ? ben.token : coach.token)
                clock.advance(by: 1)
            }
            let firstPage = try await browser.json(.get, "/api/v1/circles/\(id)/posts?kind=message", token: ben.token)
            let items = firstPage.object["items"] as? [[String: Any]] ?? []
            #expect(items.count == 30 && items.first?["body"] as? String == "Message 32")
            let cursor = try #require(firstPage.object["nextCursor"] as? String)
            let secondPage = try await browser.json(.get, "/api/v1/circles/\(id)/posts?kind=message&cursor=\(cursor)", token: ben.token)
            #expect((secondPage.object["items"] as? [[String: Any]])?.compactMap { $0["body"] as? String } == ["Message 2", "Message 1"])
            for token in [admin.token, outsider.token] {
                #expect(try await browser.json(.get, "/api/v1/circles/\(id)/posts?kind=note", token: token).status == .forbidden)
                #expect(try await browser.json(.post, "/api/v1/circles/\(id)/posts", ["kind": "message", "body": "hi"], token: token).status == .forbidden)
                let seen = try await browser.json(.get, "/api/v1/circles/\(id)", token: token)
                #expect(seen.status == .ok && seen.object["people"] == nil && seen.object["meetings"] == nil)
            }
            // cancelling within 24 hours shows as late; after the start nobody cancels
            clock.advance(by: 60 * 3600)
            let cancelled = try await browser.json(.post, "/api/v1/circle-meetings/\(meetingId)/cancel", token: coach.token)
            #expect(cancelled.object["cancellation"] as? String == "late" && cancelled.object["cancelled"] as? Bool == true)
            #expect(try await browser.json(.post, "/api/v1/circle-meetings/\(meetingId)/cancel", token: coach.token).status == .conflict)
            let listed = try await browser.json(.get, "/api/v1/circles/\(id)", token: ben.token).object["meetings"] as? [[String: Any]] ?? []
            #expect(listed.first?["cancellation"] as? String == "late")
        }
    }

    @Test(arguments: TestDatabase.all)
    func theCirclePagesWorkWithoutJavaScript(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            _ = try await member(browser, "Ada Organiser", "ada@example.com", password: "a long passphrase here")
            let ben = try await member(browser, "Ben <b>Bold</b>", "ben@example.com")
            try await browser.signIn(email: "ada@example.com", password: "a long passphrase here")
            let bad = try await browser.postForm("/circles", ["name": "", "goal": "", "capacity": "20", "kind": "peer_circle", "joinPolicy": "request"])
            #expect(bad.status == .unprocessableContent && bad.text.contains("Give the circle a name.") && bad.text.contains("3 to 8"))
            let created = try await browser.postForm("/circles", ["name": "Career changers <i>2027</i>", "goal": "Land a first tech job",
                                                                  "capacity": "6", "kind": "peer_circle", "joinPolicy": "request"])
            let location = try #require(created.header("Location"))
            let unknown = try await browser.postForm(location + "/invite", ["email": "nobody@example.com"])
            #expect(unknown.status == .unprocessableContent && unknown.text.contains("Nobody in Ithaca has that email address."))
            #expect(try await browser.postForm(location + "/invite", ["email": "ben@example.com"]).status == .seeOther)
            let badMeeting = try await browser.postForm(location + "/meetings", ["agenda": "Intros", "start": "", "end": "2027-01-01T10:00", "location": "Room"])
            #expect(badMeeting.status == .unprocessableContent && badMeeting.text.contains("Enter the start as a date and time."))
            let emptyNote = try await browser.postForm(location + "/notes", ["note": " "])
            #expect(emptyNote.status == .unprocessableContent && emptyNote.text.contains("Write the note first.") && emptyNote.text.contains("id=\"note-error\""))
            #expect(try await browser.postForm(location + "/messages", ["message": "Welcome, everyone"]).status == .seeOther)
            let page = try await browser.get(location)
            #expect(page.text.contains("Career changers &lt;i&gt;2027&lt;/i&gt;") && page.text.contains("Ben &lt;b&gt;Bold&lt;/b&gt;")
                    && page.text.contains("Welcome, everyone") && page.text.contains("Invited"))
            let list = try await browser.get("/circles")
            #expect(list.text.contains("Your circles") && list.text.contains("Career changers &lt;i&gt;2027&lt;/i&gt;"))
            _ = ben
        }
    }
}
