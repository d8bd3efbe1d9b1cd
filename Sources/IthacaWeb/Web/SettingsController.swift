import Foundation
import Hummingbird
import IthacaDomain
import IthacaStorage

/// Account settings: password, where I'm signed in, personal API tokens.
struct SettingsController {
    let services: AppServices
    let cookies: SessionCookies

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteRoute.settings)) { request, context in try await page(context) }
        router.post(RouterPath(SiteRoute.settingsPassword)) { request, context in try await changePassword(request, context) }
        router.post(RouterPath(SiteRoute.settingsTokens)) { request, context in try await createToken(request, context) }
        router.post(RouterPath(SiteRoute.revokeTokenPattern)) { request, context in try await revokeToken(context) }
        router.post(RouterPath(SiteRoute.revokeSessionPattern)) { request, context in try await revokeSession(context) }
        router.post(RouterPath(SiteRoute.revokeOtherSessions)) { request, context in try await revokeOthers(context) }
        router.post(RouterPath(SiteRoute.settingsCalendar)) { _, context in try await renewCalendarFeed(context) }
        router.post(RouterPath(SiteRoute.settingsCalendarRevoke)) { _, context in try await revokeCalendarFeed(context) }
    }

    func page(_ context: AppRequestContext, extra: ViewModel = [:], status: HTTPResponse.Status = .ok) async throws -> Response {
        let viewer = try context.signedIn()
        let sessions: [ViewModel] = try await services.accounts.sessions(of: viewer.id).map { session in
            ["id": session.id!, "createdAt": Format.timestamp(session.createdAt), "lastSeen": Format.timestamp(session.lastSeenAt),
             "userAgent": Format.device(session.userAgent),
             "isCurrent": session.id == viewer.sessionIdHash, "revokeUrl": SiteRoute.revokeSession(session.id!)]
        }
        let tokens: [ViewModel] = try await services.accounts.tokens(of: viewer.id).map { token in
            ["id": token.id!.uuidString, "label": token.label, "prefix": token.prefix + "…",
             "createdAt": Format.timestamp(token.createdAt), "lastUsed": Format.timestamp(token.lastUsedAt),
             "revokeUrl": SiteRoute.revokeToken(token.id!)]
        }
        let feedCreatedAt = try await services.calendarFeeds.createdAt(for: viewer)
        var singleSignOn: ViewModel?
        if let sso = services.singleSignOn {
            singleSignOn = ["name": sso.displayName, "linked": try await sso.isLinked(viewer), "linkUrl": SiteRoute.singleSignOnLink]
        }
        let model: ViewModel = [
            "notificationSettingsUrl": SiteRoute.notificationSettings, "singleSignOn": singleSignOn as Any,
            "email": viewer.email, "sessions": sessions, "tokens": tokens, "hasTokens": !tokens.isEmpty,
            "feedCreatedAt": feedCreatedAt.map(Format.timestamp) ?? "", "calendarUrl": SiteRoute.settingsCalendar,
            "calendarRevokeUrl": SiteRoute.settingsCalendarRevoke,
            "lineageVisible": try await services.lineage.isVisible(viewer), "lineageUrl": SiteRoute.settingsLineage,
            "lineagePageUrl": SiteRoute.lineage, "exportUrl": SiteRoute.settingsExport, "deleteUrl": SiteRoute.settingsDelete,
        ]
        return services.pages.page("settings", model.merging(extra), title: "Account settings", context: context, nav: .settings, status: status)
    }

    func changePassword(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let form = try await request.form()
        do {
            let newSession = try await services.accounts.changePassword(
                viewer: viewer, current: form.text("currentPassword"), new: form.text("newPassword"),
                userAgent: request.userAgent, clientAddress: context.clientAddress)
            var response = Response.seeOther(SiteRoute.settings)
            if let newSession { response.setCookie(cookies.session(newSession)) }
            response.setCookie(cookies.csrf(SecretToken.make()))
            response.setCookie(cookies.flash(.passwordChanged))
            return response
        } catch IthacaError.validation(let errors) {
            return try await page(context, extra: FormState(errors: errors).model, status: .unprocessableContent)
        }
    }

    func createToken(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let form = try await request.form()
        do {
            let (_, secret) = try await services.accounts.createToken(userId: viewer.id, label: form.text("label"))
            // Shown once, on this response only; never stored in a cookie or a redirect.
            return try await page(context, extra: ["newToken": secret], status: .created)
        } catch IthacaError.validation(let errors) {
            return try await page(context, extra: FormState(values: ["label": form.text("label")], errors: errors).model, status: .unprocessableContent)
        }
    }

    func revokeToken(_ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("tokenId", "token")
        try await services.accounts.revokeToken(id: id, of: viewer)
        return cookies.redirect(SiteRoute.settings, .tokenRevoked)
    }

    func revokeSession(_ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        guard let id = context.parameters.get("sessionId") else { throw IthacaError.notFound("session") }
        try await services.accounts.endSession(id: id, of: viewer)
        return cookies.redirect(SiteRoute.settings, .sessionEnded)
    }

    func revokeOthers(_ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        try await services.accounts.endOtherSessions(of: viewer)
        return cookies.redirect(SiteRoute.settings, .otherSessionsEnded)
    }

    func renewCalendarFeed(_ context: AppRequestContext) async throws -> Response {
        let path = try await services.calendarFeeds.renew(for: try context.signedIn())
        // Like a new API token, the secret address is shown on this response only.
        return try await page(context, extra: ["newFeedUrl": services.configuration.absoluteURL(path)], status: .created)
    }

    func revokeCalendarFeed(_ context: AppRequestContext) async throws -> Response {
        try await services.calendarFeeds.revoke(for: try context.signedIn())
        return cookies.redirect(SiteRoute.settings + "#calendar-title", .calendarFeedRevoked)
    }
}
