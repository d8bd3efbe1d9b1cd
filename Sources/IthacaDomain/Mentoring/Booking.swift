import Foundation

/// Checks a booking against every rule that protects both people's time.
public enum Booking {
    /// Shortest and longest meeting that can be booked, in minutes.
    public static let durations = 15...240

    /// The tidied agenda, or the first rule the booking breaks:
    /// - `.invalidFields` for a length outside 15–240 minutes or an agenda over 2,000 characters;
    /// - `.bookingNoticeTooShort`, `.agendaRequired` from `policy`;
    /// - `.slotOutsideAvailability` when no published window of the mentor offers exactly this start and length
    ///   (`availableSlots` are the mentor's slots of this length around `start`, ignoring bookings);
    /// - `.slotTaken` when it overlaps anything in `busy` (either person's scheduled meetings).
    public static func check(
        start: Date, durationMinutes: Int, agenda: String, now: Date, policy: BookingPolicy,
        availableSlots: [DateInterval], busy: [DateInterval]
    ) throws(MentoringRuleViolation) -> String {
        var check = FieldChecker()
        if !durations.contains(durationMinutes) {
            check.add("durationMinutes", "Choose a length between \(durations.lowerBound) and \(durations.upperBound) minutes.")
        }
        try check.throwIfInvalid()
        let tidied = try policy.checkBooking(start: start, now: now, agenda: agenda)
        let wanted = DateInterval(start: start, duration: TimeInterval(durationMinutes * 60))
        guard availableSlots.contains(wanted) else { throw .slotOutsideAvailability }
        if busy.contains(where: { overlaps($0, wanted) }) { throw .slotTaken }
        return tidied
    }

    /// Whether two meetings share any time (back-to-back meetings don't).
    public static func overlaps(_ a: DateInterval, _ b: DateInterval) -> Bool {
        a.start < b.end && b.start < a.end
    }
}
