import Foundation
import IthacaAPI
import IthacaDomain
import IthacaStorage
import OpenAPIRuntime

/// Meetings, their items and feedback, and calendar files through the JSON API.
extension APIHandler {
    func bookMeeting(_ input: Operations.BookMeeting.Input) async throws -> Operations.BookMeeting.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let meeting = try await services.meetings.book(
            try Self.id(input.path.mentorshipId, "mentorship"), by: viewer, start: body.start,
            durationMinutes: body.durationMinutes, agenda: body.agenda)
        return .created(.init(body: .json(Self.meeting(meeting))))
    }

    func listMentorshipMeetings(_ input: Operations.ListMentorshipMeetings.Input) async throws -> Operations.ListMentorshipMeetings.Output {
        let meetings = try await services.meetings.meetings(ofMentorship: try Self.id(input.path.mentorshipId, "mentorship"), for: try viewer())
        return .ok(.init(body: .json(.init(items: meetings.map(Self.meeting)))))
    }

    func listMeetings(_ input: Operations.ListMeetings.Input) async throws -> Operations.ListMeetings.Output {
        let meetings = try await services.meetings.meetings(of: try viewer())
        return .ok(.init(body: .json(.init(items: meetings.map(Self.meeting)))))
    }

    func getMeeting(_ input: Operations.GetMeeting.Input) async throws -> Operations.GetMeeting.Output {
        let detail = try await services.meetings.detail(try Self.id(input.path.meetingId, "meeting"), for: try viewer())
        return .ok(.init(body: .json(.init(
            meeting: Self.meeting(detail.meeting), carriedOver: detail.carriedOver.map(Self.item), items: detail.raised.map(Self.item),
            myFeedback: detail.myFeedback.map(Self.feedback), theirFeedback: detail.theirFeedback.map(Self.feedback),
            feedbackInvited: detail.feedbackInvited))))
    }

    func cancelMeeting(_ input: Operations.CancelMeeting.Input) async throws -> Operations.CancelMeeting.Output {
        let meeting = try await services.meetings.cancel(try Self.id(input.path.meetingId, "meeting"), by: try viewer())
        return .ok(.init(body: .json(Self.meeting(meeting))))
    }

    func recordMeetingOutcome(_ input: Operations.RecordMeetingOutcome.Input) async throws -> Operations.RecordMeetingOutcome.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let outcome: MeetingOutcome = switch body.outcome {
        case .held: .held
        case .noShowMentor: .noShow(who: .mentor)
        case .noShowMentee: .noShow(who: .mentee)
        }
        let meeting = try await services.meetings.record(try Self.id(input.path.meetingId, "meeting"), outcome, by: viewer)
        return .ok(.init(body: .json(Self.meeting(meeting))))
    }

    func getMeetingIcs(_ input: Operations.GetMeetingIcs.Input) async throws -> Operations.GetMeetingIcs.Output {
        let ics = try await services.meetings.ics(try Self.id(input.path.meetingId, "meeting"), for: try viewer())
        return .ok(.init(body: .textCalendar(HTTPBody(ics))))
    }

    func giveMeetingFeedback(_ input: Operations.GiveMeetingFeedback.Input) async throws -> Operations.GiveMeetingFeedback.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let rating = try await services.meetings.giveFeedback(
            on: try Self.id(input.path.meetingId, "meeting"), by: viewer, useful: body.useful, comment: body.comment)
        return .created(.init(body: .json(Self.feedback(rating))))
    }

    func addMeetingItem(_ input: Operations.AddMeetingItem.Input) async throws -> Operations.AddMeetingItem.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let kind: CarriedItem.Kind = body.kind == .openQuestion ? .openQuestion : .actionItem
        let item = try await services.meetings.addItem(to: try Self.id(input.path.meetingId, "meeting"), by: viewer, kind: kind, text: body.text)
        return .created(.init(body: .json(Self.item(item))))
    }

    func resolveItem(_ input: Operations.ResolveItem.Input) async throws -> Operations.ResolveItem.Output {
        var resolved = true
        if case .json(let body)? = input.body { resolved = body.resolved ?? true }
        try await services.meetings.setItem(try Self.id(input.path.itemId, "item"), resolved: resolved, by: try viewer())
        return .noContent(.init())
    }

    func renewCalendarFeed(_ input: Operations.RenewCalendarFeed.Input) async throws -> Operations.RenewCalendarFeed.Output {
        let path = try await services.calendarFeeds.renew(for: try viewer())
        return .created(.init(body: .json(.init(url: services.configuration.absoluteURL(path)))))
    }

    func revokeCalendarFeed(_ input: Operations.RevokeCalendarFeed.Input) async throws -> Operations.RevokeCalendarFeed.Output {
        try await services.calendarFeeds.revoke(for: try viewer())
        return .noContent(.init())
    }

    static func meeting(_ m: Meeting) -> Components.Schemas.Meeting {
        Components.Schemas.Meeting(
            id: m.id.uuidString, mentorshipId: m.mentorshipId.uuidString, mentorId: m.mentorId.uuidString,
            menteeId: m.menteeId.uuidString, start: m.start, end: m.end, durationMinutes: m.durationMinutes, agenda: m.agenda,
            status: .init(rawValue: m.status.code) ?? .cancelled, lateCancellation: m.status == .cancelled(late: true),
            sequence: m.sequence, createdAt: m.createdAt)
    }

    static func item(_ i: CarriedItem) -> Components.Schemas.Item {
        Components.Schemas.Item(id: i.id.uuidString, kind: i.kind == .openQuestion ? .openQuestion : .actionItem, text: i.text, resolved: i.resolved)
    }

    static func feedback(_ f: FeedbackRating) -> Components.Schemas.Feedback {
        Components.Schemas.Feedback(useful: f.useful, comment: f.comment)
    }
}
