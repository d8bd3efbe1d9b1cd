import Foundation
import IthacaDomain
import Testing

/// One row of the transition table: from a status, an event, and the status it leads to (nil: refused).
struct MentorshipTransitionRow: Sendable, CustomTestStringConvertible {
    let from: MentorshipStatus
    let event: MentorshipEvent
    let to: MentorshipStatus?

    var testDescription: String { "\(from) + \(event) → \(to.map(\.rawValue) ?? "refused")" }
}

private let ackOne = MentorshipEvent.acknowledgeAgreement(bothAcknowledged: false)
private let ackBoth = MentorshipEvent.acknowledgeAgreement(bothAcknowledged: true)
private let end = MentorshipEvent.end(reason: "moving on")
private let allEvents: [MentorshipEvent] = [ackOne, ackBoth, .pause, .resume, .complete, end]

/// Every status × every event. Keep it complete: a test below checks its size.
private let table: [MentorshipTransitionRow] = [
    .init(from: .proposed, event: ackOne, to: .proposed),
    .init(from: .proposed, event: ackBoth, to: .active),
    .init(from: .proposed, event: .pause, to: nil),
    .init(from: .proposed, event: .resume, to: nil),
    .init(from: .proposed, event: .complete, to: nil),
    .init(from: .proposed, event: end, to: .ended),

    .init(from: .active, event: ackOne, to: .active),
    .init(from: .active, event: ackBoth, to: .active),
    .init(from: .active, event: .pause, to: .paused),
    .init(from: .active, event: .resume, to: nil),
    .init(from: .active, event: .complete, to: .completed),
    .init(from: .active, event: end, to: .ended),

    .init(from: .paused, event: ackOne, to: .paused),
    .init(from: .paused, event: ackBoth, to: .paused),
    .init(from: .paused, event: .pause, to: nil),
    .init(from: .paused, event: .resume, to: .active),
    .init(from: .paused, event: .complete, to: .completed),
    .init(from: .paused, event: end, to: .ended),

    .init(from: .completed, event: ackOne, to: nil),
    .init(from: .completed, event: ackBoth, to: nil),
    .init(from: .completed, event: .pause, to: nil),
    .init(from: .completed, event: .resume, to: nil),
    .init(from: .completed, event: .complete, to: nil),
    .init(from: .completed, event: end, to: nil),

    .init(from: .ended, event: ackOne, to: nil),
    .init(from: .ended, event: ackBoth, to: nil),
    .init(from: .ended, event: .pause, to: nil),
    .init(from: .ended, event: .resume, to: nil),
    .init(from: .ended, event: .complete, to: nil),
    .init(from: .ended, event: end, to: nil),
]

@Test func transitionTableCoversEveryStatusAndEvent() {
    #expect(table.count == MentorshipStatus.allCases.count * allEvents.count)
    for status in MentorshipStatus.allCases {
        #expect(table.filter { $0.from == status }.map(\.event) == allEvents)
    }
}

@Test(arguments: table)
func mentorshipFollowsItsTransitionTable(row: MentorshipTransitionRow) throws {
    // given a mentorship in `row.from`, when `row.event` happens
    let result = Result { () throws(MentoringRuleViolation) in try row.from.transition(row.event) }
    // then it moves to `row.to`, or is refused naming the status and the action
    if let to = row.to {
        #expect(try result.get() == to)
    } else {
        #expect(throws: MentoringRuleViolation.mentorshipTransitionNotAllowed(from: row.from, action: row.event.name)) {
            try result.get()
        }
    }
}

@Test func refusalNeverCarriesThePrivateEndReason() {
    let thrown = violation { try MentorshipStatus.completed.transition(.end(reason: "secret reason")) }
    #expect(thrown == .mentorshipTransitionNotAllowed(from: .completed, action: "be ended"))
    #expect(!(thrown?.message.contains("secret") ?? true))
    #expect(thrown?.message == "A mentorship that is completed can't be ended.")
}

@Test func proposedActiveAndPausedMentorshipsTakeAPlace() {
    #expect(MentorshipStatus.allCases.filter(\.occupiesCapacity) == [.proposed, .active, .paused])
    #expect(MentorshipStatus.allCases.filter(\.isFinished) == [.completed, .ended])
    #expect(MentorshipStatus.allCases.filter(\.allowsBooking) == [.active])
}
