import Foundation
import IthacaDomain
import IthacaStorage

/// Mentors publish weekly availability in their own zone; a mentorship's two people see the free slots in UTC.
public struct AvailabilityService: Sendable {
    let store: AvailabilityStore
    let profiles: ProfileStore
    let mentorships: MentorshipService
    let meetings: MeetingStore
    let clock: AppClock
    let policies: BookingPolicies
    /// How far ahead slots may be asked for at once.
    static let maximumRange: TimeInterval = 92 * 24 * 3600
    /// Slots start at a window's start and every half hour after it.
    static let slotStep: TimeInterval = 30 * 60

    /// Mine, or an empty week in my profile's time zone.
    public func availability(of viewer: Viewer) async throws -> WeeklyAvailability {
        if let saved = try await store.availability(of: viewer.id) { return saved }
        let zone = try await profiles.profile(userId: viewer.id)?.timeZone ?? "UTC"
        return WeeklyAvailability(timeZone: zone, windows: [])
    }

    public func replace(_ availability: WeeklyAvailability, for viewer: Viewer) async throws -> WeeklyAvailability {
        let valid = try availability.validated()
        try await store.save(valid, of: viewer.id, now: clock.now())
        return valid
    }

    /// Free slots of the mentor, the agreement's meeting length each, at least the booking notice ahead.
    public func slots(_ mentorshipId: UUID, for viewer: Viewer, from: Date?, to: Date?) async throws -> [DateInterval] {
        let mentorship = try await mentorships.mentorship(mentorshipId, for: viewer)
        guard mentorship.status.allowsBooking else {
            throw IthacaError.conflict("Meetings can be booked once both of you have acknowledged the agreement.")
        }
        let now = clock.now()
        let start = from ?? now
        let end = to ?? start.addingTimeInterval(14 * 24 * 3600)
        guard start < end else { throw IthacaError.invalid("to", "Choose an end after the start.") }
        guard end.timeIntervalSince(start) <= Self.maximumRange else {
            throw IthacaError.invalid("to", "Ask for at most 92 days of slots at once.")
        }
        guard let availability = try await store.availability(of: mentorship.mentorId) else { return [] }
        let minutes = TimeInterval(mentorship.agreement.terms.cadence.minutes * 60)
        let booked = try await meetings.scheduled(
            of: [mentorship.mentorId, mentorship.menteeId], overlapping: DateInterval(start: start, end: end))
        return SlotGenerator.slots(
            availability: availability, from: start, to: end, duration: minutes, step: Self.slotStep,
            booked: booked, now: now, minimumNotice: try await policies.policy(for: mentorship).minimumNotice)
    }
}
