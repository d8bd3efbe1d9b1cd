import Foundation
import IthacaDomain
import Testing

private let events: [MeetingEvent] = [
    .record(.held), .record(.noShow(who: .mentor)), .record(.noShow(who: .mentee)), .cancel(late: false), .cancel(late: true),
]

@Test func scheduledMeetingMovesToEachOutcome() throws {
    #expect(try MeetingStatus.scheduled.transition(.record(.held)) == .held)
    #expect(try MeetingStatus.scheduled.transition(.record(.noShow(who: .mentee))) == .noShow(who: .mentee))
    #expect(try MeetingStatus.scheduled.transition(.record(.noShow(who: .mentor))) == .noShow(who: .mentor))
    #expect(try MeetingStatus.scheduled.transition(.cancel(late: false)) == .cancelled(late: false))
    #expect(try MeetingStatus.scheduled.transition(.cancel(late: true)) == .cancelled(late: true))
}

@Test func finishedMeetingsRefuseEveryEvent() {
    // given every status but scheduled, when anything happens, then it is refused with status and action
    for status in MeetingStatus.all where status != .scheduled {
        for event in events {
            #expect(throws: MentoringRuleViolation.meetingTransitionNotAllowed(from: status, action: event.name)) {
                try status.transition(event)
            }
        }
    }
    #expect(MeetingStatus.all.count == 6)
}

@Test func onlyScheduledMeetingsHoldTheirSlotAndOnlyHeldOnesAskForFeedback() {
    #expect(MeetingStatus.all.filter(\.occupiesSlot) == [.scheduled])
    #expect(MeetingStatus.all.filter(\.invitesFeedback) == [.held])
}

@Test func meetingStatusRoundTripsThroughItsStorageCode() {
    #expect(MeetingStatus.all.map(\.code) == ["scheduled", "held", "noShowMentor", "noShowMentee", "cancelled", "cancelledLate"])
    for status in MeetingStatus.all {
        #expect(MeetingStatus(code: status.code) == status)
    }
    #expect(MeetingStatus(code: "postponed") == nil)
}

@Test func lateCancellationReadsAsSuchForBoth() {
    #expect(MeetingStatus.cancelled(late: true).label == "Cancelled late")
    #expect(MeetingStatus.noShow(who: .mentor).label == "Missed by the mentor")
    #expect(
        MentoringRuleViolation.meetingTransitionNotAllowed(from: .held, action: MeetingEvent.cancel(late: true).name).message
            == "A meeting that is held can't be cancelled.")
}

@Test func outcomeIsRecordedOnlyOnceTheMeetingHasStarted() {
    let start = instant("2025-03-10T09:00:00Z")
    #expect(throws: MentoringRuleViolation.meetingNotYetStarted) {
        try MeetingOutcome.checkCanRecord(start: start, now: start.addingTimeInterval(-1))
    }
    #expect(violation { try MeetingOutcome.checkCanRecord(start: start, now: start) } == nil)
}
