import Foundation
import IthacaDomain
import IthacaStorage

/// Reminders around meetings, each sent exactly once (its key is claimed in the same transaction): the day before,
/// an hour before, an agenda still empty a day before, and feedback due after a held meeting.
struct MeetingReminders: Sendable {
    let meetings: MeetingStore
    let profiles: ProfileStore
    let notifications: NotificationService
    let ledger: ReminderLedger
    let database: IthacaDatabase
    let clock: AppClock

    @discardableResult
    func send() async throws -> Int {
        let now = clock.now()
        var sent = 0
        let hour: TimeInterval = 3_600
        for meeting in try await meetings.scheduledMeetings(startingAfter: now, until: now.addingTimeInterval(24 * hour)) {
            let lead = meeting.start.timeIntervalSince(now)
            let names = try await profiles.names(of: [meeting.mentorId, meeting.menteeId])
            let bookedAhead = meeting.start.timeIntervalSince(meeting.createdAt)
            if lead <= hour, bookedAhead > hour {
                sent += try await remind("meeting-hour:\(meeting.id.uuidString):\(Int(meeting.start.timeIntervalSince1970))", meeting, names,
                                         .meetingReminder) { when in "Your meeting with %@ starts in an hour: \(when)." }
            } else if lead > hour, bookedAhead > 24 * hour {
                sent += try await remind("meeting-day:\(meeting.id.uuidString):\(Int(meeting.start.timeIntervalSince1970))", meeting, names,
                                         .meetingReminder) { when in "Reminder: you meet %@ tomorrow, \(when). Carried-over items are on the meeting page." }
            }
            if meeting.agenda.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                sent += try await remind("agenda-empty:\(meeting.id.uuidString)", meeting, names, .agendaEmpty) { when in
                    "The agenda of your meeting with %@ (\(when)) is still empty: add what you'd like to talk about."
                }
            }
        }
        for (meeting, gave) in try await meetings.heldMeetings(endedAfter: now.addingTimeInterval(-7 * 24 * hour), until: now) {
            let waiting = [meeting.mentorId, meeting.menteeId].filter { !gave.contains($0) }
            guard !waiting.isEmpty else { continue }
            let names = try await profiles.names(of: [meeting.mentorId, meeting.menteeId])
            for person in waiting {
                sent += try await remind("feedback:\(meeting.id.uuidString):\(person.uuidString)", meeting, names, .feedbackDue, only: person) { _ in
                    "How did your meeting with %@ go? Two clicks of feedback help you both."
                }
            }
        }
        return sent
    }

    /// Sends one reminder (to both people, or `only` one) if its key is new; "%@" in the text is the other person's name.
    private func remind(
        _ key: String, _ meeting: Meeting, _ names: [UUID: String], _ kind: NotificationKind, only: UUID? = nil,
        text: @escaping @Sendable (String) -> String
    ) async throws -> Int {
        let ledger = ledger, notifications = notifications, now = clock.now()
        let people = only.map { [$0] } ?? [meeting.mentorId, meeting.menteeId]
        let sent = try await database.transaction { _ -> Bool in
            guard try await ledger.claim(key, now: now) else { return false }
            try await notifications.send(to: people, kind, url: SiteRoute.meeting(meeting.id)) { recipient in
                let other = recipient.id == meeting.mentorId ? meeting.menteeId : meeting.mentorId
                let zone = recipient.timeZone ?? "UTC"
                let when = "\(Format.meetingTime(DateInterval(start: meeting.start, end: meeting.end), zone: zone)) (\(zone))"
                return text(when).replacingOccurrences(of: "%@", with: names[other] ?? "a former member")
            }
            return true
        }
        return sent ? 1 : 0
    }
}
