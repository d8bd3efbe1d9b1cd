import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// .ics downloads and the private calendar feed: RFC 5545 shape, stable UIDs, growing SEQUENCE, no notes.
@Suite struct CalendarTests {
    /// Unfolded content lines of an iCalendar document.
    private func lines(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    @Test(arguments: TestDatabase.all)
    func aMeetingDownloadsAsAnIcsThatCancelsWithAHigherSequence(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let pair = try await makeMentorship(browser)
            let first = try #require(try await freeSlots(browser, pair).first)
            let id = try #require(try await book(browser, pair, first).object["id"] as? String)
            let ics = try await browser.get("/api/v1/meetings/\(id)/ics", headers: [.authorization: "Bearer \(pair.mentor.token)"])
            #expect(ics.status == .ok)
            #expect(ics.headers[.contentType]?.hasPrefix("text/calendar") == true)
            let before = lines(ics.text)
            #expect(before.first == "BEGIN:VCALENDAR")
            #expect(before.contains("UID:\(id.lowercased())@ithaca"))
            #expect(before.contains("SEQUENCE:0"))
            #expect(before.contains("METHOD:PUBLISH"))
            #expect(before.contains("SUMMARY:Mentoring: Ada Mentee"))
            let start = try #require(ISO8601DateFormatter().date(from: first))
            let utc = DateFormatter()
            utc.locale = Locale(identifier: "en_US_POSIX")
            utc.timeZone = TimeZone(identifier: "UTC")
            utc.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
            #expect(before.contains("DTSTART:\(utc.string(from: start))"))
            #expect(before.contains("DTEND:\(utc.string(from: start.addingTimeInterval(45 * 60)))"))
            #expect(ics.text.contains("\r\n"))
            // after cancelling, the same UID comes with METHOD:CANCEL, STATUS:CANCELLED and a higher SEQUENCE
            try await browser.json(.post, "/api/v1/meetings/\(id)/cancel", token: pair.mentee.token)
            let after = lines(try await browser.get("/api/v1/meetings/\(id)/ics", headers: [.authorization: "Bearer \(pair.mentee.token)"]).text)
            #expect(after.contains("UID:\(id.lowercased())@ithaca"))
            #expect(after.contains("METHOD:CANCEL"))
            #expect(after.contains("STATUS:CANCELLED"))
            #expect(after.contains("SEQUENCE:1"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func theFeedIsSecretRevocableAndCarriesNoNotes(database: TestDatabase) async throws {
        try await withTestApp(database) { browser in
            let pair = try await makeMentorship(browser)
            let first = try #require(try await freeSlots(browser, pair).first)
            let id = try #require(try await book(browser, pair, first).object["id"] as? String)
            let marker = "PRIVATE-NOTE-MARKER-7f3a"
            try await browser.json(.post, "/api/v1/mentorships/\(pair.id)/notes", ["body": marker, "meetingId": id], token: pair.mentee.token)
            try await browser.json(.post, "/api/v1/mentorships/\(pair.id)/notes", ["body": marker + "-shared", "shared": true], token: pair.mentee.token)
            // when the mentee makes a feed
            let created = try await browser.json(.post, "/api/v1/me/calendar-feed", token: pair.mentee.token)
            #expect(created.status == .created)
            let url = try #require(created.object["url"] as? String)
            let path = try #require(URL(string: url)?.path)
            // then it lists the meeting, without any note, and needs no sign-in
            let feed = try await browser.get(path)
            #expect(feed.status == .ok)
            #expect(feed.headers[.contentType]?.hasPrefix("text/calendar") == true)
            #expect(lines(feed.text).contains("UID:\(id.lowercased())@ithaca"))
            #expect(!feed.text.contains(marker))
            // a new feed revokes the old address; revoking ends the new one
            let renewed = try #require(try await browser.json(.post, "/api/v1/me/calendar-feed", token: pair.mentee.token).object["url"] as? String)
            #expect(try await browser.get(path).status == .notFound)
            let newPath = try #require(URL(string: renewed)?.path)
            #expect(try await browser.get(newPath).status == .ok)
            #expect(try await browser.json(.delete, "/api/v1/me/calendar-feed", token: pair.mentee.token).status == .noContent)
            #expect(try await browser.get(newPath).status == .notFound)
            #expect(try await browser.get("/calendar/guess.ics").status == .notFound)
        }
    }
}
