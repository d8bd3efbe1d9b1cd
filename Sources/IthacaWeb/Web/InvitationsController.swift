import Foundation
import Hummingbird
import IthacaDomain
import IthacaStorage

/// Inviting people who cannot sign in yet (program admins for their participants, site admins for anyone), the
/// invitation states as CSV, and the page an invitation link opens: choose a password or use single sign-on.
struct InvitationsController {
    let services: AppServices
    let cookies: SessionCookies

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post(RouterPath(SiteRoute.programInvitationsPattern)) { request, context in try await invite(request, context) }
        router.get(RouterPath(SiteRoute.programInvitationsCSVPattern)) { _, context in try await csv(context) }
        router.get(RouterPath(SiteRoute.siteInvitations)) { _, context in try await sitePage(context) }
        router.post(RouterPath(SiteRoute.siteInvitations)) { request, context in try await inviteToSite(request, context) }
        router.get(RouterPath(SiteRoute.invitationPattern)) { _, context in try await acceptPage(context) }
        router.post(RouterPath(SiteRoute.invitationPattern)) { request, context in try await accept(request, context) }
    }

    // MARK: Admins

    /// "Invite selected" (one checkbox per person, `person-<id>`), one person's "Send again", or "everyone not yet joined".
    func invite(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("programId", "program")
        let form = try await request.form()
        let selection: InvitationService.Selection
        if form.text("everyone") == "1" {
            selection = .everyoneNotJoined
        } else {
            var people = form.names.filter { $0.hasPrefix("person-") }.compactMap { UUID(uuidString: String($0.dropFirst(7))) }
            if let one = UUID(uuidString: form.text("person")) { people.append(one) }
            selection = .people(people)
        }
        _ = try await services.invitations.invite(program: id, selection, by: viewer)
        return cookies.redirect(SiteRoute.programAdmin(id) + "#participants-title", .invitationsSent)
    }

    func csv(_ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("programId", "program")
        let rows = try await services.invitations.states(program: id, viewer: viewer)
        var text = CSVText.row(["name", "email", "status", "invited_at", "expires_at", "joined_at"])
        for row in rows {
            var invited = "", expires = "", joined = ""
            switch row.state {
            case .notInvited: break
            case .invited(let at, let until): (invited, expires) = (Format.iso(at), Format.iso(until))
            case .joined(let at): joined = Format.iso(at)
            }
            text += CSVText.row([row.name, row.email, row.state.code, invited, expires, joined])
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"invitations-\(id.uuidString.lowercased().prefix(8)).csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    func sitePage(_ context: AppRequestContext, form: FormState = FormState(), status: HTTPResponse.Status = .ok) async throws -> Response {
        let viewer = try context.signedIn()
        guard viewer.isAdmin else { throw IthacaError.notFound("page") }
        return services.pages.page("site-invitations", form.model.merging(["url": SiteRoute.siteInvitations]),
                                   title: "Invite people", context: context, nav: .people, status: status)
    }

    func inviteToSite(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        guard viewer.isAdmin else { throw IthacaError.notFound("page") }
        let form = try await request.form()
        do {
            _ = try await services.invitations.inviteToSite(form.text("people"), by: viewer)
            return cookies.redirect(SiteRoute.siteInvitations, .invitationsSent)
        } catch IthacaError.validation(let errors) {
            return try await sitePage(context, form: FormState(values: ["people": form.text("people")], errors: errors), status: .unprocessableContent)
        }
    }

    // MARK: The invited person

    func acceptPage(_ context: AppRequestContext, form: FormState = FormState(), status: HTTPResponse.Status = .ok) async throws -> Response {
        let token = try context.parameters.require("token")
        let state = try await services.invitations.link(token)
        guard case .usable(_, let email, let name, let programName) = state else {
            return services.pages.page(
                "invitation-problem", ["problem": state.problem ?? "", "signInUrl": SiteRoute.signIn], title: "Invitation link",
                context: context, status: .gone)
        }
        let model: ViewModel = [
            "email": email, "name": name, "programName": programName ?? "", "action": SiteRoute.invitation(token),
            "singleSignOn": services.singleSignOn.map { ["label": "Continue with \($0.displayName)",
                                                          "url": SiteRoute.singleSignOn + "?invitation=" + token] as ViewModel } as Any,
        ]
        return services.pages.page("invitation", form.model.merging(model), title: "Join Ithaca", context: context, status: status)
    }

    func accept(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let form = try await request.form()
        do {
            let accepted = try await services.invitations.accept(token, password: form.text("password"))
            return try await AuthController(services: services, cookies: cookies)
                .startSession(for: accepted.person, request: request, redirect: accepted.landing, flash: .invitationAccepted,
                              replacing: context.viewer?.sessionIdHash)
        } catch IthacaError.validation(let errors) {
            return try await acceptPage(context, form: FormState(values: [:], errors: errors), status: .unprocessableContent)
        } catch IthacaError.conflict, IthacaError.notFound {
            // Used, replaced or expired meanwhile (another tab?): the page says which, and how to get a new link.
            return try await acceptPage(context)
        }
    }
}
