import Foundation
import Hummingbird
import IthacaDomain
import IthacaStorage

/// "Your goals": milestones and progress, a link to a mentorship, and whether the manager sees a summary.
struct GoalsController {
    let services: AppServices
    let cookies: SessionCookies

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteRoute.goals)) { _, context in try await page(context) }
        router.post(RouterPath(SiteRoute.goals)) { request, context in try await create(request, context) }
        router.post(RouterPath(SiteRoute.goalMilestonePattern)) { request, context in try await milestone(request, context) }
        router.post(RouterPath(SiteRoute.goalUpdatePattern)) { request, context in try await update(request, context) }
    }

    func page(_ context: AppRequestContext, form: FormState = FormState(), status: HTTPResponse.Status = .ok) async throws -> Response {
        let viewer = try context.signedIn()
        let goals = try await services.goals.goals(of: viewer)
        let mentorships = try await services.mentorships.mentorships(of: viewer).filter { $0.menteeId == viewer.id && !$0.status.isFinished }
        let names = try await services.profileStore.names(of: mentorships.map(\.mentorId))
        let linkedTo = form.values["mentorshipId"] as? String ?? ""
        let model: ViewModel = [
            "goals": goals.map { Self.goalModel($0, names: names, mentorships: mentorships) }, "hasGoals": !goals.isEmpty,
            "url": SiteRoute.goals, "form": form.model,
            "mentorshipOptions": [["value": "", "label": "Not linked", "selected": linkedTo.isEmpty] as ViewModel] + mentorships.map { m in
                ["value": m.id!.uuidString, "label": "With \(names[m.mentorId] ?? "your mentor") (\(m.focus.label.lowercased()))",
                 "selected": m.id!.uuidString == linkedTo] as ViewModel
            },
        ]
        return services.pages.page("goals", model, title: "Your goals", context: context, nav: .mentoring, status: status)
    }

    static func goalModel(_ goal: Goal, names: [UUID: String], mentorships: [MentorshipRecord]) -> ViewModel {
        let mentor = goal.mentorshipId.flatMap { id in mentorships.first { $0.id == id } }.flatMap { names[$0.mentorId] }
        return [
            "id": goal.id.uuidString, "title": goal.title, "percent": goal.progress.percent, "achieved": goal.progress.isAchieved,
            "progressText": goal.progress.isAchieved ? "Achieved" : "\(goal.progress.percent)% of milestones done",
            "linkedText": mentor.map { "Working on it with \($0)" } ?? "",
            "shareWithManager": goal.shareWithManager, "updateUrl": SiteRoute.goalUpdate(goal.id),
            "milestones": goal.progress.milestones.map { m in
                ["title": m.title, "done": m.done, "url": SiteRoute.goalMilestone(goal.id, m.id), "next": m.done ? "false" : "true",
                 "action": m.done ? "Mark not done" : "Mark done"] as ViewModel
            },
        ]
    }

    func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let form = try await request.form()
        let milestones = form.text("milestones").split(whereSeparator: \.isNewline).map(String.init)
        let linked = UUID(uuidString: form.text("mentorshipId"))
        do {
            _ = try await services.goals.create(
                for: viewer, title: form.text("title"), milestones: milestones, mentorshipId: linked, shareWithManager: form.isChecked("shareWithManager"))
        } catch let rule as MentoringRuleViolation {
            let typed: ViewModel = ["title": form.text("title"), "milestones": form.text("milestones"),
                                    "mentorshipId": form.text("mentorshipId"), "shareWithManager": form.isChecked("shareWithManager")]
            return try await page(context, form: FormState(rule, typed: typed), status: Problem(rule).status)
        }
        return cookies.redirect(SiteRoute.goals, .goalSaved)
    }

    func milestone(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let goalId = try context.id("goalId", "milestone")
        let milestoneId = try context.id("milestoneId", "milestone")
        let done = try await request.form().text("done") != "false"
        _ = try await services.goals.setMilestone(milestoneId, of: goalId, done: done, by: try context.signedIn())
        return cookies.redirect(SiteRoute.goals + "#goal-\(goalId.uuidString)", .goalSaved)
    }

    /// Mark achieved, or change sharing with the manager.
    func update(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let goalId = try context.id("goalId", "goal")
        let form = try await request.form()
        let achieved = form["achieved"].map { $0 == "true" }
        let share = form["shareWithManager"].map { $0 == "true" }
        _ = try await services.goals.update(goalId, by: try context.signedIn(), achieved: achieved, shareWithManager: share)
        return cookies.redirect(SiteRoute.goals + "#goal-\(goalId.uuidString)", .goalSaved)
    }
}
