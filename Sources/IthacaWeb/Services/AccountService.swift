import Foundation
import IthacaDomain
import IthacaStorage
import Logging

/// Sign-up, sign-in (throttled, no account enumeration), sessions, password changes and API tokens.
public struct AccountService: Sendable {
    let accounts: AccountStore
    let sessions: SessionStore
    let tokens: TokenStore
    let rateLimits: RateLimitStore
    let viewers: ViewerStore
    let hasher: PasswordHasher
    let passwordPolicy = PasswordPolicy.standard
    let throttle: SignInThrottle
    let sessionPolicy: SessionPolicy
    let clock: AppClock

    // MARK: Sign-up

    /// Creates an account with a fresh profile; every field problem is reported at once.
    /// The account with this (normalised) email, if any: for naming people by email on admin forms.
    public func userId(email: String) async throws -> UUID? {
        try await accounts.user(email: email)?.id
    }

    public func signUp(name rawName: String, email rawEmail: String, password: String) async throws -> UserRecord {
        var errors: [FieldError] = []
        var email = ""
        do { email = try EmailAddress.normalized(rawEmail) } catch { errors += error.fieldErrors }
        var profile = Profile(name: "")
        do {
            var changes = ProfileChanges()
            changes.name = rawName
            profile = try changes.applied(to: Profile(name: ""), selfId: UUID(), today: CalendarDay.of(clock.now()))
        } catch { errors += error.fieldErrors }
        do { try passwordPolicy.check(password, email: email.isEmpty ? nil : email) } catch { errors += error.fieldErrors }
        guard errors.isEmpty else { throw IthacaError.validation(errors) }
        let hash = try await hasher.hash(password)
        return try await accounts.create(email: email, passwordHash: hash, profile: profile, now: clock.now())
    }

    // MARK: Sign-in

    /// Checks credentials. Unknown emails and wrong passwords look the same, take the same time and count the same.
    public func authenticate(email rawEmail: String, password: String, clientAddress: String) async throws -> UserRecord {
        let window = throttleWindow(clock.now())
        let addressBucket = "signin:addr:\(clientAddress)"
        let email = (try? EmailAddress.normalized(rawEmail)) ?? rawEmail.lowercased()
        let accountBucket = "signin:acct:\(email)"
        let addressFailures = try await rateLimits.count(bucket: addressBucket, windowStart: window.start)
        let accountFailures = try await rateLimits.count(bucket: accountBucket, windowStart: window.start)
        if addressFailures >= throttle.attemptsPerAddress || accountFailures >= throttle.failuresPerAccount {
            throw IthacaError.rateLimited(retryAfterSeconds: window.retryAfter)
        }
        let user = try await accounts.user(email: email)
        let verified: Bool
        if let user {
            verified = await hasher.verify(password, against: user.passwordHash)
        } else {
            await hasher.verifyDummy(password)
            verified = false
        }
        guard let user, verified else {
            _ = try await rateLimits.hit(bucket: addressBucket, windowStart: window.start)
            _ = try await rateLimits.hit(bucket: accountBucket, windowStart: window.start)
            throw IthacaError.invalidCredentials
        }
        try await rateLimits.reset(bucket: accountBucket)
        return user
    }

    private func throttleWindow(_ now: Date) -> (start: Int64, retryAfter: Int) {
        let length = max(1, Int64(throttle.window))
        let seconds = Int64(now.timeIntervalSince1970)
        let start = seconds - seconds % length
        return (start, Int(start + length - seconds))
    }

    // MARK: Sessions

    /// Starts a browser session and returns the cookie value (only its hash is stored).
    public func startSession(userId: UUID, userAgent: String) async throws -> String {
        let secret = SecretToken.make()
        try await sessions.create(idHash: SecretToken.hash(secret), userId: userId, userAgent: userAgent, now: clock.now())
        return secret
    }

    /// The viewer behind a session cookie, or nil when it is unknown or timed out (then it is deleted).
    public func viewer(sessionCookie secret: String) async throws -> Viewer? {
        let idHash = SecretToken.hash(secret)
        guard let row = try await viewers.session(idHash: idHash) else { return nil }
        let now = clock.now()
        let lastSeen = row.lastUsedAt ?? row.createdAt
        if sessionPolicy.isExpired(createdAt: row.createdAt, lastSeenAt: lastSeen, now: now) {
            try await sessions.delete(idHash: idHash)
            return nil
        }
        if sessionPolicy.needsTouch(lastSeenAt: lastSeen, now: now) {
            try await sessions.touch(idHash: idHash, now: now, waiting: sessionPolicy.mustTouch(lastSeenAt: lastSeen, now: now))
        }
        return Viewer(
            id: row.userId, email: row.email, name: row.name.isEmpty ? row.email : row.name, role: row.role, sessionIdHash: idHash,
            unreadNotifications: row.unreadNotifications, guideDismissed: row.guideDismissed)
    }

    public func endSession(idHash: String) async throws {
        try await sessions.delete(idHash: idHash)
    }

    public func sessions(of userId: UUID) async throws -> [SessionRecord] {
        try await sessions.list(userId: userId)
    }

    /// Ends one of the viewer's own sessions; someone else's session id is simply not found.
    public func endSession(id: String, of viewer: Viewer) async throws {
        let mine = try await sessions.list(userId: viewer.id)
        guard mine.contains(where: { $0.id == id }) else { throw IthacaError.notFound("session") }
        try await sessions.delete(idHash: id)
    }

    public func endOtherSessions(of viewer: Viewer) async throws {
        try await sessions.deleteAll(userId: viewer.id, except: viewer.sessionIdHash)
    }

    /// Hides or shows again the "boss or mentor?" guidance panel.
    public func setGuideDismissed(_ viewer: Viewer, _ dismissed: Bool) async throws {
        try await viewers.setGuideDismissed(viewer.id, dismissed, now: clock.now())
    }

    // MARK: Password change

    /// Changes the password after checking the current one. Every session and token ends; the browser that made
    /// the change gets a fresh session (returned), so a stolen session cannot survive a password change.
    public func changePassword(
        viewer: Viewer, current: String, new: String, userAgent: String, clientAddress: String
    ) async throws -> String? {
        guard let user = try await accounts.user(id: viewer.id) else { throw IthacaError.unauthenticated }
        let now = clock.now()
        let window = throttleWindow(now)
        let bucket = "signin:acct:\(user.email)"
        if try await rateLimits.count(bucket: bucket, windowStart: window.start) >= throttle.failuresPerAccount {
            throw IthacaError.rateLimited(retryAfterSeconds: window.retryAfter)
        }
        guard await hasher.verify(current, against: user.passwordHash) else {
            _ = try await rateLimits.hit(bucket: bucket, windowStart: window.start)
            throw IthacaError.invalid("currentPassword", "That is not your current password.")
        }
        do { try passwordPolicy.check(new, field: "newPassword", email: user.email) } catch { throw error }
        if new == current {
            throw IthacaError.invalid("newPassword", "Choose a password different from your current one.")
        }
        try await accounts.updatePassword(userId: viewer.id, passwordHash: try await hasher.hash(new), now: now)
        try await sessions.deleteAll(userId: viewer.id)
        try await tokens.revokeAll(userId: viewer.id)
        guard viewer.sessionIdHash != nil else { return nil }
        return try await startSession(userId: viewer.id, userAgent: userAgent)
    }

    // MARK: API tokens

    /// Creates a personal token; the secret is returned once and only its hash is kept.
    public func createToken(userId: UUID, label rawLabel: String?) async throws -> (record: APITokenRecord, secret: String) {
        let label = (rawLabel ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard label.count <= 60 else { throw IthacaError.invalid("label", "Keep the label under 60 characters.") }
        let secret = SecretToken.make(prefix: "ith_")
        let record = APITokenRecord(
            userId: userId, label: label.isEmpty ? "API token" : label, tokenHash: SecretToken.hash(secret),
            prefix: String(secret.prefix(10)), now: clock.now())
        try await tokens.create(record)
        return (record, secret)
    }

    /// The viewer behind a Bearer token, or nil.
    public func viewer(bearerToken secret: String) async throws -> Viewer? {
        guard secret.hasPrefix("ith_"), let row = try await viewers.token(hash: SecretToken.hash(secret)), let tokenId = row.tokenId else {
            return nil
        }
        let now = clock.now()
        if row.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            try await tokens.touch(id: tokenId, now: now)
        }
        return Viewer(id: row.userId, email: row.email, name: row.name.isEmpty ? row.email : row.name, role: row.role, tokenId: tokenId,
                      guideDismissed: row.guideDismissed)
    }

    public func tokens(of userId: UUID) async throws -> [APITokenRecord] {
        try await tokens.list(userId: userId)
    }

    public func revokeToken(id: UUID, of viewer: Viewer) async throws {
        guard try await tokens.revoke(id: id, userId: viewer.id) else { throw IthacaError.notFound("token") }
    }
}

extension Error {
    /// The field errors inside a validation error, or none.
    var fieldErrors: [FieldError] {
        if case IthacaError.validation(let errors)? = self as? IthacaError { return errors }
        return []
    }
}
