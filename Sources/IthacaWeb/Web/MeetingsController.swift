import Foundation
import Hummingbird
import IthacaDomain
import IthacaStorage

/// Booking and running meetings from the web: the meeting page (agenda, carried-over items, outcome, feedback),
/// .ics downloads, and the notes and messages posted from a mentorship's page.
struct MeetingsController {
    let services: AppServices
    let cookies: SessionCookies

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post(RouterPath(SiteRoute.bookPattern)) { request, context in try await book(request, context) }
        router.post(RouterPath(SiteRoute.notesPattern)) { request, context in try await addNote(request, context) }
        router.post(RouterPath(SiteRoute.messagesPattern)) { request, context in try await sendMessage(request, context) }
        router.get(RouterPath(SiteRoute.meetingPattern)) { _, context in try await meeting(context) }
        router.get(RouterPath(SiteRoute.meetingIcsPattern)) { _, context in try await ics(context) }
        router.post(RouterPath(SiteRoute.cancelMeetingPattern)) { _, context in try await cancel(context) }
        router.post(RouterPath(SiteRoute.outcomePattern)) { request, context in try await outcome(request, context) }
        router.post(RouterPath(SiteRoute.itemsPattern)) { request, context in try await addItem(request, context) }
        router.post(RouterPath(SiteRoute.resolveItemPattern)) { request, context in try await resolveItem(request, context) }
        router.post(RouterPath(SiteRoute.meetingNotesPattern)) { request, context in try await addMeetingNote(request, context) }
        router.post(RouterPath(SiteRoute.feedbackPattern)) { request, context in try await feedback(request, context) }
    }

    // MARK: From the mentorship page

    func book(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("mentorshipId", "mentorship")
        let form = try await request.form()
        let typed: ViewModel = ["start": form.text("start"), "agenda": form.text("agenda")]
        do {
            guard let start = ISO8601DateFormatter().date(from: form.text("start")) else {
                throw MentoringRuleViolation.invalidFields([FieldError(field: "start", message: "Choose one of the free slots.")])
            }
            let meeting = try await services.meetings.book(
                id, by: viewer, start: start, durationMinutes: Int(form.text("durationMinutes")) ?? 0, agenda: form.text("agenda"))
            return cookies.redirect(SiteRoute.meeting(meeting.id), .meetingBooked)
        } catch let rule as MentoringRuleViolation {
            var forms = MentorshipForms()
            forms.booking = FormState(Self.bookingFieldError(rule), typed: typed)
            return try await MentorshipPage(services: services).render(id, context: context, forms: forms, status: Problem(rule).status)
        }
    }

    func addNote(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("mentorshipId", "mentorship")
        let form = try await request.form()
        do {
            _ = try await services.notes.addNote(to: id, by: viewer, body: form.text("body"), shared: form.isChecked("shared"), meetingId: nil)
            return cookies.redirect(SiteRoute.mentorship(id) + "#notes-title", .noteSaved)
        } catch let rule as MentoringRuleViolation {
            var forms = MentorshipForms()
            forms.note = FormState(rule, typed: ["body": form.text("body"), "shared": form.isChecked("shared")], renaming: ["body": "noteBody"])
            return try await MentorshipPage(services: services).render(id, context: context, forms: forms, status: Problem(rule).status)
        }
    }

    func sendMessage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("mentorshipId", "mentorship")
        let form = try await request.form()
        do {
            _ = try await services.notes.sendMessage(in: id, by: viewer, body: form.text("body"))
            return cookies.redirect(SiteRoute.mentorship(id) + "#messages-title", .messageSent)
        } catch let rule as MentoringRuleViolation {
            var forms = MentorshipForms()
            forms.message = FormState(rule, typed: ["body": form.text("body")], renaming: ["body": "messageBody"])
            return try await MentorshipPage(services: services).render(id, context: context, forms: forms, status: Problem(rule).status)
        }
    }

    // MARK: The meeting page

    func meeting(_ context: AppRequestContext, forms: MeetingForms = MeetingForms(), status: HTTPResponse.Status = .ok) async throws -> Response {
        try await MeetingPage(services: services).render(try context.id("meetingId", "meeting"), context: context, forms: forms, status: status)
    }

    func ics(_ context: AppRequestContext) async throws -> Response {
        let id = try context.id("meetingId", "meeting")
        let document = try await services.meetings.ics(id, for: try context.signedIn())
        return .calendar(document, downloadAs: "meeting-\(id.uuidString.lowercased()).ics")
    }

    func cancel(_ context: AppRequestContext) async throws -> Response {
        let id = try context.id("meetingId", "meeting")
        let cancelled = try await services.meetings.cancel(id, by: try context.signedIn())
        return cookies.redirect(SiteRoute.meeting(id), cancelled.status == .cancelled(late: true) ? .meetingCancelledLate : .meetingCancelled)
    }

    func outcome(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.id("meetingId", "meeting")
        let outcome: MeetingOutcome
        switch try await request.form().text("outcome") {
        case "held": outcome = .held
        case "noShowMentor": outcome = .noShow(who: .mentor)
        case "noShowMentee": outcome = .noShow(who: .mentee)
        default: throw IthacaError.badRequest("Choose whether the meeting was held or missed.")
        }
        _ = try await services.meetings.record(id, outcome, by: try context.signedIn())
        return cookies.redirect(SiteRoute.meeting(id), .meetingRecorded)
    }

    func addItem(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("meetingId", "meeting")
        let form = try await request.form()
        let kind = CarriedItem.Kind(rawValue: form.text("kind")) ?? .actionItem
        do {
            _ = try await services.meetings.addItem(to: id, by: viewer, kind: kind, text: form.text("text"))
            return cookies.redirect(SiteRoute.meeting(id) + "#items-title", .itemAdded)
        } catch let rule as MentoringRuleViolation {
            var forms = MeetingForms()
            forms.item = FormState(rule, typed: ["text": form.text("text"), "kind": kind.rawValue], renaming: ["text": "itemText"])
            return try await meeting(context, forms: forms, status: Problem(rule).status)
        }
    }

    func resolveItem(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let itemId = try context.id("itemId", "item")
        let form = try await request.form()
        try await services.meetings.setItem(itemId, resolved: form.text("resolved") != "false", by: try context.signedIn())
        let back = form["meetingId"].flatMap(UUID.init(uuidString:)).map { SiteRoute.meeting($0) + "#items-title" } ?? SiteRoute.mentoring
        return cookies.redirect(back, .itemUpdated)
    }

    /// A light note about this meeting, shared with the other person unless unticked.
    func addMeetingNote(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("meetingId", "meeting")
        let meeting = try await services.meetings.meeting(id, for: viewer)
        let form = try await request.form()
        do {
            _ = try await services.notes.addNote(
                to: meeting.mentorshipId, by: viewer, body: form.text("body"), shared: form.isChecked("shared"), meetingId: id)
            return cookies.redirect(SiteRoute.meeting(id) + "#notes-title", .noteSaved)
        } catch let rule as MentoringRuleViolation {
            var forms = MeetingForms()
            forms.note = FormState(rule, typed: ["body": form.text("body"), "shared": form.isChecked("shared")], renaming: ["body": "noteBody"])
            return try await self.meeting(context, forms: forms, status: Problem(rule).status)
        }
    }

    func feedback(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("meetingId", "meeting")
        let form = try await request.form()
        let comment = form.text("comment")
        do {
            _ = try await services.meetings.giveFeedback(
                on: id, by: viewer, useful: Int(form.text("useful")) ?? 0, comment: comment.isEmpty ? nil : comment)
            return cookies.redirect(SiteRoute.meeting(id), .feedbackSent)
        } catch let rule as MentoringRuleViolation {
            var forms = MeetingForms()
            forms.feedback = FormState(rule, typed: ["useful": form.text("useful"), "comment": comment])
            return try await meeting(context, forms: forms, status: Problem(rule).status)
        }
    }

    // MARK: Helpers

    /// Booking problems that belong to one field of the form, shown next to it (the API keeps them as rules).
    static func bookingFieldError(_ rule: MentoringRuleViolation) -> MentoringRuleViolation {
        switch rule {
        case .agendaRequired: .invalidFields([FieldError(field: "agenda", message: rule.message)])
        case .slotTaken, .slotOutsideAvailability, .bookingNoticeTooShort:
            .invalidFields([FieldError(field: "start", message: rule.message)])
        default: rule
        }
    }

}
