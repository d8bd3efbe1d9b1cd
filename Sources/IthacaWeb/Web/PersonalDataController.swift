import Foundation
import Hummingbird
import IthacaDomain
import IthacaStorage

/// A member's own data from Settings: the export download, and deleting the account after a confirmation page.
struct PersonalDataController {
    let services: AppServices
    let cookies: SessionCookies

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteRoute.settingsExport)) { _, context in try await export(context) }
        router.get(RouterPath(SiteRoute.settingsDelete)) { _, context in try await confirmPage(context) }
        router.post(RouterPath(SiteRoute.settingsDelete)) { request, context in try await delete(request, context) }
    }

    func export(_ context: AppRequestContext) async throws -> Response {
        let file = try await services.personalData.export(for: try context.signedIn())
        var headers = HTTPFields()
        headers[.contentType] = "application/zip"
        headers[.contentDisposition] = "attachment; filename=\"\(file.filename)\""
        headers[.contentLength] = String(file.size)
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody(asyncSequence: file.chunks().map { ByteBuffer(bytes: $0) }))
    }

    func confirmPage(_ context: AppRequestContext, form: FormState = FormState(), status: HTTPResponse.Status = .ok) async throws -> Response {
        let viewer = try context.signedIn()
        let model = form.model.merging([
            "url": SiteRoute.settingsDelete, "settingsUrl": SiteRoute.settings, "exportUrl": SiteRoute.settingsExport,
            "signedInRecently": try await services.erasure.signedInRecently(viewer),
        ])
        return services.pages.page("delete-account", model, title: "Delete your account", context: context, nav: .settings, status: status)
    }

    func delete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let form = try await request.form()
        do {
            guard form.text("confirm") == "delete" else {
                throw IthacaError.invalid("confirm", "Tick the box to confirm that you want your account deleted.")
            }
            try await services.erasure.erase(viewer, password: form.text("password"))
        } catch IthacaError.validation(let errors) {
            return try await confirmPage(context, form: FormState(values: [:], errors: errors), status: .unprocessableContent)
        }
        var response = Response.seeOther(SiteRoute.home)
        response.setCookie(cookies.expired(cookies.sessionName))
        response.setCookie(cookies.csrf(SecretToken.make()))
        response.setCookie(cookies.flash(.accountDeleted))
        return response
    }
}
