import Hummingbird

/// Security headers on every response. Hummingbird's CSP middleware lacks object-src/base-uri, hence ours.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let usesHTTPS: Bool

    static var contentSecurityPolicy: String {
        [
            "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' https: data:",
            "font-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'",
            "frame-ancestors 'none'", "form-action 'self'",
        ].joined(separator: "; ")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[values: .init("Referrer-Policy")!] = ["strict-origin-when-cross-origin"]
        response.headers[values: .init("X-Frame-Options")!] = ["DENY"]
        response.headers[values: .init("Permissions-Policy")!] = ["camera=(), microphone=(), geolocation=(), interest-cohort=()"]
        response.headers[values: .init("Cross-Origin-Opener-Policy")!] = ["same-origin"]
        if usesHTTPS {
            response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains"
        }
        // Pages and API answers may be personal: never cache them. Only our static assets are cacheable.
        if !request.uri.path.hasPrefix("/static/") {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
