import Foundation
import IthacaDomain
import IthacaStorage

/// Tells a meeting's two people that it was booked or cancelled, each with the time in their own zone and a calendar
/// file (`METHOD:REQUEST`, or `METHOD:CANCEL` with the same UID and a higher SEQUENCE, so calendars update it).
/// Shared by booking and cancelling, and by a mentorship that ends with meetings still to come.
struct MeetingNotices: Sendable {
    let notifications: NotificationService
    let clock: AppClock
    /// The address calendar invitations name as organiser (the mail sender's).
    let organizerEmail: String

    /// Tells both people of `meeting` (or only `onlyTo`), with the calendar event as an invitation or a cancellation.
    func tell(
        about meeting: Meeting, _ kind: NotificationKind, names: [UUID: String], onlyTo: UUID? = nil, text: (UUID, String) -> String
    ) async throws {
        let now = clock.now()
        let method: ICalendar.Method = meeting.status.isCancelled ? .cancel : .request
        let organizer = organizerEmail
        try await notifications.send(
            to: onlyTo.map { [$0] } ?? [meeting.mentorId, meeting.menteeId], kind, url: SiteRoute.meeting(meeting.id),
            calendar: { recipient in
                var event = meeting.calendarEvent(otherPersonName: names[meeting.otherPerson(than: recipient.id)] ?? "a former member", dtstamp: now)
                event.organizerEmail = organizer
                return CalendarAttachment(document: ICalendar.document(events: [event], method: method), method: method)
            },
            text: { recipient in text(recipient.id, Format.meetingTime(meeting.interval, namingZone: recipient.timeZone)) })
    }
}
