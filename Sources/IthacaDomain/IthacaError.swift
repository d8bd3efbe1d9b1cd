import Foundation

/// A problem with one input field, phrased for the person who filled it in.
public struct FieldError: Error, Equatable, Sendable, Codable {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// Every way a request can fail that is not a bug. Mapped to HTTP in one place (the web module's error middleware).
public enum IthacaError: Error, Equatable, Sendable {
    /// Input broke one or more rules; each field says what to fix.
    case validation([FieldError])
    /// The thing does not exist, or the caller may not know it exists.
    case notFound(String)
    /// The caller must sign in first.
    case unauthenticated
    /// Email or password did not match; deliberately the same for unknown and known emails.
    case invalidCredentials
    /// Signed in, but not allowed to do this.
    case forbidden(String)
    /// The request clashes with the current state (e.g. an email already taken).
    case conflict(String)
    /// Too many attempts; try again after the given number of seconds.
    case rateLimited(retryAfterSeconds: Int)
    /// The request itself is malformed.
    case badRequest(String)
    /// A dependency (the database) is not answering; try again later.
    case unavailable(String)
}

extension IthacaError {
    /// Convenience for a single field problem.
    public static func invalid(_ field: String, _ message: String) -> IthacaError {
        .validation([FieldError(field: field, message: message)])
    }
}
