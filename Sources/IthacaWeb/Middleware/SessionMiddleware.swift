import Foundation
import Hummingbird
import IthacaDomain
import Logging

/// Works out who is asking (Bearer token or session cookie), establishes the CSRF cookie and reads the flash.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: AccountService
    let cookies: SessionCookies
    let trustForwardedFor: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.clientAddress = clientAddress(request, context)
        if let authorization = request.headers[.authorization] {
            guard authorization.lowercased().hasPrefix("bearer "),
                  let viewer = try await accounts.viewer(bearerToken: String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces))
            else { throw IthacaError.unauthenticated }
            context.viewer = viewer
        } else if let secret = request.cookies[cookies.sessionName]?.value, !secret.isEmpty {
            context.viewer = try await accounts.viewer(sessionCookie: secret)
        }
        if let viewer = context.viewer {
            context.logger[metadataKey: "user"] = .string(viewer.id.uuidString)
        }

        let existingCSRF = request.cookies[cookies.csrfName]?.value
        context.csrfToken = existingCSRF.flatMap { $0.count >= 32 ? $0 : nil } ?? SecretToken.make()
        let flashCookie = request.cookies[cookies.flashName]?.value
        context.flash = flashCookie.flatMap(Flash.init(rawValue:))

        var response = try await Viewer.$current.withValue(context.viewer) {
            try await RequestClient.$current.withValue(context.clientAddress) {
                try await next(request, context)
            }
        }
        // Only pages need the CSRF cookie; API answers and health checks stay cookie-free.
        let isPage = response.headers[.contentType]?.hasPrefix("text/html") ?? false
        if isPage, existingCSRF != context.csrfToken, !response.headers[values: .setCookie].contains(where: { $0.hasPrefix(cookies.csrfName + "=") }) {
            response.setCookie(cookies.csrf(context.csrfToken))
        }
        if isPage, flashCookie != nil, !response.headers[values: .setCookie].contains(where: { $0.hasPrefix(cookies.flashName + "=") }) {
            response.setCookie(cookies.expired(cookies.flashName))
        }
        return response
    }
}

extension SessionMiddleware {
    /// The socket address, or the left-most X-Forwarded-For entry when a trusted proxy sets it.
    func clientAddress(_ request: Request, _ context: Context) -> String {
        if trustForwardedFor, let forwarded = request.headers[.init("X-Forwarded-For")!] {
            let first = forwarded.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if !first.isEmpty { return String(first.prefix(64)) }
        }
        return context.socketAddress ?? "unknown"
    }
}
