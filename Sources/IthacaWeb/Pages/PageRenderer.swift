import Foundation
import Hummingbird
import IthacaDomain
import Mustache

/// Renders Mustache pages into the shared layout. Templates print prepared values only; `{{x}}` escapes.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary

    /// Loads every template shipped in the module's resources.
    public static func load() async throws -> PageRenderer {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("templates").path else {
            throw IthacaError.unavailable("The page templates are missing from this build.")
        }
        return PageRenderer(library: try await MustacheLibrary(directory: directory))
    }

    /// Renders `template` with `model`, then the layout around it.
    func page(
        _ template: String, _ model: ViewModel, title: String, context: AppRequestContext,
        nav: NavSection? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        var model = model
        model["csrfToken"] = context.csrfToken
        model["viewer"] = context.viewer.map(Self.viewerModel)
        // The "boss or mentor?" panel, for templates that include it (where mentees write a request or an agenda).
        if model["showGuide"] == nil { model["showGuide"] = context.viewer.map { !$0.guideDismissed } ?? false }
        model["guide"] = ["url": SiteRoute.bossOrMentorGuide, "dismissUrl": SiteRoute.dismissGuide, "goalsUrl": SiteRoute.goals] as ViewModel
        let body = library.render(model.cleaned(), withTemplate: template) ?? ""
        var layout: ViewModel = [
            "title": title, "body": body, "csrfToken": context.csrfToken,
            "nav": ["homeCurrent": nav == .home, "peopleCurrent": nav == .people,
                    "profileCurrent": nav == .profile, "settingsCurrent": nav == .settings, "mentoringCurrent": nav == .mentoring,
                    "communityCurrent": nav == .community, "programsCurrent": nav == .programs],
        ]
        layout["viewer"] = context.viewer.map(Self.viewerModel)
        layout["flash"] = context.flash.map { ["message": $0.message, "kind": $0.kind] }
        let html = library.render(layout.cleaned(), withTemplate: "layout") ?? body
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    func errorPage(_ problem: Problem, context: AppRequestContext) -> Response {
        let heading = problem.status == .notFound ? "We couldn't find that page" : problem.title
        let message = problem.status == .notFound ? "The page may have moved, or you may not have access to it." : problem.detail
        return page("error", ["status": Int(problem.status.code), "heading": heading, "message": message],
                    title: heading, context: context, status: problem.status)
    }

    static func viewerModel(_ viewer: Viewer) -> ViewModel {
        ["id": viewer.id.uuidString, "name": viewer.name, "initials": Format.initials(viewer.name),
         "isAdmin": viewer.isAdmin, "profileUrl": SiteRoute.person(viewer.id),
         "unread": viewer.unreadNotifications, "hasUnread": viewer.unreadNotifications > 0]
    }
}

/// Which navigation entry a page belongs to (aria-current).
enum NavSection { case home, people, mentoring, programs, community, profile, settings }

/// A page's values for Mustache. Built by handlers; `cleaned()` drops empty strings and nils so sections
/// like `{{#pronouns}}` only render when there is something to show.
typealias ViewModel = [String: Any]

extension Dictionary where Key == String, Value == Any {
    func cleaned() -> ViewModel {
        var result: ViewModel = [:]
        for (key, value) in self {
            if let cleanedValue = cleanValue(value) { result[key] = cleanedValue }
        }
        return result
    }
}

private func cleanValue(_ value: Any) -> Any? {
    switch value {
    case let string as String: return string.isEmpty ? nil : string
    case let dictionary as ViewModel: return dictionary.cleaned()
    case let dictionaries as [ViewModel]: return dictionaries.map { $0.cleaned() }
    case let strings as [String]: return strings.filter { !$0.isEmpty }
    default:
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let child = mirror.children.first else { return nil }
            return cleanValue(child.value)
        }
        return value
    }
}
