import Foundation
import Hummingbird
import IthacaStorage
import IthacaDomain
import IthacaMarkdown

/// The directory and a person's profile page.
struct PeopleController {
    let services: AppServices
    let cookies: SessionCookies
    static let pageSize = 20

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteRoute.people)) { request, context in try await directory(request, context) }
        router.get(RouterPath(SiteRoute.personPattern)) { request, context in try await person(request, context) }
        router.post(RouterPath(SiteRoute.askPattern)) { request, context in try await ask(request, context) }
    }

    func directory(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try context.signedIn()
        // Parsed like a form body: GET forms encode spaces as "+".
        let params = FormData(body: request.uri.query ?? "")
        func param(_ name: String) -> String { params.text(name).trimmingCharacters(in: .whitespaces) }
        let role = DirectoryRole(rawValue: param("role"))
        let band = TimeZoneBand(rawValue: param("timeZoneBand"))
        let organization = param("organization")
        let query = DirectoryQuery(
            text: String(param("q").prefix(200)), skill: param("skill").isEmpty ? nil : String(param("skill").prefix(50)),
            role: role, openOnly: !param("openOnly").isEmpty, organization: organization.isEmpty ? nil : organization,
            timeZoneBand: band)
        let cursor = param("cursor")
        let page = try await services.directory.search(query, limit: Self.pageSize, cursor: cursor.isEmpty ? nil : cursor)
        let organizations = try await services.directory.organizations()

        func link(cursor: String?) -> String {
            var components = URLComponents()
            components.path = SiteRoute.people
            var items = ["q", "skill", "role", "organization", "timeZoneBand", "openOnly"].compactMap { name -> URLQueryItem? in
                let value = param(name)
                return value.isEmpty ? nil : URLQueryItem(name: name, value: value)
            }
            if let cursor { items.append(URLQueryItem(name: "cursor", value: cursor)) }
            components.queryItems = items.isEmpty ? nil : items
            return components.string ?? SiteRoute.people
        }
        let previousOffset = page.offset - Self.pageSize
        let mentorIds = page.hits.map(\.candidate).filter(\.openToMentoring).map(\.id)
        let answerTimes = try await services.mentorships.typicalAnswerTimes(of: mentorIds)
        let paused = try await services.mentorships.pausedMentors(among: mentorIds)
        let results: [ViewModel] = page.hits.map { hit in
            let c = hit.candidate
            let answers = answerTimes[c.id].map(AnswerTime.label) ?? ""
            return [
                "answerTime": paused.contains(c.id) ? "Not taking requests right now" : answers,
                "id": c.id.uuidString, "url": SiteRoute.person(c.id), "name": c.name, "initials": Format.initials(c.name),
                "headline": c.headline, "organization": c.organization, "title": c.title, "timeZone": c.timeZone,
                "skillsOffered": Array(c.skillsOffered.prefix(6)), "reasons": hit.reasons,
                "badge": c.openToMentoring ? (c.freePlaces > 0 ? "\(c.freePlaces) place\(c.freePlaces == 1 ? "" : "s") free" : "Mentoring: full") : "",
            ]
        }
        let model: ViewModel = [
            "query": ["q": param("q"), "skill": param("skill"), "openOnly": query.openOnly] as ViewModel,
            "roleOptions": [["value": "", "label": "Anyone", "selected": role == nil] as ViewModel]
                + DirectoryRole.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": $0 == role] },
            "organizationOptions": [["value": "", "label": "Any organisation", "selected": organization.isEmpty] as ViewModel]
                + organizations.map { ["value": $0, "label": $0, "selected": $0 == organization] },
            "timeZoneBandOptions": [["value": "", "label": "Any time zone", "selected": band == nil] as ViewModel]
                + TimeZoneBand.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": $0 == band] },
            "skillSuggestions": try await services.directory.popularSkills(),
            "resultCountText": Format.people(page.total),
            "results": results,
            "hasResults": !results.isEmpty,
            "emptyMessage": "No one matches that yet. Try fewer words, another skill, or clear the filters.",
            "pageText": results.isEmpty ? "" : "Showing \(page.offset + 1)–\(page.offset + results.count) of \(page.total)",
            "prevUrl": page.offset > 0 ? link(cursor: previousOffset > 0 ? DirectoryService.encodeCursor(previousOffset) : nil) : "",
            "nextUrl": page.nextCursor.map { link(cursor: $0) } ?? "",
            "lineageUrl": SiteRoute.lineage,
        ]
        return services.pages.page("people", model, title: "Find people", context: context, nav: .people)
    }

    /// A mentee asks this person for mentoring; problems come back on the same page, with what was typed.
    func ask(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("personId", "person")
        let form = try await request.form()
        let typed: ViewModel = ["goal": form.text("goal"), "focus": form.text("focus"), "message": form.text("message")]
        do {
            _ = try await services.mentorships.request(
                from: viewer, mentorId: id, goal: form.text("goal"), focus: form.text("focus"), message: form.text("message"))
        } catch let rule as MentoringRuleViolation {
            let state = FormState(rule, typed: typed)
            let status: HTTPResponse.Status = rule == .requestAlreadyPending ? .conflict : .unprocessableContent
            return try await person(request, context, askForm: state, status: status)
        }
        return cookies.redirect(SiteRoute.mentoring, .requestSent)
    }

    func person(_ request: Request, _ context: AppRequestContext, askForm: FormState = FormState(), status: HTTPResponse.Status = .ok) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("personId", "person")
        let d = try await services.profiles.person(id, viewer: viewer)
        let p = d.profile
        let now = services.configuration.clock.now()
        let takingRequests = try await services.mentorships.isTakingRequests(id)
        let answerTime = try await services.mentorships.typicalAnswerTimes(of: [id])[id].map(AnswerTime.label) ?? ""
        let person: ViewModel = [
            "takingRequests": takingRequests, "answerTime": answerTime,
            "id": id.uuidString, "name": p.name, "initials": Format.initials(p.name), "pronouns": p.pronouns,
            "headline": p.headline, "bioHtml": Markdown.safeHTML(p.bio), "organization": p.organization, "team": p.team,
            "title": p.title,
            "manager": p.managerId.map { ["name": d.managerName ?? "", "url": SiteRoute.person($0)] as ViewModel } as Any,
            "reports": d.reports.map { ["name": $0.name, "url": SiteRoute.person($0.id)] as ViewModel },
            "hasReports": !d.reports.isEmpty, "hasLanguages": !p.languages.isEmpty,
            "tenure": Format.tenure(p.tenureStart) as Any, "careerStage": p.careerStage?.label ?? "",
            "timeZone": p.timeZone, "localTime": Format.localTime(timeZone: p.timeZone, now: now),
            "languages": p.languages, "skillsOffered": p.skillsOffered, "skillsWanted": p.skillsWanted, "goals": p.goals,
            "strengths": p.strengths, "areasToGrow": p.areasToGrow, "openToMentoring": p.openToMentoring,
            "mentoringText": Format.mentoring(capacity: p.mentorCapacity, free: d.freePlaces),
            "openToBeingMentored": p.openToBeingMentored, "openToPeer": p.openToPeer,
            "email": d.email ?? "", "isSelf": d.isSelf, "editUrl": SiteRoute.profileEdit,
            "mentoredBy": d.lineage.mentoredBy.map { ["name": $0.name, "url": SiteRoute.person($0.id)] as ViewModel },
            "mentored": d.lineage.mentored.map { ["name": $0.name, "url": SiteRoute.person($0.id)] as ViewModel },
            "reachText": Format.reach(d.lineage.reach),
            "branchUrl": d.lineage.mentoredBy.isEmpty && d.lineage.mentored.isEmpty ? "" : SiteRoute.lineageBranch(id),
            "endorsements": d.endorsements.map { ["author": $0.author, "text": $0.text] as ViewModel },
            "hasEndorsements": !d.endorsements.isEmpty,
        ]
        // Only the person's manager gets anything here, and only the one-line summaries the person chose to share.
        let shared = p.managerId == viewer.id ? try await services.goals.managerSummary(of: id, for: viewer).map(\.managerSummary) : []
        let selectedFocus = askForm.values["focus"] as? String ?? ""
        let ask: ViewModel = askForm.model.merging([
            "url": SiteRoute.ask(id),
            "focusOptions": [["value": "", "label": "Choose…", "selected": selectedFocus.isEmpty] as ViewModel]
                + MentoringFocus.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": $0.rawValue == selectedFocus] },
        ])
        let contributions = try await services.community.contributions(of: id)
        func listed(_ questions: [StoredQuestion]) -> [ViewModel] {
            questions.map { ["title": $0.title, "url": SiteRoute.question($0.id)] as ViewModel }
        }
        // Learning-path progress is the person's own: shown only on their own page.
        let myPaths = d.isSelf ? try await services.learningPaths.mine(viewer).map { entry -> ViewModel in
            ["pathTitle": entry.path.title, "pathUrl": SiteRoute.path(entry.path.id), "percent": entry.progress.percent,
             "progressText": "\(entry.progress.done) of \(entry.progress.total) steps"]
        } : []
        let model: ViewModel = [
            "myPaths": myPaths, "hasMyPaths": !myPaths.isEmpty,
            "asked": listed(contributions.asked), "answered": listed(contributions.answered),
            "hasAsked": !contributions.asked.isEmpty, "hasAnswered": !contributions.answered.isEmpty,
            "hasContributions": !contributions.asked.isEmpty || !contributions.answered.isEmpty,
            "person": person, "canAsk": !d.isSelf && p.openToMentoring && takingRequests, "ask": ask,
            "sharedGoals": shared, "hasSharedGoals": !shared.isEmpty,
        ]
        return services.pages.page("person", model, title: p.name, context: context, nav: d.isSelf ? .profile : .people, status: status)
    }
}
