import Foundation
import HTTPTypes
import Hummingbird
import IthacaDomain

/// Refuses state-changing requests that do not prove they come from our own pages.
/// Browsers: the form field `csrfToken` (or header X-CSRF-Token) must equal the CSRF cookie, and a present
/// Origin must be ours. Bearer-token requests carry no ambient credentials, so they need no token.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let formField = "csrfToken"
    static let header = HTTPField.Name("X-CSRF-Token")!
    let cookies: SessionCookies

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard ![.get, .head, .options].contains(request.method), context.viewer?.tokenId == nil else {
            return try await next(request, context)
        }
        // A JSON API call without a session has no ambient credentials to abuse (and browsers cannot send
        // cross-site JSON without a CORS preflight, which we never grant).
        if request.uri.path.hasPrefix("/api/"), context.viewer == nil {
            return try await next(request, context)
        }
        // One-click unsubscribe (RFC 8058): mail clients POST without cookies; the link's signature is the credential,
        // and all it can do is stop emails for the person it names.
        if request.uri.path == SiteRoute.unsubscribe {
            return try await next(request, context)
        }
        if request.headers[values: .init("Sec-Fetch-Site")!].first == "cross-site" {
            throw IthacaError.forbidden("This form was sent from another site, so it was refused. Reload the page and try again.")
        }
        if let origin = request.headers[.origin], !Self.isSameOrigin(origin, host: request.head.authority) {
            throw IthacaError.forbidden("This form was sent from another site, so it was refused. Reload the page and try again.")
        }
        var request = request
        let cookie = request.cookies[cookies.csrfName]?.value ?? ""
        var submitted = request.headers[Self.header]
        if submitted == nil, request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
            let body = try await request.collectBody(upTo: FormData.maximumSize)
            submitted = FormData(body: String(buffer: body))[Self.formField]
        } else if submitted == nil, let boundary = MultipartForm.boundary(contentType: request.headers[.contentType]) {
            let body = try await request.collectBody(upTo: MultipartForm.maximumSize)
            submitted = MultipartForm(body: Array(buffer: body), boundary: boundary)[Self.formField]
        }
        guard !cookie.isEmpty, let submitted, constantTimeEquals(submitted, cookie) else {
            throw IthacaError.forbidden("Your session's security token is missing or out of date. Reload the page and try again.")
        }
        return try await next(request, context)
    }

    static func isSameOrigin(_ origin: String, host: String?) -> Bool {
        guard let host, let components = URLComponents(string: origin), let originHost = components.host else { return false }
        let originAuthority = components.port.map { "\(originHost):\($0)" } ?? originHost
        return originAuthority.lowercased() == host.lowercased()
    }
}
