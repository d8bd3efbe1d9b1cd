import Foundation
import IthacaDomain
import Testing

private func meeting(_ iso: String, _ items: [CarriedItem]) -> MeetingRecordSummary {
    MeetingRecordSummary(meetingId: UUID(), start: instant(iso), items: items)
}

@Test func unresolvedItemsCarryOverOldestFirst() {
    // given two earlier meetings, handed over newest first
    let readBook = CarriedItem(kind: .actionItem, text: "Read Team Topologies")
    let askWhy = CarriedItem(kind: .openQuestion, text: "Why move to platform work?")
    let draftCV = CarriedItem(kind: .actionItem, text: "Draft CV", resolved: true)
    let second = meeting("2025-03-17T09:00:00Z", [askWhy])
    let first = meeting("2025-03-03T09:00:00Z", [readBook, draftCV])
    // when carried over, then open items come oldest meeting first, resolved ones are left behind
    #expect(CarryOver.items(from: [second, first]) == [readBook, askWhy])
}

@Test func itemResolvedInALaterMeetingNoLongerCarries() {
    // given an item carried into a second meeting (same id) and resolved there
    let item = CarriedItem(kind: .actionItem, text: "Ask for a stretch project")
    var done = item
    done.resolved = true
    // then it is gone
    #expect(CarryOver.items(from: [meeting("2025-03-03T09:00:00Z", [item]), meeting("2025-03-17T09:00:00Z", [done])]).isEmpty)
}

@Test func itemRecordedInSeveralMeetingsAppearsOnce() {
    // given the same open question recorded in three meetings
    let item = CarriedItem(kind: .openQuestion, text: "What does a staff engineer do?")
    let meetings = ["2025-03-03T09:00:00Z", "2025-03-17T09:00:00Z", "2025-03-31T08:00:00Z"].map { meeting($0, [item]) }
    // then it appears once
    #expect(CarryOver.items(from: meetings) == [item])
}

@Test func retypedItemCountsOnceInItsFirstPlaceAndWording() {
    // given a question asked again in a later meeting with different case and spacing and a new id
    let original = CarriedItem(kind: .openQuestion, text: "How do I  give feedback?")
    let other = CarriedItem(kind: .actionItem, text: "Shadow a 1:1")
    let retyped = CarriedItem(kind: .openQuestion, text: "how do i give feedback?")
    let found = CarryOver.items(from: [meeting("2025-03-03T09:00:00Z", [original]), meeting("2025-03-17T09:00:00Z", [other, retyped])])
    // then it appears once, first, as first written
    #expect(found == [original, other])
}

@Test func sameTextOfADifferentKindIsADifferentItem() {
    let task = CarriedItem(kind: .actionItem, text: "Pricing model")
    let question = CarriedItem(kind: .openQuestion, text: "Pricing model")
    #expect(CarryOver.items(from: [meeting("2025-03-03T09:00:00Z", [task, question])]) == [task, question])
}

@Test func onlyMeetingsBeforeTheGivenTimeCount() {
    let early = CarriedItem(kind: .actionItem, text: "Early")
    let late = CarriedItem(kind: .actionItem, text: "Late")
    let meetings = [meeting("2025-03-03T09:00:00Z", [early]), meeting("2025-03-17T09:00:00Z", [late])]
    #expect(CarryOver.items(from: meetings, before: instant("2025-03-17T09:00:00Z")) == [early])
    #expect(CarryOver.items(from: [], before: nil).isEmpty)
}

@Test func reopenedItemCarriesAgain() {
    // given an item resolved in one meeting and recorded open again later
    let item = CarriedItem(kind: .actionItem, text: "Book the conference")
    var done = item
    done.resolved = true
    let meetings = [meeting("2025-03-03T09:00:00Z", [done]), meeting("2025-03-17T09:00:00Z", [item])]
    #expect(CarryOver.items(from: meetings) == [item])
}

@Test func itemTextIsRequiredAndLimited() throws {
    #expect(try CarriedItem.validatedText("  Read chapter 3 ") == "Read chapter 3")
    #expect(invalidFieldNames { try CarriedItem.validatedText(" ") } == ["text"])
    #expect(invalidFieldNames { try CarriedItem.validatedText(String(repeating: "x", count: 501)) } == ["text"])
    #expect(CarriedItem.Kind.openQuestion.label == "Open question")
}
