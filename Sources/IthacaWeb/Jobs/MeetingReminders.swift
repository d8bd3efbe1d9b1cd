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

    /// One reminder that may be due: its ledger key, who gets it, and its text from the meeting's time (in the
    /// recipient's zone) and the other person's name.
    private struct Reminder {
        let key: String
        let meeting: Meeting
        let kind: NotificationKind
        let people: [UUID]
        let text: @Sendable (_ when: String, _ other: String) -> String
    }

    @discardableResult
    func send() async throws -> Int {
        let candidates = try await dueReminders(now: clock.now())
        // The job runs every minute: reminders sent before are skipped with one read, so only new ones take a
        // transaction (the claim inside it stays the authority when two processes race).
        let sentBefore = try await ledger.sent(candidates.map(\.key))
        let fresh = candidates.filter { !sentBefore.contains($0.key) }
        guard !fresh.isEmpty else { return 0 }
        let names = try await profiles.names(of: Array(Set(fresh.flatMap { [$0.meeting.mentorId, $0.meeting.menteeId] })))
        var sent = 0
        for reminder in fresh where try await remind(reminder, names) { sent += 1 }
        return sent
    }

    private func dueReminders(now: Date) async throws -> [Reminder] {
        let hour: TimeInterval = 3_600
        var due: [Reminder] = []
        for meeting in try await meetings.scheduledMeetings(startingAfter: now, until: now.addingTimeInterval(24 * hour)) {
            let both = [meeting.mentorId, meeting.menteeId]
            let lead = meeting.start.timeIntervalSince(now)
            let bookedAhead = meeting.start.timeIntervalSince(meeting.createdAt)
            let start = Int(meeting.start.timeIntervalSince1970)
            if lead <= hour, bookedAhead > hour {
                due.append(Reminder(key: "meeting-hour:\(meeting.id.uuidString):\(start)", meeting: meeting, kind: .meetingReminder, people: both) {
                    when, other in "Your meeting with \(other) starts in an hour: \(when)."
                })
            } else if lead > hour, bookedAhead > 24 * hour {
                due.append(Reminder(key: "meeting-day:\(meeting.id.uuidString):\(start)", meeting: meeting, kind: .meetingReminder, people: both) {
                    when, other in "Reminder: you meet \(other) tomorrow, \(when). Carried-over items are on the meeting page."
                })
            }
            if meeting.agenda.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                due.append(Reminder(key: "agenda-empty:\(meeting.id.uuidString)", meeting: meeting, kind: .agendaEmpty, people: both) {
                    when, other in "The agenda of your meeting with \(other) (\(when)) is still empty: add what you'd like to talk about."
                })
            }
        }
        for (meeting, gave) in try await meetings.heldMeetings(endedAfter: now.addingTimeInterval(-7 * 24 * hour), until: now) {
            for person in [meeting.mentorId, meeting.menteeId] where !gave.contains(person) {
                due.append(Reminder(key: "feedback:\(meeting.id.uuidString):\(person.uuidString)", meeting: meeting, kind: .feedbackDue,
                                    people: [person]) { _, other in "How did your meeting with \(other) go? Two clicks of feedback help you both." })
            }
        }
        return due
    }

    /// Sends one reminder if its key is new (claimed in the same transaction as the notification).
    private func remind(_ reminder: Reminder, _ names: [UUID: String]) async throws -> Bool {
        let ledger = ledger, notifications = notifications, now = clock.now()
        let meeting = reminder.meeting
        return try await database.transaction { _ -> Bool in
            guard try await ledger.claim(reminder.key, now: now) else { return false }
            try await notifications.send(to: reminder.people, reminder.kind, url: SiteRoute.meeting(meeting.id)) { recipient in
                reminder.text(
                    Format.meetingTime(meeting.interval, namingZone: recipient.timeZone),
                    names[meeting.otherPerson(than: recipient.id)] ?? "a former member")
            }
            return true
        }
    }
}
