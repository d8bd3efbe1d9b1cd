import Foundation
import Hummingbird
import IthacaDomain

/// "Sign in with <provider>": the start (a redirect to the provider) and the callback; linking from Settings.
/// Every refusal (wrong state, replayed code, bad signature, expired token, unverified email) is a page that says why.
struct SingleSignOnController {
    let services: AppServices
    let cookies: SessionCookies

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteRoute.singleSignOn)) { request, context in try await start(request, context) }
        router.get(RouterPath(SiteRoute.singleSignOnCallback)) { request, context in try await callback(request, context) }
        router.post(RouterPath(SiteRoute.singleSignOnLink)) { _, context in try await link(context) }
    }

    private func service() throws -> SingleSignOnService {
        guard let service = services.singleSignOn else { throw IthacaError.notFound("page") }
        return service
    }

    func start(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let service = try service()
        let query = FormData(body: request.uri.query ?? "")
        let invitation = query.text("invitation")
        do {
            let browser = SecretToken.make()
            let url = try await service.start(
                linking: nil, invitationToken: invitation.isEmpty ? nil : invitation, next: query["next"], browser: browser)
            return redirect(to: url, browser: browser)
        } catch {
            return refused("\(service.displayName) can't be reached right now, so single sign-on is unavailable. Try again in a moment, or sign in with your password.",
                           context, status: .badGateway)
        }
    }

    /// Linking starts from Settings (a form, so another site cannot link its own account to yours).
    func link(_ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let service = try service()
        let browser = SecretToken.make()
        let url = try await service.start(linking: viewer, invitationToken: nil, next: SiteRoute.settings, browser: browser)
        return redirect(to: url, browser: browser)
    }

    /// Off to the provider, with the cookie that ties the sign-in to this browser (Lax: it comes back with the
    /// provider's top-level redirect).
    private func redirect(to url: String, browser: String) -> Response {
        var response = Response.seeOther(url)
        response.setCookie(cookies.signOn(browser))
        return response
    }

    func callback(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let service = try service()
        let query = FormData(body: request.uri.query ?? "")
        if !query.text("error").isEmpty {
            let detail = query.text("error_description").isEmpty ? query.text("error") : query.text("error_description")
            return refused("\(service.displayName) did not sign you in: \(detail.prefix(200))", context)
        }
        guard !query.text("state").isEmpty, !query.text("code").isEmpty else {
            return refused("This sign-in link is incomplete (no code or state). Please start again.", context)
        }
        do {
            let outcome = try await service.finish(
                state: query.text("state"), code: query.text("code"), browser: request.cookies[cookies.signOnName]?.value ?? "")
            var response = outcome.linked
                ? cookies.redirect(SiteRoute.settings, .singleSignOnLinked)
                : try await AuthController(services: services, cookies: cookies).startSession(
                    for: outcome.person, request: request, redirect: outcome.landing, flash: .signedIn, replacing: context.viewer?.sessionIdHash)
            response.setCookie(cookies.expired(cookies.signOnName))
            return response
        } catch let refusal as SignOnRefusal {
            return refused(refusal.message, context)
        } catch let error as IthacaError {
            throw error
        } catch {
            return refused(SignOnErrors.message(error, provider: service.displayName), context)
        }
    }

    private func refused(_ message: String, _ context: AppRequestContext, status: HTTPResponse.Status = .badRequest) -> Response {
        services.pages.page("sso-refused", ["message": message, "signInUrl": SiteRoute.signIn], title: "Single sign-on refused",
                            context: context, status: status)
    }
}
