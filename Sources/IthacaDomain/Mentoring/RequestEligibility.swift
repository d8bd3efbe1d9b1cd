import Foundation

/// Whether a mentee may ask a particular mentor, and whether a mentor still has room to accept.
public enum RequestEligibility {
    /// Throws the first rule the request would break, in this order: asking yourself; a request already pending
    /// with this mentor; this mentor already mentoring you; a mentor not open to mentoring; a mentor at capacity;
    /// a mentor above you in the reporting line; a mentor below you in it.
    ///
    /// - Parameters:
    ///   - pendingRequestMentors: mentors this mentee has a pending request with.
    ///   - currentMentors: mentors of this mentee's mentorships that occupy capacity (proposed, active, paused).
    ///   - managerOf: each person's manager, from profiles; loops in the data are tolerated.
    public static func check(
        mentee: UUID,
        mentor: MentorSnapshot,
        pendingRequestMentors: Set<UUID>,
        currentMentors: Set<UUID> = [],
        managerOf: (UUID) -> UUID?
    ) throws(MentoringRuleViolation) {
        if mentee == mentor.id { throw .askingYourself }
        if pendingRequestMentors.contains(mentor.id) { throw .requestAlreadyPending }
        if currentMentors.contains(mentor.id) { throw .alreadyYourMentor }
        try checkRoom(mentor)
        if !mentor.takingRequests { throw .mentorNotTakingRequests }
        try checkReportingLine(mentee: mentee, mentor: mentor.id, managerOf: managerOf)
    }

    /// Throws when the mentor is not open to mentoring or has no place left; call again when the mentor accepts,
    /// inside the same transaction that counts their mentorships, so concurrent accepts can't overfill.
    public static func checkRoom(_ mentor: MentorSnapshot) throws(MentoringRuleViolation) {
        if !mentor.openToMentoring { throw .mentorNotOpenToMentoring }
        if mentor.isAtCapacity { throw .mentorAtCapacity(capacity: mentor.capacity) }
    }

    /// Throws when one of the two manages the other, directly or through others.
    public static func checkReportingLine(mentee: UUID, mentor: UUID, managerOf: (UUID) -> UUID?)
        throws(MentoringRuleViolation)
    {
        guard ReportingLine.isInReportingLine(mentee, mentor, managerOf: managerOf) else { return }
        if ReportingLine.chainAbove(mentee, managerOf: managerOf).contains(mentor) { throw .mentorManagesYou }
        throw .mentorReportsToYou
    }
}
