import Foundation
import Hummingbird
import IthacaDomain
import IthacaStorage

/// The forms on a mentorship's page, so a failed submit can show the page again with what was typed.
struct MentorshipForms {
    var agreement = FormState()
    var retrospective = FormState()
    var introduction = FormState()
    var endorsement = FormState()
    var booking = FormState()
    var note = FormState()
    var message = FormState()
}

/// One mentorship's page: the agreement, meetings and free slots, messages and notes.
struct MentorshipPage {
    let services: AppServices
    /// How many free slots the booking form offers at once (about two weeks of a mentor's usual windows).
    static let slotsShown = 160

    func render(_ id: UUID, context: AppRequestContext, forms: MentorshipForms = MentorshipForms(), status: HTTPResponse.Status = .ok) async throws -> Response {
        let viewer = try context.signedIn()
        let mentorship = try await services.mentorships.mentorship(id, for: viewer)
        let role = mentorship.role(of: viewer.id)!
        let otherId = role == .mentor ? mentorship.menteeId : mentorship.mentorId
        let names = try await services.profileStore.names(of: [otherId, viewer.id])
        let otherName = names[otherId] ?? "A former member"
        let viewerProfile = try await services.profileStore.profile(userId: viewer.id)
        let zone = viewerProfile?.timeZone ?? "UTC"
        let now = services.configuration.clock.now()
        let agreement = mentorship.agreement
        let terms = agreement.terms

        let meetings = try await services.meetings.meetings(ofMentorship: id, for: viewer)
        func meetingModel(_ meeting: Meeting) -> ViewModel {
            [
                "url": SiteRoute.meeting(meeting.id), "when": Format.meetingTime(meeting.interval, zone: zone),
                "status": meeting.status.label, "isLate": meeting.status == .cancelled(late: true), "agenda": meeting.agenda,
            ]
        }
        let upcoming = meetings.filter { $0.end > now && $0.status == .scheduled }.map(meetingModel)
        let past = meetings.filter { !($0.end > now && $0.status == .scheduled) }.reversed().map(meetingModel)

        var slotDays: [ViewModel] = []
        if mentorship.status.allowsBooking {
            let slots = try await services.availability.slots(id, for: viewer, from: nil, to: nil).prefix(Self.slotsShown)
            let chosen = forms.booking.values["start"] as? String ?? ""
            var byDay: [(String, [ViewModel])] = []
            for slot in slots {
                let day = Format.day(slot.start, zone: zone)
                let value = Format.iso(slot.start)
                let model: ViewModel = [
                    "value": value, "label": "\(Format.clock(slot.start, zone: zone))–\(Format.clock(slot.end, zone: zone))",
                    "id": "slot-\(Int(slot.start.timeIntervalSince1970))", "checked": value == chosen,
                ]
                if byDay.last?.0 == day { byDay[byDay.count - 1].1.append(model) } else { byDay.append((day, [model])) }
            }
            slotDays = byDay.map { ["day": $0.0, "slots": $0.1] as ViewModel }
        }

        let notes = try await services.notes.notes(of: id, for: viewer).map { note -> ViewModel in
            [
                "body": note.body, "when": Format.timestamp(note.createdAt), "mine": note.authorId == viewer.id,
                "label": Self.noteLabel(note, viewer: viewer, otherName: otherName),
            ]
        }
        let messages = try await services.notes.messages(of: id, for: viewer).map { message -> ViewModel in
            ["body": message.body, "when": Format.timestamp(message.createdAt),
             "author": message.authorId == viewer.id ? "You" : otherName, "mine": message.authorId == viewer.id]
        }

        let storedRetrospectives = try await services.mentorships.retrospectives(id, for: viewer)
        let retrospectives = storedRetrospectives.map { stored -> ViewModel in
            let r = stored.retrospective
            let mine = stored.authorId == viewer.id
            let authorRole: MentorshipRole = stored.authorId == mentorship.mentorId ? .mentor : .mentee
            return [
                "who": mine ? "You" : otherName, "wentWell": r.wentWell, "learned": r.learned, "next": r.next,
                "learnedLabel": authorRole == .mentor ? "Learned from the mentee" : "Learned from the mentor",
            ]
        }
        let wroteRetrospective = storedRetrospectives.contains { $0.authorId == viewer.id }
        var suggestions: [ViewModel] = []
        if mentorship.status.isFinished, role == .mentee {
            suggestions = try await suggestedMentors(wanting: viewerProfile?.skillsWanted ?? [], excluding: [mentorship.mentorId, viewer.id])
        }
        let finished = mentorship.status.isFinished
        let introductions = try await services.introductions.introductions(of: viewer).filter { $0.introduction.mentorshipId == id }
        let memberNames = try await services.profileStore.names(of: introductions.map(\.introduction.memberId))
        let introductionModels = introductions.map { view -> ViewModel in
            let i = view.introduction
            return ["member": memberNames[i.memberId] ?? "A former member", "memberUrl": SiteRoute.person(i.memberId), "note": i.note,
                    "status": i.status.rawValue.capitalized, "contactEmail": view.contactEmail ?? ""]
        }
        let endorsements = try await services.introductions.endorsements(of: viewer).filter { $0.mentorshipId == id }
        let endorsementModels = endorsements.map { e -> ViewModel in
            ["text": e.text, "status": e.status.rawValue.capitalized, "awaitsMe": role == .mentee && e.status == .pending,
             "approveUrl": SiteRoute.answerEndorsement(e.id, "approve"), "rejectUrl": SiteRoute.answerEndorsement(e.id, "reject")]
        }
        var programName: String?
        if let program = mentorship.programId { programName = try await services.programs.program(program).details.name }
        let linkedGoals = try await services.goals.goals(ofMentorship: id, for: viewer).map { goal -> ViewModel in
            ["title": goal.title, "percent": goal.progress.percent,
             "progressText": goal.progress.isAchieved ? "Achieved" : "\(goal.progress.percent)% of milestones done"]
        }
        let viewerIsMentoring = viewerProfile?.openToMentoring ?? true
        let invitePayItForward = role == .mentee && mentorship.status == .completed && !viewerIsMentoring
        let agreedToComplete = mentorship.completionAgreedBy
        let typedAgreement = forms.agreement.values
        let agreementForm = forms.agreement.model.merging([
            "objectivesText": typedAgreement["objectives"] as? String ?? terms.objectives.joined(separator: "\n"),
            "everyWeeks": typedAgreement["everyWeeks"] as? String ?? "\(terms.cadence.everyWeeks)",
            "minutes": typedAgreement["minutes"] as? String ?? "\(terms.cadence.minutes)",
            "endDateValue": typedAgreement["endDate"] as? String ?? terms.endDate,
            "confidentialityText": typedAgreement["confidentiality"] as? String ?? terms.confidentiality,
            "open": forms.agreement.errors.isEmpty && forms.agreement.formError == nil ? "" : "open",
        ])
        let model: ViewModel = [
            "agreementForm": agreementForm, "agreementUrl": SiteRoute.agreement(id), "canEditAgreement": !mentorship.status.isFinished,
            "introductions": introductionModels, "hasIntroductions": !introductionModels.isEmpty,
            "endorsements": endorsementModels, "hasEndorsements": !endorsementModels.isEmpty,
            "canIntroduce": role == .mentor && mentorship.status != .proposed,
            "introduceUrl": SiteRoute.introduce(id), "introductionForm": forms.introduction.model,
            "endorseUrl": SiteRoute.endorse(id), "endorsementForm": forms.endorsement.model,
            "goals": linkedGoals, "hasGoals": !linkedGoals.isEmpty, "goalsUrl": SiteRoute.goals, "isMentee": role == .mentee,
            "isActive": mentorship.status == .active, "isPaused": mentorship.status == .paused, "isFinished": finished,
            "pauseUrl": SiteRoute.pause(id), "resumeUrl": SiteRoute.resume(id), "completeUrl": SiteRoute.complete(id),
            "canComplete": mentorship.status == .active || mentorship.status == .paused,
            "completionText": agreedToComplete.contains(role)
                ? "You asked to complete the mentorship; it completes when \(otherName) agrees too (or from the end date, \(terms.endDate))."
                : agreedToComplete.isEmpty ? "" : "\(otherName) would like to mark the mentorship completed. Agree if your goals are met.",
            "closedText": Self.closedText(mentorship, viewer: viewer, otherName: otherName),
            "myEndReason": mentorship.endedBy == viewer.id ? mentorship.endReason ?? "" : "",
            "retrospectives": retrospectives, "hasRetrospectives": !retrospectives.isEmpty,
            "canWriteRetrospective": finished && !wroteRetrospective, "retrospectiveUrl": SiteRoute.retrospective(id),
            "retrospectiveForm": forms.retrospective.model,
            "learnedQuestion": role == .mentor ? "What did you learn from your mentee?" : "What did you learn from your mentor?",
            "suggestions": suggestions, "hasSuggestions": !suggestions.isEmpty,
            "invitePayItForward": invitePayItForward,
            "payItForwardUrl": SiteRoute.payItForward,
            "other": ["name": otherName, "url": SiteRoute.person(otherId)] as ViewModel,
            "heading": role == .mentor ? "Mentoring \(otherName)" : "Mentored by \(otherName)",
            "status": mentorship.status.label, "focus": mentorship.focus.label,
            "programName": programName ?? "", "programUrl": mentorship.programId.map(SiteRoute.program) ?? "",
            "matchReasons": mentorship.matchReasons, "hasMatchReasons": !mentorship.matchReasons.isEmpty,
            "objectives": terms.objectives,
            "expectations": terms.expectations.map { ["title": $0.title, "description": $0.description] as ViewModel },
            "cadence": terms.cadence.label, "startDate": terms.startDate, "endDate": terms.endDate,
            "confidentiality": terms.confidentiality, "version": agreement.version,
            "acknowledgements": MentorshipRole.allCases.map { side -> String in
                let who = side == role ? "You" : otherName
                return agreement.acknowledgedBy.contains(side) ? "\(who) acknowledged version \(agreement.version)" : "\(who): not yet"
            },
            "canAcknowledge": agreement.awaitsAcknowledgement(from: role) && !mentorship.status.isFinished,
            "acknowledgeUrl": SiteRoute.acknowledge(id),
            "canEnd": !mentorship.status.isFinished, "endUrl": SiteRoute.end(id),
            "upcoming": upcoming, "hasUpcoming": !upcoming.isEmpty, "past": past, "hasPast": !past.isEmpty,
            "canBook": mentorship.status.allowsBooking, "bookingClosedText": Self.bookingClosed(mentorship.status),
            "slotDays": slotDays, "hasSlots": !slotDays.isEmpty,
            "noSlotsText": role == .mentor
                ? "You have no free slots in the next two weeks. Publish your availability so your mentee can book."
                : "\(otherName) has no free slots in the next two weeks. Send a message to find a time.",
            "availabilityUrl": SiteRoute.availability, "isMentor": role == .mentor,
            "zone": Format.zone(zone, at: now), "durationMinutes": terms.cadence.minutes, "bookUrl": SiteRoute.book(id),
            "notice": MentoringRuleViolation.hours(try await services.bookingPolicies.policy(for: mentorship).minimumNotice),
            "booking": forms.booking.model,
            "notes": notes, "hasNotes": !notes.isEmpty, "notesUrl": SiteRoute.notes(id), "noteForm": forms.note.model,
            "messages": messages, "hasMessages": !messages.isEmpty, "messagesUrl": SiteRoute.messages(id), "messageForm": forms.message.model,
        ]
        return services.pages.page("mentorship", model, title: model["heading"] as! String, context: context, nav: .mentoring, status: status)
    }

    /// Up to three open mentors who offer what the mentee wants to learn, for "who else could help".
    func suggestedMentors(wanting wanted: [String], excluding: Set<UUID>) async throws -> [ViewModel] {
        var found: [ViewModel] = []
        var seen = excluding
        for skill in wanted.prefix(3).map(Optional.some) + [nil] where found.count < 3 {
            let query = DirectoryQuery(skill: skill, role: .mentor, openOnly: true)
            for hit in try await services.directory.search(query, limit: 5, cursor: nil).hits where found.count < 3 {
                guard seen.insert(hit.candidate.id).inserted else { continue }
                found.append(["name": hit.candidate.name, "url": SiteRoute.person(hit.candidate.id), "reasons": hit.reasons.prefix(2).joined(separator: " · ")])
            }
        }
        return found
    }

    /// Who can read a note, as its reader sees it.
    static func noteLabel(_ note: StoredNote, viewer: Viewer, otherName: String) -> String {
        guard note.authorId == viewer.id else { return "Shared by \(otherName)" }
        return note.shared ? "Shared by you" : "Private: only you can see this"
    }

    static func closedText(_ mentorship: MentorshipRecord, viewer: Viewer, otherName: String) -> String {
        switch mentorship.status {
        case .completed: "You completed this mentorship together. Take a moment to look back."
        case .ended: mentorship.endedBy == viewer.id ? "You ended this mentorship." : "\(otherName) ended this mentorship."
        default: ""
        }
    }

    static func bookingClosed(_ status: MentorshipStatus) -> String {
        switch status {
        case .proposed: "Once you have both acknowledged the agreement, you can book meetings here."
        case .paused: "The mentorship is paused; resume it to book meetings."
        default: "This mentorship is over, so no new meetings can be booked."
        }
    }
}
