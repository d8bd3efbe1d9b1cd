import Foundation
import Hummingbird
import IthacaDomain
import IthacaStorage

/// What each person receives, per kind and channel, and the one-click unsubscribe link in every email.
struct NotificationSettingsController {
    let services: AppServices
    let cookies: SessionCookies

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteRoute.notificationSettings)) { _, context in try await page(context) }
        router.post(RouterPath(SiteRoute.notificationSettings)) { request, context in try await save(request, context) }
        router.get(RouterPath(SiteRoute.unsubscribe)) { request, context in try await confirmUnsubscribe(request, context) }
        router.post(RouterPath(SiteRoute.unsubscribe)) { request, context in try await unsubscribe(request, context) }
    }

    func page(_ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let choices = try await services.notifications.preferences(of: viewer)
        func rows(_ mentoring: Bool) -> [ViewModel] {
            NotificationKind.allCases.filter { $0.isMentoring == mentoring }.map { kind in
                let chosen = choices[kind] ?? kind.defaultChannel
                return ["kind": kind.rawValue, "label": kind.label,
                        "channels": NotificationChannel.allCases.map { channel in
                            ["value": channel.rawValue, "label": channel.label, "selected": channel == chosen] as ViewModel
                        }]
            }
        }
        let model: ViewModel = [
            "mentoring": rows(true), "community": rows(false), "url": SiteRoute.notificationSettings, "settingsUrl": SiteRoute.settings,
            "email": viewer.email,
        ]
        return services.pages.page("notification-settings", model, title: "Notification settings", context: context, nav: .settings)
    }

    func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let form = try await request.form()
        var choices: [NotificationKind: NotificationChannel] = [:]
        for kind in NotificationKind.allCases {
            let value = form.text(kind.rawValue)
            guard !value.isEmpty else { continue }
            guard let channel = NotificationChannel(rawValue: value) else {
                throw IthacaError.invalid(kind.rawValue, "Choose one of the listed ways to hear about “\(kind.label)”.")
            }
            choices[kind] = channel
        }
        try await services.notifications.setPreferences(of: viewer, choices)
        return cookies.redirect(SiteRoute.notificationSettings, .notificationSettingsSaved)
    }

    /// The link in an email: a page with one button (mail scanners that follow links must not unsubscribe anyone).
    func confirmUnsubscribe(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let link = try verifiedLink(FormData(body: request.uri.query ?? ""))
        let what = link.kind.map { "emails about “\($0.label.lowercased())”" } ?? "every email from Ithaca"
        let model: ViewModel = [
            "what": what, "action": SiteRoute.unsubscribe + "?" + (request.uri.query ?? ""), "settingsUrl": SiteRoute.notificationSettings,
        ]
        return services.pages.page("unsubscribe", model, title: "Stop these emails", context: context)
    }

    /// The button on that page, or a mail client's one-click POST (RFC 8058): the signed link is the credential.
    func unsubscribe(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let link = try verifiedLink(FormData(body: request.uri.query ?? ""))
        try await services.notifications.unsubscribe(person: link.person, kind: link.kind)
        if context.viewer?.id == link.person { return cookies.redirect(SiteRoute.notificationSettings, .unsubscribed) }
        let model: ViewModel = ["settingsUrl": SiteRoute.notificationSettings]
        return services.pages.page("unsubscribed", model, title: "You're unsubscribed", context: context)
    }

    private func verifiedLink(_ query: FormData) throws -> (person: UUID, kind: NotificationKind?) {
        let kindName = query.text("k")
        guard let person = UUID(uuidString: query.text("p")), kindName == "all" || NotificationKind(rawValue: kindName) != nil,
              UnsubscribeSignature.verify(person: person, kind: kindName, signature: query.text("s"), key: services.composer.links.signingKey)
        else {
            throw IthacaError.badRequest("This unsubscribe link is incomplete or was changed. Use the link from the email, or change what you receive in your notification settings.")
        }
        return (person, NotificationKind(rawValue: kindName))
    }
}
