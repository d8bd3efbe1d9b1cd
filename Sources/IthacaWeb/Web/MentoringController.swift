import Foundation
import Hummingbird
import IthacaDomain
import IthacaStorage

/// "Your mentoring": requests sent and received, mentorships, and the agreement both people acknowledge.
struct MentoringController {
    let services: AppServices
    let cookies: SessionCookies

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteRoute.mentoring)) { _, context in try await overview(context) }
        router.post(RouterPath(SiteRoute.acceptPattern)) { _, context in try await accept(context) }
        router.post(RouterPath(SiteRoute.declinePattern)) { request, context in try await decline(request, context) }
        router.post(RouterPath(SiteRoute.withdrawPattern)) { _, context in try await withdraw(context) }
        router.post(RouterPath(SiteRoute.askMorePattern)) { request, context in try await askMore(request, context) }
        router.post(RouterPath(SiteRoute.replyPattern)) { request, context in try await reply(request, context) }
        router.post(RouterPath(SiteRoute.reportRequestPattern)) { request, context in try await report(request, context) }
        router.post(RouterPath(SiteRoute.reopenRequests)) { _, context in try await reopen(context) }
        router.get(RouterPath(SiteRoute.mentorshipPattern)) { _, context in try await mentorship(context) }
        router.post(RouterPath(SiteRoute.acknowledgePattern)) { request, context in try await acknowledge(request, context) }
        router.post(RouterPath(SiteRoute.endPattern)) { request, context in try await end(request, context) }
        router.post(RouterPath(SiteRoute.agreementPattern)) { request, context in try await reviseAgreement(request, context) }
        router.post(RouterPath(SiteRoute.pausePattern)) { _, context in try await move(context, .mentorshipPaused) { try await services.mentorships.pause($0, by: $1) } }
        router.post(RouterPath(SiteRoute.resumePattern)) { _, context in try await move(context, .mentorshipResumed) { try await services.mentorships.resume($0, by: $1) } }
        router.post(RouterPath(SiteRoute.completePattern)) { _, context in try await complete(context) }
        router.post(RouterPath(SiteRoute.retrospectivePattern)) { request, context in try await retrospective(request, context) }
        router.post(RouterPath(SiteRoute.payItForward)) { request, context in try await payItForward(request, context) }
    }

    func overview(_ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let requests = try await services.mentorships.requests(of: viewer)
        let mentorships = try await services.mentorships.mentorships(of: viewer)
        let people = Set(requests.flatMap { [$0.menteeId, $0.mentorId] } + mentorships.flatMap { [$0.menteeId, $0.mentorId] })
        let names = try await services.profileStore.names(of: Array(people))
        func person(_ id: UUID) -> ViewModel { ["name": names[id] ?? "A former member", "url": SiteRoute.person(id)] }

        var received: [ViewModel] = []
        let waiting = requests.filter { $0.mentorId == viewer.id && $0.status.isOpen }
        let mentees = try await services.profileStore.profiles(ids: waiting.map(\.menteeId))
        for request in waiting {
            let mentee = mentees[request.menteeId]
            received.append([
                "id": request.id.uuidString, "mentee": person(request.menteeId), "goal": request.details.goal,
                "focus": request.details.focus.label, "message": request.details.message,
                "menteeGoals": mentee?.goals ?? "", "strengths": mentee?.strengths ?? [], "areasToGrow": mentee?.areasToGrow ?? [],
                "hasStrengths": !(mentee?.strengths.isEmpty ?? true), "hasAreasToGrow": !(mentee?.areasToGrow.isEmpty ?? true),
                "acceptUrl": SiteRoute.acceptRequest(request.id), "declineUrl": SiteRoute.declineRequest(request.id),
                "askMoreUrl": SiteRoute.askMore(request.id), "reportUrl": SiteRoute.reportRequest(request.id),
                "waitingForReply": request.status == .needsInfo, "question": request.infoQuestion ?? "", "reply": request.infoReply ?? "",
            ])
        }
        let sent: [ViewModel] = requests.filter { $0.menteeId == viewer.id }.map { request in
            let status = request.status.menteeFacing
            return [
                "id": request.id.uuidString, "mentor": person(request.mentorId), "goal": request.details.goal, "focus": request.details.focus.label,
                "status": status == .needsInfo ? "Waiting for your reply" : status.rawValue.capitalized, "isPending": status.isOpen,
                "needsReply": status == .needsInfo,
                "question": request.infoQuestion ?? "", "reply": request.infoReply ?? "",
                "declineReason": request.status == .declined ? request.declineReason ?? "" : "", "withdrawUrl": SiteRoute.withdrawRequest(request.id),
                "replyUrl": SiteRoute.reply(request.id),
            ]
        }
        let list: [ViewModel] = mentorships.map { mentorship in
            let isMentor = mentorship.mentorId == viewer.id
            return [
                "url": SiteRoute.mentorship(mentorship.id!), "other": person(isMentor ? mentorship.menteeId : mentorship.mentorId),
                "role": isMentor ? "You mentor" : "Your mentor", "status": mentorship.status.label,
                "focus": mentorship.focus.label, "objective": mentorship.agreement.terms.objectives.first ?? "",
            ]
        }
        let forMe = try await services.introductions.introductions(of: viewer).filter { $0.introduction.memberId == viewer.id }
        let introNames = try await services.profileStore.names(of: forMe.flatMap { [$0.introduction.mentorId, $0.introduction.menteeId] })
        let introductions: [ViewModel] = forMe.map { view in
            let i = view.introduction
            return [
                "mentor": introNames[i.mentorId] ?? "A mentor", "mentee": introNames[i.menteeId] ?? "A member", "menteeUrl": SiteRoute.person(i.menteeId),
                "note": i.note, "status": i.status.rawValue.capitalized, "isProposed": i.status == .proposed,
                "contactEmail": view.contactEmail ?? "",
                "acceptUrl": SiteRoute.answerIntroduction(i.id, "accept"), "declineUrl": SiteRoute.answerIntroduction(i.id, "decline"),
            ]
        }
        let model: ViewModel = [
            "paused": try await !services.mentorships.isTakingRequests(viewer.id), "reopenUrl": SiteRoute.reopenRequests,
            "guideUrl": SiteRoute.bossOrMentorGuide,
            "introductions": introductions, "hasIntroductions": !introductions.isEmpty,
            "goalsUrl": SiteRoute.goals, "availabilityUrl": SiteRoute.availability,
            "received": received, "hasReceived": !received.isEmpty, "sent": sent, "hasSent": !sent.isEmpty,
            "mentorships": list, "hasMentorships": !list.isEmpty, "directoryUrl": SiteRoute.people + "?role=mentor&openOnly=on",
        ]
        return services.pages.page("mentoring", model, title: "Your mentoring", context: context, nav: .mentoring)
    }

    func accept(_ context: AppRequestContext) async throws -> Response {
        let mentorship = try await services.mentorships.accept(try context.id("requestId", "mentorship request"), by: try context.signedIn())
        return cookies.redirect(SiteRoute.mentorship(mentorship.id!), .requestAccepted)
    }

    func decline(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let reason = try await request.form().text("reason")
        _ = try await services.mentorships.decline(try context.id("requestId", "mentorship request"), by: try context.signedIn(), reason: reason.isEmpty ? nil : reason)
        return cookies.redirect(SiteRoute.mentoring, .requestDeclined)
    }

    func withdraw(_ context: AppRequestContext) async throws -> Response {
        _ = try await services.mentorships.withdraw(try context.id("requestId", "mentorship request"), by: try context.signedIn())
        return cookies.redirect(SiteRoute.mentoring, .requestWithdrawn)
    }

    /// The mentor asks a question before deciding; a blank question comes back to the page with what to fix.
    func askMore(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let question = try await request.form().text("question")
        _ = try await services.mentorships.askForInformation(
            try context.id("requestId", "mentorship request"), by: try context.signedIn(), question: question)
        return cookies.redirect(SiteRoute.mentoring, .questionSentToMentee)
    }

    func reply(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let text = try await request.form().text("reply")
        _ = try await services.mentorships.reply(try context.id("requestId", "mentorship request"), by: try context.signedIn(), text: text)
        return cookies.redirect(SiteRoute.mentoring, .replySent)
    }

    func report(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let reason = try await request.form().text("reason")
        _ = try await services.mentorships.report(try context.id("requestId", "mentorship request"), by: try context.signedIn(), reason: reason)
        return cookies.redirect(SiteRoute.mentoring, .requestReported)
    }

    func reopen(_ context: AppRequestContext) async throws -> Response {
        try await services.mentorships.reopenRequests(by: try context.signedIn())
        return cookies.redirect(SiteRoute.mentoring, .requestsReopened)
    }

    func mentorship(_ context: AppRequestContext) async throws -> Response {
        try await MentorshipPage(services: services).render(try context.id("mentorshipId", "mentorship"), context: context)
    }

    func acknowledge(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.id("mentorshipId", "mentorship")
        guard let version = Int(try await request.form().text("version")) else {
            throw IthacaError.badRequest("The agreement version is missing; reload the page and try again.")
        }
        _ = try await services.mentorships.acknowledge(id, by: try context.signedIn(), version: version)
        return cookies.redirect(SiteRoute.mentorship(id), .agreementAcknowledged)
    }

    func end(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.id("mentorshipId", "mentorship")
        let reason = try await request.form().text("reason")
        _ = try await services.mentorships.end(id, by: try context.signedIn(), reason: reason.isEmpty ? nil : reason)
        return cookies.redirect(SiteRoute.mentorship(id), .mentorshipEnded)
    }

    func reviseAgreement(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.id("mentorshipId", "mentorship")
        let form = try await request.form()
        let objectives = form.text("objectives").split(whereSeparator: \.isNewline).map(String.init)
        do {
            let before = try await services.mentorships.mentorship(id, for: try context.signedIn()).agreement.version
            let after = try await services.mentorships.reviseAgreement(
                id, by: try context.signedIn(), objectives: objectives, everyWeeks: Int(form.text("everyWeeks")) ?? 0,
                minutes: Int(form.text("minutes")) ?? 0, endDate: form.text("endDate"), confidentiality: form.text("confidentiality"))
            return cookies.redirect(SiteRoute.mentorship(id) + "#agreement-title", after.agreement.version == before ? .agreementUnchanged : .agreementRevised)
        } catch let rule as MentoringRuleViolation {
            var forms = MentorshipForms()
            let typed: ViewModel = ["objectives": form.text("objectives"), "everyWeeks": form.text("everyWeeks"), "minutes": form.text("minutes"),
                                    "endDate": form.text("endDate"), "confidentiality": form.text("confidentiality")]
            forms.agreement = FormState(rule, typed: typed)
            return try await MentorshipPage(services: services).render(id, context: context, forms: forms, status: Problem(rule).status)
        }
    }

    func move(_ context: AppRequestContext, _ flash: Flash, _ action: (UUID, Viewer) async throws -> MentorshipRecord) async throws -> Response {
        let id = try context.id("mentorshipId", "mentorship")
        _ = try await action(id, try context.signedIn())
        return cookies.redirect(SiteRoute.mentorship(id), flash)
    }

    func complete(_ context: AppRequestContext) async throws -> Response {
        let id = try context.id("mentorshipId", "mentorship")
        let mentorship = try await services.mentorships.complete(id, by: try context.signedIn())
        return cookies.redirect(SiteRoute.mentorship(id), mentorship.status == .completed ? .mentorshipCompleted : .completionRequested)
    }

    func retrospective(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.id("mentorshipId", "mentorship")
        let form = try await request.form()
        do {
            _ = try await services.mentorships.addRetrospective(
                id, by: try context.signedIn(), wentWell: form.text("wentWell"), learned: form.text("learned"), next: form.text("next"))
        } catch let rule as MentoringRuleViolation {
            var forms = MentorshipForms()
            forms.retrospective = FormState(
                rule, typed: ["wentWell": form.text("wentWell"), "learned": form.text("learned"), "next": form.text("next")])
            return try await MentorshipPage(services: services).render(id, context: context, forms: forms, status: Problem(rule).status)
        }
        return cookies.redirect(SiteRoute.mentorship(id) + "#retrospective-title", .retrospectiveSaved)
    }

    /// A mentee who completed a mentorship turns on "open to mentoring" with the places they can offer.
    func payItForward(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        var changes = ProfileChanges()
        changes.openToMentoring = true
        changes.mentorCapacity = Int(try await request.form().text("mentorCapacity")) ?? 1
        _ = try await services.profiles.update(viewer, changes: changes)
        return cookies.redirect(SiteRoute.person(viewer.id), .nowMentoring)
    }
}
