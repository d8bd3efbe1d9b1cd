import Foundation
import IthacaDomain
import IthacaStorage

/// Who the provider says signed in.
struct SignOnIdentity: Sendable, Equatable {
    let issuer: String
    let subject: String
    let email: String?
    let emailVerified: Bool
    let name: String?
}

/// A sign-in started at the provider: what to remember, and where to send the browser.
struct SignOnStart: Sendable {
    let state: String
    let nonce: String
    let codeVerifier: String
    let authorizationURL: String
}

/// The OpenID Connect relying party, behind a seam (the live one is `OIDCSignOnProvider`).
protocol SignOnProvider: Sendable {
    var issuer: String { get }
    func start() async throws -> SignOnStart
    /// Exchanges the code (with the PKCE verifier) and verifies the ID token (signature, iss, aud, exp, iat, nonce).
    func finish(code: String, codeVerifier: String, expectedNonce: String) async throws -> SignOnIdentity
}

/// Why a single sign-on was refused, in words for the page that says so.
struct SignOnRefusal: Error, Equatable, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Single sign-on with an OpenID Connect provider: the authorization-code flow with PKCE, `state` and `nonce`
/// kept in the database (any process can finish what another started, each state once, for 10 minutes); the
/// account found by identity, then by verified email, or created just in time for an allowed domain. A signed-in
/// member links single sign-on to their account once.
public struct SingleSignOnService: Sendable {
    let provider: any SignOnProvider
    let store: SingleSignOnStore
    let accounts: AccountStore
    let invitations: InvitationService
    let invitationStore: InvitationStore
    let clock: AppClock
    public let displayName: String
    let allowedDomains: [String]
    static let stateLifetime: TimeInterval = 600

    /// Where to send the browser: the provider's authorization endpoint. `browser` is a secret the caller puts in a
    /// cookie; the callback must bring it back.
    func start(linking viewer: Viewer?, invitationToken: String?, next: String?, browser: String) async throws -> String {
        let start = try await provider.start()
        var invitationId: UUID?
        if let invitationToken, case .usable(let invitation, _, _, _) = try await invitations.link(invitationToken) { invitationId = invitation.id }
        try await store.start(
            stateHash: SecretToken.hash(start.state), browserHash: SecretToken.hash(browser),
            PendingSignOn(nonce: start.nonce, codeVerifier: start.codeVerifier, linkUserId: viewer?.id, invitationId: invitationId,
                          next: SiteRoute.safeNext(next), createdAt: clock.now()))
        return start.authorizationURL
    }

    /// What the callback decided.
    struct Outcome: Sendable {
        let person: UUID
        let landing: String
        let linked: Bool
    }

    /// Finishes a sign-in: checks `state` (once), lets the provider verify the code and token, then finds the account.
    func finish(state: String, code: String, browser: String) async throws -> Outcome {
        guard let pending = try await store.take(
            stateHash: SecretToken.hash(state), browserHash: SecretToken.hash(browser),
            startedAfter: clock.now().addingTimeInterval(-Self.stateLifetime))
        else {
            throw SignOnRefusal(message: "This sign-in did not start here in this browser, was already used, or took longer than 10 minutes (the state did not match). Please start again.")
        }
        let identity = try await provider.finish(code: code, codeVerifier: pending.codeVerifier, expectedNonce: pending.nonce)
        let now = clock.now()
        if let linking = pending.linkUserId {
            if let owner = try await store.account(issuer: identity.issuer, subject: identity.subject), owner != linking {
                throw SignOnRefusal(message: "This \(displayName) account is already linked to another Ithaca account.")
            }
            _ = try await store.link(user: linking, issuer: identity.issuer, subject: identity.subject, now: now)
            return Outcome(person: linking, landing: SiteRoute.settings, linked: true)
        }
        let person = try await account(for: identity, now: now)
        var landing = pending.next ?? SiteRoute.home
        if let invitationId = pending.invitationId, let invitation = try await invitationStore.invitation(id: invitationId),
           invitation.personId == person, invitation.usedAt == nil, invitation.revokedAt == nil, invitation.expiresAt > now {
            try await invitations.use(invitation, passwordHash: nil)  // marks the account joined too
            landing = InvitationService.landing(invitation)
        } else {
            try await invitationStore.markJoined(person, passwordHash: nil, now: now)
        }
        return Outcome(person: person, landing: landing, linked: false)
    }

    /// The account behind an identity: linked before, or by verified email (then linked), or new for an allowed domain.
    private func account(for identity: SignOnIdentity, now: Date) async throws -> UUID {
        if let linked = try await store.account(issuer: identity.issuer, subject: identity.subject) { return linked }
        guard let rawEmail = identity.email, let email = try? EmailAddress.normalized(rawEmail) else {
            throw SignOnRefusal(message: "\(displayName) did not tell us your email address, so we can't find your account.")
        }
        guard identity.emailVerified else {
            throw SignOnRefusal(message: "\(displayName) says your email address \(email) is not verified. Verify it there, then sign in again.")
        }
        if let existing = try await accounts.user(email: email), let id = existing.id {
            _ = try await store.link(user: id, issuer: identity.issuer, subject: identity.subject, now: now)
            return id
        }
        let domain = email.split(separator: "@").last.map { String($0).lowercased() } ?? ""
        guard allowedDomains.contains(domain) else {
            throw SignOnRefusal(message: "No Ithaca account uses \(email), and accounts for \(domain) aren't created automatically. Ask an admin to invite you.")
        }
        let user = try await accounts.create(
            email: email, passwordHash: UserRecord.noPassword, profile: AccountStore.newcomerProfile(name: identity.name ?? "", email: email),
            now: now)
        guard let id = user.id else { throw IthacaError.notFound("account") }
        _ = try await store.link(user: id, issuer: identity.issuer, subject: identity.subject, now: now)
        return id
    }

    /// Whether the member linked single sign-on already.
    func isLinked(_ viewer: Viewer) async throws -> Bool {
        try await store.isLinked(user: viewer.id, issuer: provider.issuer)
    }
}
