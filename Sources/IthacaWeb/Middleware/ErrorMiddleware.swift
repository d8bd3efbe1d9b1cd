import Foundation
import Hummingbird
import IthacaDomain
import IthacaStorage
import Logging
import OpenAPIRuntime

/// The one place errors become HTTP: RFC 9457 problem+json under /api and /healthz, a friendly page elsewhere.
/// Anything unexpected is logged with the request id and answered 500 without internals.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = Problem(error: error)
            if problem.status == .internalServerError {
                context.logger.error("request failed", metadata: ["error": "\(Self.loggable(error))"])
            }
            let wantsJSON = request.uri.path.hasPrefix("/api/") || request.uri.path == "/healthz"
                || (request.headers[.accept]?.contains("application/json") ?? false)
            // A page that needs a signed-in person sends browsers to sign in, then back.
            if !wantsJSON, problem.source == .unauthenticated, request.method == .get || request.method == .head {
                return .seeOther(SiteRoute.signIn + "?next=" + Self.encodeQueryValue(request.uri.description))
            }
            var response = wantsJSON
                ? problem.jsonResponse(requestId: context.id)
                : pages.errorPage(problem, context: context)
            if case .rateLimited(let seconds) = problem.source {
                response.headers[.retryAfter] = "\(seconds)"
            } else if problem.status == .serviceUnavailable {
                response.headers[.retryAfter] = "\(Problem.unavailableRetryAfterSeconds)"
            }
            if problem.status == .unauthorized, wantsJSON {
                response.headers[.wwwAuthenticate] = "Bearer"
            }
            return response
        }
    }
}

extension ErrorMiddleware {
    /// What may be logged about an error: never the request it carries (headers hold tokens and cookies).
    static func loggable(_ error: any Error) -> String {
        if let serverError = error as? ServerError {
            return "operation \(serverError.operationID): \(serverError.causeDescription): \(String(reflecting: serverError.underlyingError))"
        }
        return String(reflecting: error)
    }

    static func encodeQueryValue(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/"
    }
}

/// An error, classified: the status, a title and a detail a person understands, and field errors.
struct Problem: Sendable {
    var status: HTTPResponse.Status
    var title: String
    var detail: String
    var fieldErrors: [FieldError] = []
    var source: IthacaError?
    /// On a 409 from the API: the resource as it is now, as its GET answers it (JSON).
    var current: Data?

    init(error: any Error) {
        let original = error
        var error = error
        var runtimeStatus: HTTPResponse.Status?
        // The OpenAPI runtime wraps what handlers (and its own request parsing) throw.
        if let serverError = error as? ServerError {
            error = serverError.underlyingError
            runtimeStatus = serverError.httpStatus
        }
        if IthacaDatabase.isOverloaded(error) {
            self.init(.unavailable("Ithaca is busy right now and could not finish this. Nothing was changed: try again in a few seconds."))
        } else if let domain = error as? IthacaError {
            self.init(domain)
        } else if let conflict = error as? ConflictWithCurrentState {
            self.init(conflict.cause)
            current = conflict.current
        } else if let rule = error as? MentoringRuleViolation {
            self.init(rule)
        } else if let rule = error as? CommunityRuleViolation {
            self.init(rule)
        } else if let decoding = error as? DecodingError, let serverError = original as? ServerError, serverError.operationInput == nil,
            let parameter = Self.queryParameter(blamedBy: decoding, in: serverError.request)
        {
            // The address's query, not the body, could not be read (`?role=wizard`): say which parameter.
            self.init(status: .badRequest, title: "Bad request",
                      detail: "The query parameter \(parameter.name) cannot be “\(parameter.value)”: check the allowed values in the API description.")
            fieldErrors = [FieldError(field: parameter.name, message: "This value is not allowed.")]
        } else if let decoding = error as? DecodingError {
            self.init(decoding)
        } else if let http = error as? any HTTPResponseError, http.status.code < 500 {
            self.init(status: http.status, title: http.status.reasonPhrase, detail: Self.detail(for: http))
        } else if let serverError = original as? ServerError, serverError.operationInput == nil {
            // The runtime could not even build the operation's input (a malformed date, number, …): the request is bad.
            self.init(status: .badRequest, title: "Bad request", detail: "The request could not be read: check its parameters and body.")
        } else if let runtimeStatus, runtimeStatus.code < 500 {
            self.init(status: runtimeStatus, title: runtimeStatus.reasonPhrase,
                      detail: "The request could not be read: \(error).")
        } else {
            self.init(status: .internalServerError, title: "Something went wrong on our side",
                      detail: "The error has been logged. Please try again in a moment.")
        }
    }

    /// How long a client is asked to wait before trying again after a 503 (the database was busy or not answering).
    static let unavailableRetryAfterSeconds = 2

    init(status: HTTPResponse.Status, title: String, detail: String) {
        self.status = status
        self.title = title
        self.detail = detail
    }

    init(_ error: IthacaError) {
        switch error {
        case .validation(let errors):
            self.init(status: .unprocessableContent, title: "Some fields need attention",
                      detail: errors.map(\.message).joined(separator: " "))
            fieldErrors = errors
        case .notFound(let what):
            self.init(status: .notFound, title: "Not found", detail: "There is no \(what) here, or you can't see it.")
        case .unauthenticated:
            self.init(status: .unauthorized, title: "Sign in required", detail: "Sign in, or send a valid API token as Authorization: Bearer <token>.")
        case .invalidCredentials:
            self.init(status: .unauthorized, title: "Sign-in failed", detail: "Email or password is incorrect.")
        case .forbidden(let reason):
            self.init(status: .forbidden, title: "Not allowed", detail: reason)
        case .conflict(let reason):
            self.init(status: .conflict, title: "Conflict", detail: reason)
        case .rateLimited(let seconds):
            self.init(status: .tooManyRequests, title: "Too many attempts",
                      detail: "Too many attempts. Try again in \(Self.duration(seconds)).")
        case .badRequest(let reason):
            self.init(status: .badRequest, title: "Bad request", detail: reason)
        case .unavailable(let reason):
            self.init(status: .serviceUnavailable, title: "Unavailable", detail: reason)
        }
        source = error
    }

    /// A mentoring rule said no: clashes with the current state are 409, everything else 422 with the reason.
    init(_ rule: MentoringRuleViolation) {
        switch rule {
        case .invalidFields(let errors):
            self.init(.validation(errors))
        case _ where rule.isConflictWithCurrentState:
            self.init(status: .conflict, title: "Conflict", detail: rule.message)
        default:
            self.init(status: .unprocessableContent, title: "This can't be done", detail: rule.message)
        }
    }

    /// A community rule said no: who-may-do-this is 403, everything else 422 with the reason.
    init(_ rule: CommunityRuleViolation) {
        switch rule {
        case .invalidFields(let errors):
            self.init(.validation(errors))
        case .notAMember, .onlyTheAskerAccepts, .moderatorsOnly, .circleMembersOnly, .circleCoachOnly, .circleInvitationOnly:
            self.init(status: .forbidden, title: "Forbidden", detail: rule.message)
        case .circleFull, .organiserStays, .alreadyReported:
            self.init(status: .conflict, title: "Conflict", detail: rule.message)
        case .votingOnOwnPost, .answerNotOnThisQuestion, .reportingOwnPost:
            self.init(status: .unprocessableContent, title: "This can't be done", detail: rule.message)
        }
    }

    init(_ error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            let field = Self.path(context.codingPath + [key])
            self.init(status: .unprocessableContent, title: "Some fields need attention", detail: "\(field) is required.")
            fieldErrors = [FieldError(field: field, message: "This field is required.")]
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let field = Self.path(context.codingPath)
            self.init(status: .unprocessableContent, title: "Some fields need attention", detail: "\(field) has the wrong type.")
            fieldErrors = [FieldError(field: field, message: "This value has the wrong type.")]
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            let field = Self.path(context.codingPath)
            self.init(status: .unprocessableContent, title: "Some fields need attention", detail: "\(field) is not valid.")
            fieldErrors = [FieldError(field: field, message: "This value is not valid.")]
        default:
            self.init(status: .badRequest, title: "Bad request", detail: "The body is not valid JSON.")
        }
    }

    /// The query parameter a decoding error is about: the one named by its coding path, or the one whose value the
    /// error quotes (an unknown enum value says "… from invalid String value wizard"). Nil when the query is not to blame.
    static func queryParameter(blamedBy error: DecodingError, in request: HTTPRequest) -> (name: String, value: String)? {
        guard let query = request.path?.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        let items = query.split(separator: "&").map { item -> (name: String, value: String) in
            let parts = item.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0) }
            return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
        }
        let context: DecodingError.Context
        switch error {
        case .dataCorrupted(let c), .typeMismatch(_, let c), .valueNotFound(_, let c): context = c
        case .keyNotFound(_, let c): context = c
        @unknown default: return nil
        }
        if let key = context.codingPath.first?.stringValue, let item = items.first(where: { $0.name == key }) { return item }
        return items.first { !$0.value.isEmpty && context.debugDescription.hasSuffix(" \($0.value)") }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    private static func detail(for error: any HTTPResponseError) -> String {
        switch error.status {
        case .notFound: "There is nothing at this address."
        case .methodNotAllowed: "This address does not accept that method."
        case .contentTooLarge: "The request is too large."
        default: error.status.reasonPhrase
        }
    }

    static func duration(_ seconds: Int) -> String {
        seconds < 90 ? "\(seconds) seconds" : "\((seconds + 59) / 60) minutes"
    }

    func jsonResponse(requestId: String) -> Response {
        let payload = ProblemPayload(
            type: "about:blank", title: title, status: Int(status.code), detail: detail,
            requestId: requestId, errors: fieldErrors.isEmpty ? nil : fieldErrors)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var data = (try? encoder.encode(payload)) ?? Data()
        if let current, var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
           let state = try? JSONSerialization.jsonObject(with: current) {
            object["current"] = state
            data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? data
        }
        return Response(
            status: status, headers: [.contentType: "application/problem+json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// A change refused because what it acts on moved on since the client read it (a mentorship ended meanwhile, its
/// agreement revised, a request answered): the 409 carries the resource as it is now, so the client can decide again
/// without reading it first.
struct ConflictWithCurrentState: Error {
    let cause: MentoringRuleViolation
    /// The resource's JSON, as its GET answers this viewer.
    let current: Data

    init(_ cause: MentoringRuleViolation, current: some Encodable) throws {
        self.cause = cause
        let encoder = JSONEncoder()
        // As the API encodes dates (OpenAPIRuntime's ISO 8601 transcoder).
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        self.current = try encoder.encode(current)
    }
}

/// The JSON shape of a problem (matches `Problem` in openapi.yaml).
struct ProblemPayload: Codable {
    var type: String
    var title: String
    var status: Int
    var detail: String
    var requestId: String
    var errors: [FieldError]?
}
