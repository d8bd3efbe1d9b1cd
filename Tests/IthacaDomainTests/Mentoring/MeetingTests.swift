import Foundation
import IthacaDomain
import Testing

@Suite struct MeetingTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let mentor = UUID(), mentee = UUID()

    func meeting(startingIn interval: TimeInterval) -> Meeting {
        Meeting(
            id: UUID(), mentorshipId: UUID(), mentorId: mentor, menteeId: mentee, bookedBy: mentee,
            start: now.addingTimeInterval(interval), end: now.addingTimeInterval(interval + 45 * Span.minute),
            agenda: "Career plan", createdAt: now)
    }

    @Test func cancellingEarlyIsOnTimeAndBumpsTheSequence() throws {
        let cancelled = try meeting(startingIn: 3 * Span.day).cancelled(now: now, policy: .standard)
        #expect(cancelled.status == .cancelled(late: false))
        #expect(cancelled.sequence == 1)
    }

    @Test func cancellingWithinADayIsLate() throws {
        let cancelled = try meeting(startingIn: 23 * Span.hour).cancelled(now: now, policy: .standard)
        #expect(cancelled.status == .cancelled(late: true))
    }

    @Test func aStartedMeetingCannotBeCancelledAndACancelledOneNotAgain() throws {
        #expect(violation { try meeting(startingIn: -Span.minute).cancelled(now: now, policy: .standard) } == .meetingAlreadyStarted)
        let cancelled = try meeting(startingIn: Span.day * 3).cancelled(now: now, policy: .standard)
        #expect(violation { try cancelled.cancelled(now: now, policy: .standard) }
            == .meetingTransitionNotAllowed(from: .cancelled(late: false), action: "be cancelled"))
    }

    @Test func outcomesAreRecordedOnlyOnceTheMeetingHasStarted() throws {
        #expect(violation { try meeting(startingIn: Span.hour).recorded(.held, now: now) } == .meetingNotYetStarted)
        let held = try meeting(startingIn: -Span.hour).recorded(.held, now: now)
        #expect(held.status == .held)
        #expect(held.sequence == 0)
        #expect(try meeting(startingIn: -Span.hour).recorded(.noShow(who: .mentor), now: now).status == .noShow(who: .mentor))
    }

    @Test func theCalendarEventCarriesTheAgendaAStableUidAndTheCancellation() throws {
        let scheduled = meeting(startingIn: 3 * Span.day)
        let event = scheduled.calendarEvent(otherPersonName: "Ada", dtstamp: now)
        #expect(event.uid == "\(scheduled.id.uuidString.lowercased())@ithaca")
        #expect(event.description.contains("Career plan"))
        #expect(event.status == .confirmed)
        let cancelled = try scheduled.cancelled(now: now, policy: .standard).calendarEvent(otherPersonName: "Ada", dtstamp: now)
        #expect(cancelled.uid == event.uid)
        #expect(cancelled.sequence == event.sequence + 1)
        #expect(cancelled.status == .cancelled)
    }
}

@Suite struct BookingTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    var start: Date { now.addingTimeInterval(3 * Span.day) }
    var slot: DateInterval { DateInterval(start: start, duration: 45 * Span.minute) }

    func book(minutes: Int = 45, agenda: String = "Talk about the promotion case", at: Date? = nil,
              slots: [DateInterval]? = nil, busy: [DateInterval] = []) throws -> String {
        try Booking.check(
            start: at ?? start, durationMinutes: minutes, agenda: agenda, now: now, policy: .standard,
            availableSlots: slots ?? [slot], busy: busy)
    }

    @Test func aPublishedFreeSlotWithAnAgendaIsBooked() throws {
        #expect(try book(agenda: "  Talk about the promotion case \n") == "Talk about the promotion case")
    }

    @Test func lengthOutsideTheRangeIsAFieldError() {
        #expect(invalidFieldNames { try book(minutes: 5) } == ["durationMinutes"])
        #expect(invalidFieldNames { try book(minutes: 600) } == ["durationMinutes"])
    }

    @Test func tooLittleNoticeOrNoAgendaIsRefused() {
        #expect(violation { try book(at: now.addingTimeInterval(Span.hour)) } == .bookingNoticeTooShort(minimum: 48 * Span.hour))
        #expect(violation { try book(agenda: "   ") } == .agendaRequired)
    }

    @Test func aTimeTheMentorDidNotPublishIsRefused() {
        #expect(violation { try book(at: start.addingTimeInterval(10 * Span.minute)) } == .slotOutsideAvailability)
        #expect(violation { try book(minutes: 60) } == .slotOutsideAvailability)
    }

    @Test func anOverlapWithABookedMeetingIsTakenButBackToBackIsFine() throws {
        let overlapping = DateInterval(start: start.addingTimeInterval(30 * Span.minute), duration: 30 * Span.minute)
        #expect(violation { try book(busy: [overlapping]) } == .slotTaken)
        let before = DateInterval(start: start.addingTimeInterval(-30 * Span.minute), duration: 30 * Span.minute)
        let after = DateInterval(start: slot.end, duration: 30 * Span.minute)
        #expect(try book(busy: [before, after]) == "Talk about the promotion case")
    }
}
