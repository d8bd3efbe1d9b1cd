import Foundation
import IthacaDomain
import IthacaStorage

/// Invitations for people an import or an admin created: a single-use emailed link (256-bit token, only its SHA-256
/// stored, valid 7 days, a new one revoking the old) that lets the person choose a password — or use single sign-on —
/// and lands them on their program's page. Program admins invite their participants; site admins anyone.
public struct InvitationService: Sendable {
    let store: InvitationStore
    let programs: ProgramService
    let programStore: ProgramStore
    let accounts: AccountStore
    let profiles: ProfileStore
    let outbox: OutboxStore
    let composer: EmailComposer
    let database: IthacaDatabase
    let hasher: PasswordHasher
    let audit: AuditService
    let clock: AppClock
    let passwordPolicy = PasswordPolicy.standard
    public static let validity: TimeInterval = 7 * 24 * 3_600

    /// Who to invite in a program.
    public enum Selection: Sendable, Equatable {
        case people([UUID])
        /// Every participant who has not joined yet (typically right after an import).
        case everyoneNotJoined
    }

    /// What an invitation round did.
    public struct Outcome: Sendable, Equatable {
        public var invited: [UUID] = []
        public var alreadyJoined: [UUID] = []
    }

    /// Where a link stands, for the page that opens it.
    public enum LinkState: Sendable, Equatable {
        case usable(StoredInvitation, email: String, name: String, programName: String?)
        case expired, used, replaced, unknown

        /// What the page says when the link cannot be used, and how to get a new one.
        public var problem: String? {
            switch self {
            case .usable: nil
            case .expired: "This invitation link has expired: links work for 7 days."
            case .used: "This invitation link was already used, and works only once."
            case .replaced: "A newer invitation replaced this link: use the link in the most recent email."
            case .unknown: "This invitation link is not one we know: check that the whole link was copied."
            }
        }
    }

    // MARK: Inviting

    /// A program admin invites participants of their program; people who joined already are skipped.
    public func invite(program id: UUID, _ selection: Selection, by viewer: Viewer) async throws -> Outcome {
        let program = try await programs.requireAdmin(id, viewer)
        let enrolled = Set(try await programStore.enrolments(in: id).map(\.personId))
        let people: [UUID]
        switch selection {
        case .everyoneNotJoined:
            people = Array(enrolled)
        case .people(let chosen):
            guard !chosen.isEmpty else { throw IthacaError.invalid("people", "Choose at least one participant to invite.") }
            if let stranger = chosen.first(where: { !enrolled.contains($0) }) {
                throw IthacaError.invalid("people", "\(stranger.uuidString.lowercased()) is not a participant of \(program.details.name).")
            }
            people = chosen
        }
        return try await send(to: people, program: program, by: viewer)
    }

    /// A site admin invites people to the site who are in no program: existing accounts that have not joined, and new
    /// ones made from "Name <email>" or plain email lines.
    public func inviteToSite(_ lines: String, by viewer: Viewer) async throws -> Outcome {
        guard viewer.isAdmin else { throw IthacaError.forbidden("Only site admins invite people to the site.") }
        let entries = try Self.parse(lines)
        var people: [UUID] = []
        for entry in entries {
            if let existing = try await accounts.user(email: entry.email)?.id {
                people.append(existing)
            } else {
                let user = try await accounts.createInvited(email: entry.email, name: entry.name, now: clock.now())
                people.append(user)
            }
        }
        return try await send(to: people, program: nil, by: viewer)
    }

    /// The participants of a program with their invitation state (program admins only).
    public func states(program id: UUID, viewer: Viewer) async throws -> [InvitationStatusRow] {
        try await programs.requireAdmin(id, viewer)
        let people = try await programStore.enrolments(in: id).map(\.personId)
        let states = try await states(of: people)
        return people.compactMap { states[$0] }.sorted { ($0.name.lowercased(), $0.email) < ($1.name.lowercased(), $1.email) }
    }

    /// The states of people the caller already knows it may see (the participants page has checked the program admin).
    func states(of people: [UUID]) async throws -> [UUID: InvitationStatusRow] {
        try await store.states(of: people)
    }

    private func send(to people: [UUID], program: StoredProgram?, by viewer: Viewer) async throws -> Outcome {
        let states = try await store.states(of: Array(Set(people)))
        let now = clock.now()
        let expires = now.addingTimeInterval(Self.validity)
        var outcome = Outcome()
        var letters: [(person: UUID, hash: String, message: OutboxMessage)] = []
        for person in Array(Set(people)).sorted(by: { $0.uuidString < $1.uuidString }) {
            guard let row = states[person] else { continue }
            if case .joined = row.state {
                outcome.alreadyJoined.append(person)
                continue
            }
            let token = SecretToken.make()
            let link = composer.links.absolute(SiteRoute.invitation(token))
            guard let email = composer.invitation(
                to: row.email, name: row.name, zone: row.timeZone, programName: program?.details.name, invitedBy: viewer.name,
                link: link, expiresAt: expires, now: now)
            else { throw IthacaError.invalid("people", "\(row.email) can't receive email, so no invitation was sent to anyone.") }
            letters.append((person, SecretToken.hash(token), email))
            outcome.invited.append(person)
        }
        let store = store, outbox = outbox, audit = audit, sealed = letters
        let programId = program?.id
        let summary = "\(sealed.count) invited, \(outcome.alreadyJoined.count) had joined already"
        // Each invitation and its email commit together: no link is valid that nobody was sent, and no email
        // carries a link that was never stored.
        try await database.transaction { _ in
            for letter in sealed {
                _ = try await store.create(person: letter.person, program: programId, tokenHash: letter.hash, invitedBy: viewer.id,
                                           now: now, expiresAt: expires)
            }
            try await outbox.enqueue(sealed.map { ($0.person, $0.message) })
            if let programId {
                try await audit.record(.invitationsSent, by: viewer, on: .program, programId, program: programId, summary: summary)
            } else {
                try await audit.record(.invitationsSent, by: viewer, on: .site, "site", summary: summary)
            }
        }
        return outcome
    }

    // MARK: Accepting

    public func link(_ token: String) async throws -> LinkState {
        guard let invitation = try await store.invitation(tokenHash: SecretToken.hash(token)) else { return .unknown }
        if invitation.usedAt != nil { return .used }
        if invitation.revokedAt != nil { return .replaced }
        if invitation.expiresAt <= clock.now() { return .expired }
        guard let person = try await accountIfAny(invitation.personId) else { return .unknown }
        let programName = try await invitation.programId.asyncMap { try await programStore.program($0)?.details.name } ?? nil
        return .usable(invitation, email: person.email, name: person.name, programName: programName)
    }

    /// Sets the person's password (the sign-up policy applies) and uses the link; returns the account and where to go.
    public func accept(_ token: String, password: String) async throws -> (person: UUID, landing: String) {
        let state = try await link(token)
        guard case .usable(let invitation, let email, _, _) = state else {
            if state == .unknown { throw IthacaError.notFound("invitation") }
            throw IthacaError.conflict(state.problem ?? "This invitation link can't be used.")
        }
        try passwordPolicy.check(password, email: email)
        let hash = try await hasher.hash(password)
        try await use(invitation, passwordHash: hash)
        return (invitation.personId, Self.landing(invitation))
    }

    /// The email and name of an account (for the API's answer after accepting).
    public func account(_ person: UUID) async throws -> (email: String, name: String) {
        guard let account = try await accountIfAny(person) else { throw IthacaError.notFound("account") }
        return account
    }

    private func accountIfAny(_ person: UUID) async throws -> (email: String, name: String)? {
        guard let user = try await accounts.user(id: person) else { return nil }
        return (user.email, try await profiles.names(of: [person])[person] ?? "")
    }

    /// Uses the invitation (exactly once, even when two tabs race) and marks the account joined.
    func use(_ invitation: StoredInvitation, passwordHash: String?) async throws {
        let store = store, now = clock.now()
        try await database.transaction { _ in
            guard try await store.use(invitation.id, now: now) else {
                throw IthacaError.conflict(LinkState.used.problem ?? "")
            }
            try await store.markJoined(invitation.personId, passwordHash: passwordHash, now: now)
        }
    }

    static func landing(_ invitation: StoredInvitation) -> String {
        invitation.programId.map(SiteRoute.program) ?? SiteRoute.mentoring
    }

    /// "Name <email>" or "email" per line (commas work too); every bad line is reported at once.
    static func parse(_ text: String) throws -> [(name: String, email: String)] {
        var result: [(String, String)] = []
        var problems: [String] = []
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "," || $0 == ";" }).map { $0.trimmingCharacters(in: .whitespaces) }
        for line in lines where !line.isEmpty {
            var name = ""
            var address = line
            if let open = line.lastIndex(of: "<"), line.hasSuffix(">") {
                name = line[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                address = String(line[line.index(after: open)..<line.index(before: line.endIndex)])
            }
            if let email = try? EmailAddress.normalized(address) {
                result.append((String(name.prefix(100)), email))
            } else {
                problems.append("“\(line.prefix(80))” is not an email address.")
            }
        }
        if !problems.isEmpty { throw IthacaError.invalid("people", problems.joined(separator: " ")) }
        if result.isEmpty { throw IthacaError.invalid("people", "Write at least one email address, one per line.") }
        if result.count > 1_000 { throw IthacaError.invalid("people", "Invite at most 1,000 people at once.") }
        return result
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let value): try await transform(value)
        case .none: nil
        }
    }
}
