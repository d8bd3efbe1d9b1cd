import Foundation
import Hummingbird
import IthacaStorage
import IthacaDomain

/// The home page: what Ithaca is, or (signed in) my mentoring at a glance.
struct HomeController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteRoute.home)) { request, context in try await home(request, context) }
    }

    func home(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let viewer = context.viewer else {
            let stats = try await services.profileStore.communityStats()
            let model: ViewModel = ["stats": ["people": stats.people, "mentorsOpen": stats.mentorsOpen, "organizations": stats.organizations] as ViewModel]
            return services.pages.page("home", model, title: "Mentoring that people drive", context: context, nav: .home)
        }
        let profile = try await services.profiles.myProfile(viewer)
        let completeness = ProfileCompleteness(profile)
        var suggestions: [ViewModel] = []
        for skill in profile.skillsWanted.prefix(3) where suggestions.count < 3 {
            let page = try await services.directory.search(DirectoryQuery(skill: skill, role: .mentor, openOnly: true), limit: 6, cursor: nil)
            for hit in page.hits where hit.candidate.id != viewer.id && !suggestions.contains(where: { $0["id"] as? String == hit.candidate.id.uuidString }) {
                guard suggestions.count < 3 else { break }
                let c = hit.candidate
                suggestions.append(["id": c.id.uuidString, "name": c.name, "url": SiteRoute.person(c.id), "headline": c.headline,
                                    "initials": Format.initials(c.name), "reasons": hit.reasons])
            }
        }
        var roles: [String] = []
        if profile.openToMentoring {
            let free = try await services.profiles.freePlaces(of: viewer.id, profile: profile)
            roles.append(Format.mentoring(capacity: profile.mentorCapacity, free: free))
        }
        if profile.openToBeingMentored { roles.append("Looking for a mentor") }
        if profile.openToPeer { roles.append("Open to peer mentoring") }
        // The next three meetings, in the viewer's zone: mentoring runs on the calendar.
        let now = services.configuration.clock.now()
        let upcoming: [ViewModel] = try await services.meetings.meetings(of: viewer)
            .filter { $0.status == .scheduled && $0.end > now }.prefix(3)
            .map { ["url": SiteRoute.meeting($0.id), "when": Format.meetingTime($0.interval, zone: profile.timeZone), "agenda": $0.agenda] }
        let dashboard: ViewModel = [
            "greeting": Self.greeting(now: services.configuration.clock.now(), timeZone: profile.timeZone, name: profile.name),
            "completeness": completeness.percent,
            "completenessLabel": "Your profile is \(completeness.percent) % complete",
            "missing": completeness.missing,
            "roles": roles,
            "suggestions": suggestions,
            "hasSuggestions": !suggestions.isEmpty,
            "directoryUrl": SiteRoute.people,
            "upcoming": upcoming, "hasUpcoming": !upcoming.isEmpty, "mentoringUrl": SiteRoute.mentoring,
            "profileEditUrl": SiteRoute.profileEdit,
        ]
        return services.pages.page("home", ["dashboard": dashboard], title: "Home", context: context, nav: .home)
    }

    static func greeting(now: Date, timeZone: String, name: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!
        let hour = calendar.component(.hour, from: now)
        let part = hour < 5 ? "Hello" : hour < 12 ? "Good morning" : hour < 18 ? "Good afternoon" : "Good evening"
        let first = name.split(separator: " ").first.map(String.init) ?? name
        return "\(part), \(first)"
    }
}

/// How much of the profile that matters for mentoring is filled in, and what to add next.
struct ProfileCompleteness {
    let percent: Int
    let missing: [String]

    init(_ p: Profile) {
        let checks: [(Bool, String)] = [
            (!p.headline.isEmpty, "Add a headline"),
            (!p.bio.isEmpty, "Write a short bio"),
            (!p.organization.isEmpty, "Add your organisation"),
            (!p.title.isEmpty, "Add your title"),
            (p.careerStage != nil, "Choose your career stage"),
            (p.timeZone != "UTC" || p.tenureStart != nil, "Set your time zone"),
            (!p.skillsOffered.isEmpty, "List skills you can offer"),
            (!p.skillsWanted.isEmpty, "List skills you want to grow"),
            (!p.goals.isEmpty, "Describe your goals"),
            (p.openToMentoring || p.openToBeingMentored || p.openToPeer, "Say how you'd like to take part in mentoring"),
        ]
        percent = checks.filter(\.0).count * 100 / checks.count
        missing = checks.filter { !$0.0 }.map(\.1)
    }
}
