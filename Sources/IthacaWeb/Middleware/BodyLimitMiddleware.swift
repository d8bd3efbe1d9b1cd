import Hummingbird
import NIOCore

/// The API reads a JSON body whole before decoding it: past a limit, the request is refused with 413 (from its
/// Content-Length before any of it is read, or as soon as a body without one grows past the limit), so a huge body
/// can neither fill the server's memory nor keep it busy. Web forms limit their own bodies where they read them.
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    /// JSON bodies (`--max-json-body-kib`).
    let jsonLimit: Int
    /// CSV imports (`text/csv`) have their own, larger limit.
    let csvLimit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
        let isCSV = request.headers[.contentType]?.lowercased().hasPrefix("text/csv") == true
        let limit = isCSV ? csvLimit : jsonLimit
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw HTTPError(.contentTooLarge)
        }
        var limited = request
        limited.body = RequestBody(asyncSequence: LimitedBody(base: request.body, limit: limit))
        return try await next(limited, context)
    }
}

/// A request body that fails with 413 once more than `limit` bytes have arrived.
struct LimitedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let base: RequestBody
    let limit: Int

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator
        let limit: Int
        var received = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let buffer = try await base.next() else { return nil }
            received += buffer.readableBytes
            if received > limit { throw HTTPError(.contentTooLarge) }
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: base.makeAsyncIterator(), limit: limit) }
}
