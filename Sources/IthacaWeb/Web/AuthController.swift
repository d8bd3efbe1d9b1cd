import Foundation
import Hummingbird
import IthacaStorage
import IthacaDomain

/// Sign up, sign in and sign out through web forms.
struct AuthController {
    let services: AppServices
    let cookies: SessionCookies

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteRoute.signUp)) { request, context in try await signUpPage(request, context) }
        router.post(RouterPath(SiteRoute.signUp)) { request, context in try await signUp(request, context) }
        router.get(RouterPath(SiteRoute.signIn)) { request, context in signInPage(request, context) }
        router.post(RouterPath(SiteRoute.signIn)) { request, context in try await signIn(request, context) }
        router.post(RouterPath(SiteRoute.signOut)) { request, context in try await signOut(request, context) }
    }

    func signUpPage(_ request: Request, _ context: AppRequestContext, form: FormState = FormState(), status: HTTPResponse.Status = .ok) async throws -> Response {
        if context.viewer != nil, form.errors.isEmpty, form.formError == nil { return .seeOther(SiteRoute.home) }
        let isFirst = try await services.accounts.accounts.count() == 0
        return services.pages.page("signup", form.model.merging(["isFirstAccount": isFirst]),
                                   title: "Join Ithaca", context: context, status: status)
    }

    func signUp(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await request.form()
        let values: ViewModel = ["name": form.text("name"), "email": form.text("email")]
        do {
            let user = try await services.accounts.signUp(name: form.text("name"), email: form.text("email"), password: form.text("password"))
            return try await startSession(for: user.id!, request: request, redirect: SiteRoute.profileEdit, flash: .welcome)
        } catch IthacaError.validation(let errors) {
            return try await signUpPage(request, context, form: FormState(values: values, errors: errors), status: .unprocessableContent)
        } catch IthacaError.conflict(let message) {
            return try await signUpPage(request, context, form: FormState(values: values, errors: [FieldError(field: "email", message: message)]), status: .conflict)
        }
    }

    func signInPage(_ request: Request, _ context: AppRequestContext, form: FormState = FormState(), status: HTTPResponse.Status = .ok) -> Response {
        let next = SiteRoute.safeNext(FormData(body: request.uri.query ?? "")["next"]) ?? SiteRoute.safeNext((form.values["next"] as? String))
        let singleSignOn = services.singleSignOn.map { service -> ViewModel in
            let query = next.flatMap { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) }.map { "?next=\($0)" } ?? ""
            return ["label": "Sign in with \(service.displayName)", "url": SiteRoute.singleSignOn + query]
        }
        return services.pages.page("signin", form.model.merging(["next": next as Any, "singleSignOn": singleSignOn as Any]),
                                   title: "Sign in", context: context, status: status)
    }

    func signIn(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await request.form()
        let values: ViewModel = ["email": form.text("email"), "next": form.text("next")]
        do {
            let user = try await services.accounts.authenticate(
                email: form.text("email"), password: form.text("password"), clientAddress: context.clientAddress)
            let destination = SiteRoute.safeNext(form["next"]) ?? SiteRoute.home
            return try await startSession(for: user.id!, request: request, redirect: destination, flash: .signedIn,
                                          replacing: context.viewer?.sessionIdHash)
        } catch IthacaError.invalidCredentials {
            return signInPage(request, context, form: FormState(values: values, formError: "Email or password is incorrect."), status: .unauthorized)
        } catch IthacaError.rateLimited(let seconds) {
            var response = signInPage(request, context, form: FormState(
                values: values, formError: "Too many sign-in attempts. Try again in \(Problem.duration(seconds)), or reset your password with a site admin."),
                status: .tooManyRequests)
            response.headers[.retryAfter] = "\(seconds)"
            return response
        }
    }

    /// A new session id at every sign-in (no fixation), and a fresh CSRF token with it.
    func startSession(for userId: UUID, request: Request, redirect: String, flash: Flash, replacing old: String? = nil) async throws -> Response {
        if let old { try await services.accounts.endSession(idHash: old) }
        let secret = try await services.accounts.startSession(userId: userId, userAgent: request.userAgent)
        var response = Response.seeOther(redirect)
        response.setCookie(cookies.session(secret))
        response.setCookie(cookies.csrf(SecretToken.make()))
        response.setCookie(cookies.flash(flash))
        return response
    }

    func signOut(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        if let session = context.viewer?.sessionIdHash { try await services.accounts.endSession(idHash: session) }
        var response = Response.seeOther(SiteRoute.home)
        response.setCookie(cookies.expired(cookies.sessionName))
        response.setCookie(cookies.csrf(SecretToken.make()))
        response.setCookie(cookies.flash(.signedOut))
        return response
    }
}
