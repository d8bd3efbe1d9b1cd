import Foundation
import IthacaDomain
import Testing

private let policy = BookingPolicy.standard
private let meeting = instant("2025-03-10T09:00:00Z")

@Test func standardBookingPolicyHasTheAgreedDefaults() {
    #expect(policy.minimumNotice == 48 * Span.hour)
    #expect(policy.lateCancellationWindow == 24 * Span.hour)
    #expect(policy.agendaRequired)
}

@Test func bookingWithExactlyTheNoticeIsAccepted() throws {
    #expect(
        try policy.checkBooking(start: meeting, now: meeting.addingTimeInterval(-48 * Span.hour), agenda: " Career plan ") == "Career plan")
}

@Test func bookingOneSecondTooLateIsRefused() {
    #expect(throws: MentoringRuleViolation.bookingNoticeTooShort(minimum: 48 * Span.hour)) {
        try policy.checkBooking(start: meeting, now: meeting.addingTimeInterval(-48 * Span.hour + 1), agenda: "Career plan")
    }
}

@Test func bookingInThePastIsRefusedForNotice() {
    #expect(throws: MentoringRuleViolation.bookingNoticeTooShort(minimum: 48 * Span.hour)) {
        try policy.checkBooking(start: meeting, now: meeting.addingTimeInterval(Span.hour), agenda: "Career plan")
    }
}

@Test func noticeCountsRealHoursAcrossTheSpringForwardNight() {
    // given a Lisbon meeting on Monday 31 March 2025 at 09:00 (08:00Z), after clocks went forward on Sunday
    let monday = instant("2025-03-31T08:00:00Z")
    // when booked on Saturday at 09:00 Lisbon (09:00Z): two days on the wall clock, but only 47 real hours
    let saturday = instant("2025-03-29T09:00:00Z")
    // then the booking is refused; an hour earlier it is fine
    #expect(throws: MentoringRuleViolation.bookingNoticeTooShort(minimum: 48 * Span.hour)) {
        try policy.checkBooking(start: monday, now: saturday, agenda: "Career plan")
    }
    #expect(violation { try policy.checkBooking(start: monday, now: saturday.addingTimeInterval(-Span.hour), agenda: "a") } == nil)
}

@Test func bookingWithoutAnAgendaIsRefused() {
    let early = meeting.addingTimeInterval(-7 * Span.day)
    #expect(throws: MentoringRuleViolation.agendaRequired) { try policy.checkBooking(start: meeting, now: early, agenda: "  \n ") }
}

@Test func agendaIsOptionalWhenThePolicySaysSo() throws {
    let relaxed = BookingPolicy(agendaRequired: false)
    #expect(try relaxed.checkBooking(start: meeting, now: meeting.addingTimeInterval(-7 * Span.day), agenda: "") == "")
}

@Test func agendaOverTwoThousandCharactersIsRefused() {
    let early = meeting.addingTimeInterval(-7 * Span.day)
    #expect(
        invalidFieldNames { try policy.checkBooking(start: meeting, now: early, agenda: String(repeating: "a", count: 2_001)) } == [
            "agenda"
        ])
    #expect(invalidFieldNames { try policy.checkBooking(start: meeting, now: early, agenda: String(repeating: "a", count: 2_000)) } == [])
}

@Test func cancellingAtLeast24HoursAheadIsOnTime() {
    #expect(policy.cancellation(start: meeting, now: meeting.addingTimeInterval(-24 * Span.hour)) == .onTime)
    #expect(policy.cancellation(start: meeting, now: meeting.addingTimeInterval(-3 * Span.day)) == .onTime)
}

@Test func cancellingWithinTheLastDayIsLate() {
    #expect(policy.cancellation(start: meeting, now: meeting.addingTimeInterval(-24 * Span.hour + 1)) == .late)
    #expect(policy.cancellation(start: meeting, now: meeting.addingTimeInterval(-Span.minute)) == .late)
}

@Test func lateCancellationWindowCountsRealHoursAcrossTheFallBackNight() {
    // given a New York meeting on Sunday 2 November 2025 at 18:00 EST (23:00Z), after clocks went back at 02:00
    let sunday = instant("2025-11-02T23:00:00Z")
    // when cancelled on Saturday at 18:00 EDT (22:00Z): "a day before" on the wall clock, yet 25 real hours
    #expect(policy.cancellation(start: sunday, now: instant("2025-11-01T22:00:00Z")) == .onTime)
    // and at Saturday 19:00 EDT (23:00Z), exactly 24 hours before, still on time; a minute later it is late
    #expect(policy.cancellation(start: sunday, now: instant("2025-11-01T23:00:00Z")) == .onTime)
    #expect(policy.cancellation(start: sunday, now: instant("2025-11-01T23:01:00Z")) == .late)
}

@Test func meetingCanBeCancelledOnlyBeforeItStarts() {
    #expect(violation { try policy.checkCancellable(start: meeting, now: meeting.addingTimeInterval(-1)) } == nil)
    #expect(throws: MentoringRuleViolation.meetingAlreadyStarted) { try policy.checkCancellable(start: meeting, now: meeting) }
}

@Test func customPolicyWindowsAreHonoured() throws {
    let program = BookingPolicy(minimumNotice: 2 * Span.hour, lateCancellationWindow: Span.hour, agendaRequired: true)
    #expect(try program.checkBooking(start: meeting, now: meeting.addingTimeInterval(-2 * Span.hour), agenda: "x") == "x")
    #expect(program.cancellation(start: meeting, now: meeting.addingTimeInterval(-Span.hour)) == .onTime)
    #expect(MentoringRuleViolation.bookingNoticeTooShort(minimum: 2 * Span.hour).message.contains("2 hours"))
}
