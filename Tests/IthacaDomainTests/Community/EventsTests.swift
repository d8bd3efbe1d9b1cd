import Foundation
import IthacaDomain
import Testing

@Test func seatsThenWaitlistAndPromotionInOrder() {
    #expect(RSVPRule.status(going: 1, capacity: 2) == .going)
    #expect(RSVPRule.status(going: 2, capacity: 2) == .waitlisted)
    let a = UUID(), b = UUID(), c = UUID()
    #expect(RSVPRule.promotions(going: 1, capacity: 2, waitlist: [a, b, c]) == [a])
    #expect(RSVPRule.promotions(going: 0, capacity: 2, waitlist: [a, b, c]) == [a, b])
    #expect(RSVPRule.promotions(going: 2, capacity: 2, waitlist: [a]).isEmpty)
}

@Test func eventDetailsAreCheckedAtOnce() {
    let now = instant("2027-01-10T12:00:00Z")
    var problems: [FieldError] = []
    do {
        _ = try EventDetails(title: " ", start: instant("2027-01-09T12:00:00Z"), end: instant("2027-01-09T11:00:00Z"),
                             location: "ftp://files.example.org/slides", capacity: 0).validated(now: now)
    } catch { if case .invalidFields(let errors) = error { problems = errors } }
    #expect(Set(problems.map(\.field)) == ["title", "start", "end", "location", "capacity"])
    let online = try? EventDetails(title: "Office hours", start: instant("2027-01-11T12:00:00Z"), end: instant("2027-01-11T13:00:00Z"),
                                   location: "https://meet.example.org/abc", capacity: 5).validated(now: now)
    #expect(online?.isOnline == true)
    // anything else is a place, shown as text and never as a link
    let odd = EventDetails(title: "x", start: now, end: now, location: "javascript:alert(1)", capacity: 1)
    #expect(!odd.isOnline)
}
