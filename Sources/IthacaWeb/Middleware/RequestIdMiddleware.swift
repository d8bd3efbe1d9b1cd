import Hummingbird

/// Echoes Hummingbird's per-request id (already in every log line as hb.request.id) as X-Request-Id.
struct RequestIdMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[values: .init("X-Request-Id")!] = [context.id]
        return response
    }
}
