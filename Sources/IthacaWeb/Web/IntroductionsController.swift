import Foundation
import Hummingbird
import IthacaDomain
import IthacaStorage

/// Introductions and endorsements from the web: the mentor writes them on the mentorship page; the introduced
/// member answers on "Your mentoring"; the mentee approves endorsements on the mentorship page.
struct IntroductionsController {
    let services: AppServices
    let cookies: SessionCookies

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post(RouterPath(SiteRoute.introducePattern)) { request, context in try await introduce(request, context) }
        router.post(RouterPath(SiteRoute.endorsePattern)) { request, context in try await endorse(request, context) }
        router.post(RouterPath(SiteRoute.answerIntroductionPattern)) { _, context in try await answerIntroduction(context) }
        router.post(RouterPath(SiteRoute.answerEndorsementPattern)) { _, context in try await answerEndorsement(context) }
    }

    func introduce(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("mentorshipId", "mentorship")
        let form = try await request.form()
        let who = form.text("member").trimmingCharacters(in: .whitespaces)
        do {
            guard let member = try await memberId(who) else {
                throw MentoringRuleViolation.invalidFields([FieldError(field: "member", message: "No member matches that. Paste their profile link or type their email.")])
            }
            _ = try await services.introductions.introduce(in: id, by: viewer, memberId: member, note: form.text("note"))
        } catch let rule as MentoringRuleViolation {
            var forms = MentorshipForms()
            let renamed: MentoringRuleViolation = rule == .introductionNeedsThreeDifferentPeople
                ? .invalidFields([FieldError(field: "member", message: rule.message)]) : rule
            forms.introduction = FormState(renamed, typed: ["member": who, "note": form.text("note")], renaming: ["note": "introNote"])
            return try await MentorshipPage(services: services).render(id, context: context, forms: forms, status: Problem(rule).status)
        }
        return cookies.redirect(SiteRoute.mentorship(id) + "#introductions-title", .introductionSent)
    }

    func endorse(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("mentorshipId", "mentorship")
        let form = try await request.form()
        do {
            _ = try await services.introductions.endorse(in: id, by: viewer, text: form.text("text"))
        } catch let rule as MentoringRuleViolation {
            var forms = MentorshipForms()
            forms.endorsement = FormState(rule, typed: ["text": form.text("text")], renaming: ["text": "endorsementText"])
            return try await MentorshipPage(services: services).render(id, context: context, forms: forms, status: Problem(rule).status)
        }
        return cookies.redirect(SiteRoute.mentorship(id) + "#endorsements-title", .endorsementSent)
    }

    func answerIntroduction(_ context: AppRequestContext) async throws -> Response {
        guard let id = context.parameters.get("introductionId").flatMap(UUID.init(uuidString:)),
              let answer = context.parameters.get("answer"), ["accept", "decline"].contains(answer) else { throw IthacaError.notFound("introduction") }
        _ = try await services.introductions.answer(id, by: try context.signedIn(), accept: answer == "accept")
        return cookies.redirect(SiteRoute.mentoring + "#introductions-title", answer == "accept" ? .introductionAccepted : .introductionDeclined)
    }

    func answerEndorsement(_ context: AppRequestContext) async throws -> Response {
        guard let id = context.parameters.get("endorsementId").flatMap(UUID.init(uuidString:)),
              let answer = context.parameters.get("answer"), ["approve", "reject"].contains(answer) else { throw IthacaError.notFound("endorsement") }
        let endorsement = try await services.introductions.answerEndorsement(id, by: try context.signedIn(), approve: answer == "approve")
        return cookies.redirect(SiteRoute.mentorship(endorsement.mentorshipId) + "#endorsements-title", answer == "approve" ? .endorsementApproved : .endorsementRejected)
    }

    /// A member from a profile link (".../people/<id>"), a bare id, or an email.
    private func memberId(_ text: String) async throws -> UUID? {
        if let id = UUID(uuidString: String(text.split(separator: "/").last ?? "")) {
            return try await services.profileStore.profile(userId: id) != nil ? id : nil
        }
        guard text.contains("@") else { return nil }
        return try await services.accounts.accounts.user(email: text.lowercased())?.id
    }
}
