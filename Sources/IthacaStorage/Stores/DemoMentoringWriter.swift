import FluentKit
import Foundation
import IthacaDomain

/// Writes `DemoMentoring` into a database the demo people were just added to (inside the demo critical section).
struct DemoMentoringWriter {
    let db: any Database
    let ids: [Int: UUID]
    let zones: [Int: String]
    let now: Date
    static let day: TimeInterval = 24 * 3600

    func write(_ plan: DemoMentoring) async throws {
        for mentor in plan.mentors.sorted() {
            let row = AvailabilityRecord()
            row.id = ids[mentor]
            row.json = String(decoding: try JSONEncoder().encode(availability(of: mentor)), as: UTF8.self)
            row.updatedAt = now
            try await row.create(on: db)
        }
        for request in plan.requests {
            let created = now.addingTimeInterval(-Double(request.daysAgo) * Self.day)
            let stored = MentorshipRequest(
                id: UUID(), menteeId: ids[request.mentee]!, mentorId: ids[request.mentor]!,
                details: MentorshipRequestDetails(stored: request.goal, focus: request.focus, message: request.message),
                createdAt: created, status: request.status, declineReason: request.declineReason,
                closedAt: request.status == .pending ? nil : created.addingTimeInterval(Self.day))
            try await MentorshipRequestRecord(stored).create(on: db)
        }
        for mentorship in plan.mentorships { try await write(mentorship) }
    }

    /// Weekday mornings and afternoons in the mentor's own zone.
    func availability(of mentor: Int) -> WeeklyAvailability {
        let weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]
        let windows = weekdays.flatMap { day in
            [AvailabilityWindow(weekday: day, start: LocalTime(hour: 9, minute: 0)!, end: LocalTime(hour: 12, minute: 0)!),
             AvailabilityWindow(weekday: day, start: LocalTime(hour: 14, minute: 0)!, end: LocalTime(hour: 17, minute: 0)!)]
        }
        return WeeklyAvailability(timeZone: zones[mentor] ?? "UTC", windows: windows)
    }

    private func write(_ plan: DemoMentoring.Mentorship) async throws {
        let (menteeId, mentorId) = (ids[plan.mentee]!, ids[plan.mentor]!)
        let started = now.addingTimeInterval(-Double(plan.startedDaysAgo) * Self.day)
        let request = MentorshipRequest(
            id: UUID(), menteeId: menteeId, mentorId: mentorId,
            details: MentorshipRequestDetails(stored: plan.goal, focus: plan.focus, message: "Would you mentor me?"),
            createdAt: started.addingTimeInterval(-2 * Self.day), status: .accepted, closedAt: started)
        try await MentorshipRequestRecord(request).create(on: db)
        var agreement = try Agreement(terms: AgreementTerms.draft(goal: plan.goal, startDate: CalendarDay.of(started)))
        if plan.status != .proposed {
            agreement = try agreement.acknowledged(by: .mentee, version: agreement.version).acknowledged(by: .mentor, version: agreement.version)
        }
        let record = try MentorshipRecord(request: request, agreement: agreement, now: started)
        try record.apply(status: plan.status, agreement: agreement, now: started)
        if plan.status.isFinished {
            record.closedAt = now.addingTimeInterval(-30 * Self.day)
            if plan.status == .completed { record.completionAgreedBy = [.mentee, .mentor] } else { record.endedBy = menteeId }
        }
        try await record.create(on: db)
        let mentorshipId = record.id!
        func person(_ role: MentorshipRole) -> UUID { role == .mentor ? mentorId : menteeId }

        let availability = availability(of: plan.mentor)
        for planned in plan.meetings {
            let day = now.addingTimeInterval(Double(planned.dayOffset) * Self.day)
            guard let slot = SlotGenerator.slots(
                availability: availability, from: day, to: day.addingTimeInterval(5 * Self.day), duration: 45 * 60, step: 60 * 60,
                now: .distantPast, minimumNotice: 0).first else { continue }
            let meeting = Meeting(
                id: UUID(), mentorshipId: mentorshipId, mentorId: mentorId, menteeId: menteeId, bookedBy: menteeId,
                start: slot.start, end: slot.end, agenda: planned.agenda, status: planned.status,
                sequence: planned.status.isCancelled ? 1 : 0, createdAt: slot.start.addingTimeInterval(-7 * Self.day))
            try await MeetingRecord(meeting).create(on: db)
            for item in planned.items {
                let row = MeetingItemRecord()
                row.id = UUID()
                row.mentorshipId = mentorshipId
                row.meetingId = meeting.id
                row.authorId = menteeId
                row.kind = item.kind.rawValue
                row.text = item.text
                row.resolved = item.resolved
                row.resolvedAt = item.resolved ? slot.end : nil
                row.createdAt = slot.end
                try await row.create(on: db)
            }
            for feedback in planned.feedback {
                let row = MeetingFeedbackRecord()
                row.id = UUID()
                row.meetingId = meeting.id
                row.authorId = person(feedback.from)
                row.useful = feedback.useful
                row.comment = feedback.comment
                row.createdAt = slot.end
                try await row.create(on: db)
            }
        }
        for (index, message) in plan.messages.enumerated() {
            let row = MessageRecord()
            row.id = UUID()
            row.mentorshipId = mentorshipId
            row.authorId = person(message.from)
            row.body = message.text
            row.createdAt = now.addingTimeInterval(Double(index - plan.messages.count) * 3600)
            try await row.create(on: db)
        }
        if let milestones = plan.milestones {
            let goal = Goal(
                id: UUID(), ownerId: menteeId, mentorshipId: mentorshipId, title: plan.goal,
                progress: GoalProgress(milestones: milestones.map { Milestone(title: $0.0, done: $0.1) }), shareWithManager: true)
            let row = GoalRecord()
            row.id = goal.id
            row.ownerId = menteeId
            row.createdAt = started
            try row.apply(goal, now: started)
            try await row.create(on: db)
        }
        if let endorsement = plan.endorsement {
            let row = EndorsementRecord()
            row.id = UUID()
            row.mentorshipId = mentorshipId
            row.mentorId = mentorId
            row.menteeId = menteeId
            row.text = endorsement.text
            row.status = endorsement.status.rawValue
            row.createdAt = now.addingTimeInterval(-25 * Self.day)
            row.answeredAt = now.addingTimeInterval(-24 * Self.day)
            try await row.create(on: db)
        }
        if let introduction = plan.introduction {
            let row = IntroductionRecord()
            row.id = UUID()
            row.mentorshipId = mentorshipId
            row.mentorId = mentorId
            row.menteeId = menteeId
            row.memberId = ids[introduction.member]!
            row.note = introduction.note
            row.status = introduction.status.rawValue
            row.createdAt = now.addingTimeInterval(-6 * Self.day)
            row.answeredAt = introduction.status == .proposed ? nil : now.addingTimeInterval(-5 * Self.day)
            try await row.create(on: db)
        }
        for retro in plan.retrospectives {
            let row = RetrospectiveRecord()
            row.id = UUID()
            row.mentorshipId = mentorshipId
            row.authorId = person(retro.from)
            row.wentWell = retro.wentWell
            row.learned = retro.learned
            row.next = retro.next
            row.createdAt = record.closedAt ?? now
            try await row.create(on: db)
        }
    }
}
