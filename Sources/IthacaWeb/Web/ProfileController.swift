import Foundation
import Hummingbird
import IthacaStorage
import IthacaDomain

/// Editing my own profile through the web form.
struct ProfileController {
    let services: AppServices
    let cookies: SessionCookies

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteRoute.profile)) { _, context in Response.seeOther(SiteRoute.person(try context.signedIn().id)) }
        router.get(RouterPath(SiteRoute.profileEdit)) { request, context in try await editPage(request, context) }
        router.post(RouterPath(SiteRoute.profileEdit)) { request, context in try await save(request, context) }
    }

    func editPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let profile = try await services.profiles.myProfile(viewer)
        var managerEmail = ""
        if let manager = profile.managerId { managerEmail = try await services.accounts.accounts.user(id: manager)?.email ?? "" }
        let form = FormState(values: Self.values(profile, managerEmail: managerEmail))
        return render(form, profile: profile, context: context)
    }

    func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let form = try await request.form()
        var errors: [FieldError] = []
        var changes = ProfileChanges()
        changes.name = form.text("name")
        changes.pronouns = form.text("pronouns")
        changes.headline = form.text("headline")
        changes.bio = form.text("bio")
        changes.organization = form.text("organization")
        changes.team = form.text("team")
        changes.title = form.text("title")
        changes.tenureStart = form.text("tenureStart")
        changes.careerStage = form.text("careerStage")
        changes.timeZone = form.text("timeZone")
        changes.languages = SkillTag.parseList(form.text("languages"))
        changes.skillsOffered = SkillTag.parseList(form.text("skillsOffered"))
        changes.skillsWanted = SkillTag.parseList(form.text("skillsWanted"))
        changes.goals = form.text("goals")
        changes.strengths = SkillTag.parseList(form.text("strengths"))
        changes.areasToGrow = SkillTag.parseList(form.text("areasToGrow"))
        changes.openToMentoring = form.isChecked("openToMentoring")
        changes.openToBeingMentored = form.isChecked("openToBeingMentored")
        changes.openToPeer = form.isChecked("openToPeer")
        let capacityText = form.text("mentorCapacity").trimmingCharacters(in: .whitespaces)
        if capacityText.isEmpty {
            changes.mentorCapacity = 0
        } else if let capacity = Int(capacityText) {
            changes.mentorCapacity = capacity
        } else {
            errors.append(FieldError(field: "mentorCapacity", message: "Enter a whole number from 0 to 20."))
        }
        changes.gender = form.text("gender")
        changes.mentorGenderPreference = form.text("mentorGenderPreference")
        changes.mentorOrganizationPreference = form.text("mentorOrganizationPreference")
        do {
            try await services.profiles.update(viewer, changes: changes, managerEmail: form.text("managerEmail"), formErrors: errors)
        } catch IthacaError.validation(let fieldErrors) {
            let typed = FormState(values: Self.typedValues(form), errors: fieldErrors)
            return render(typed, profile: nil, context: context, status: .unprocessableContent)
        }
        return cookies.redirect(SiteRoute.person(viewer.id), .profileSaved)
    }

    private func render(_ form: FormState, profile: Profile?, context: AppRequestContext, status: HTTPResponse.Status = .ok) -> Response {
        let values = form.values
        let selectedStage = values["careerStage"] as? String ?? ""
        let selectedZone = values["timeZone"] as? String ?? "UTC"
        let gender = values["mentorGenderPreference"] as? String ?? MentorGenderPreference.any.rawValue
        let organization = values["mentorOrganizationPreference"] as? String ?? MentorOrganizationPreference.either.rawValue
        let now = services.configuration.clock.now()
        let model: ViewModel = [
            "careerStageOptions": [["value": "", "label": "Choose…", "selected": selectedStage.isEmpty] as ViewModel]
                + CareerStage.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": $0.rawValue == selectedStage] },
            "timeZoneOptions": TimeZones.all.map { zone -> ViewModel in
                ["value": zone, "label": "\(zone.replacingOccurrences(of: "_", with: " ")) (\(TimeZones.utcOffsetLabel(identifier: zone, at: now)))",
                 "selected": zone == selectedZone]
            },
            "mentorGenderOptions": MentorGenderPreference.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": $0.rawValue == gender] as ViewModel },
            "mentorOrganizationOptions": MentorOrganizationPreference.allCases.map {
                ["value": $0.rawValue, "label": $0.label, "selected": $0.rawValue == organization] as ViewModel
            },
        ]
        return services.pages.page("profile-edit", form.model.merging(model), title: "Edit your profile",
                                   context: context, nav: .profile, status: status)
    }

    static func values(_ p: Profile, managerEmail: String) -> ViewModel {
        [
            "name": p.name, "pronouns": p.pronouns, "headline": p.headline, "bio": p.bio,
            "organization": p.organization, "team": p.team, "title": p.title, "managerEmail": managerEmail,
            "tenureStart": p.tenureStart ?? "", "careerStage": p.careerStage?.rawValue ?? "", "timeZone": p.timeZone,
            "languages": p.languages.joined(separator: ", "), "skillsOffered": p.skillsOffered.joined(separator: ", "),
            "skillsWanted": p.skillsWanted.joined(separator: ", "), "goals": p.goals,
            "strengths": p.strengths.joined(separator: ", "), "areasToGrow": p.areasToGrow.joined(separator: ", "),
            "openToMentoring": p.openToMentoring, "mentorCapacity": String(p.mentorCapacity),
            "openToBeingMentored": p.openToBeingMentored, "openToPeer": p.openToPeer, "gender": p.gender,
            "mentorGenderPreference": p.mentorGenderPreference.rawValue,
            "mentorOrganizationPreference": p.mentorOrganizationPreference.rawValue,
        ]
    }

    /// What the person typed, so nothing is lost when the form comes back with errors.
    static func typedValues(_ form: FormData) -> ViewModel {
        var values: ViewModel = [:]
        for field in ["name", "pronouns", "headline", "bio", "organization", "team", "title", "managerEmail", "tenureStart",
                      "careerStage", "timeZone", "languages", "skillsOffered", "skillsWanted", "goals", "strengths",
                      "areasToGrow", "mentorCapacity", "gender", "mentorGenderPreference", "mentorOrganizationPreference"] {
            values[field] = form.text(field)
        }
        for box in ["openToMentoring", "openToBeingMentored", "openToPeer"] { values[box] = form.isChecked(box) }
        return values
    }
}
