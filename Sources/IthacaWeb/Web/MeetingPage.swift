import Foundation
import Hummingbird
import IthacaDomain
import IthacaStorage

/// The forms on a meeting's page.
struct MeetingForms {
    var note = FormState()
    var item = FormState()
    var feedback = FormState()
}

/// One meeting's page: when and what for, the items carried over and raised, what happened, and feedback.
struct MeetingPage {
    let services: AppServices

    func render(_ id: UUID, context: AppRequestContext, forms: MeetingForms, status: HTTPResponse.Status) async throws -> Response {
        let viewer = try context.signedIn()
        let detail = try await services.meetings.detail(id, for: viewer)
        let meeting = detail.meeting
        let role = meeting.role(of: viewer.id)!
        let otherId = role == .mentor ? meeting.menteeId : meeting.mentorId
        let otherName = try await services.profileStore.names(of: [otherId])[otherId] ?? "A former member"
        let zone = try await services.profileStore.profile(userId: viewer.id)?.timeZone ?? "UTC"
        let now = services.configuration.clock.now()
        let started = now >= meeting.start
        let policy = try await services.bookingPolicies.policy(for: try await services.mentorships.mentorship(meeting.mentorshipId, for: viewer))
        func item(_ item: CarriedItem) -> ViewModel {
            [
                "id": item.id.uuidString, "kind": item.kind.label, "text": item.text, "resolved": item.resolved,
                "resolveUrl": SiteRoute.resolveItem(item.id), "next": item.resolved ? "false" : "true",
                "action": item.resolved ? "Reopen" : "Mark resolved",
            ]
        }
        let notes = try await services.notes.notes(of: meeting.mentorshipId, for: viewer).filter { $0.meetingId == id }.map { note -> ViewModel in
            ["body": note.body, "label": MentorshipPage.noteLabel(note, viewer: viewer, otherName: otherName)]
        }
        let selectedKind = forms.item.values["kind"] as? String ?? CarriedItem.Kind.actionItem.rawValue
        let selectedUseful = forms.feedback.values["useful"] as? String ?? ""
        let model: ViewModel = [
            "heading": "Meeting with \(otherName)",
            "other": ["name": otherName, "url": SiteRoute.person(otherId)] as ViewModel,
            "mentorshipUrl": SiteRoute.mentorship(meeting.mentorshipId),
            "when": Format.meetingTime(meeting.interval, zone: zone), "zone": Format.zone(zone, at: meeting.start),
            "status": meeting.status.label, "isLate": meeting.status == .cancelled(late: true),
            "agenda": meeting.agenda, "icsUrl": SiteRoute.meetingIcs(id), "meetingId": id.uuidString,
            "canCancel": meeting.status == .scheduled && !started, "cancelUrl": SiteRoute.cancelMeeting(id),
            "cancelHint": meeting.start.timeIntervalSince(now) < policy.lateCancellationWindow
                ? "It starts in less than \(MentoringRuleViolation.hours(policy.lateCancellationWindow)), so cancelling now shows as a late cancellation to both of you." : "",
            "canRecord": meeting.status == .scheduled && started, "outcomeUrl": SiteRoute.outcome(id),
            "carriedOver": detail.carriedOver.map(item), "hasCarriedOver": !detail.carriedOver.isEmpty,
            "raised": detail.raised.map(item), "hasRaised": !detail.raised.isEmpty,
            "itemsUrl": SiteRoute.items(id),
            "notes": notes, "hasNotes": !notes.isEmpty, "notesUrl": SiteRoute.meetingNotes(id),
            "noteForm": forms.note.model.merging(["sharedChecked": forms.note.values["shared"] as? Bool ?? true]),
            "itemForm": forms.item.model.merging([
                "kindOptions": CarriedItem.Kind.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": $0.rawValue == selectedKind] as ViewModel },
            ]),
            "feedbackInvited": detail.feedbackInvited, "feedbackUrl": SiteRoute.feedback(id),
            "feedbackForm": forms.feedback.model.merging([
                "scale": FeedbackRating.scale.map { value in
                    ["value": "\(value)", "label": Self.usefulLabel(value), "checked": "\(value)" == selectedUseful] as ViewModel
                },
            ]),
            "myFeedback": detail.myFeedback.map(Self.feedback) as Any,
            "theirFeedback": detail.theirFeedback.map(Self.feedback) as Any,
            "feedbackPending": meeting.status.invitesFeedback && detail.theirFeedback == nil,
        ]
        return services.pages.page("meeting", model, title: "Meeting with \(otherName)", context: context, nav: .mentoring, status: status)
    }

    static func usefulLabel(_ value: Int) -> String {
        switch value {
        case 1: "1 · not really"
        case 5: "5 · very useful"
        default: "\(value)"
        }
    }

    static func feedback(_ rating: FeedbackRating) -> ViewModel {
        ["useful": "\(rating.useful) of 5", "comment": rating.comment ?? ""]
    }
}
