import Foundation
import IthacaAPI
import IthacaDomain
import IthacaMarkdown
import IthacaStorage

/// The JSON API: implements the protocol generated from openapi.yaml over the same services as the pages.
/// Handlers throw `IthacaError`; `ErrorMiddleware` turns it into problem+json.
struct APIHandler: APIProtocol {
    let services: AppServices

    /// The signed-in viewer (set by `SessionMiddleware` for this task), or 401.
    func viewer() throws -> Viewer {
        guard let viewer = Viewer.current else { throw IthacaError.unauthenticated }
        return viewer
    }

    func getHealth(_ input: Operations.GetHealth.Input) async throws -> Operations.GetHealth.Output {
        do {
            try await services.database.recentPing()
        } catch {
            throw IthacaError.unavailable("The database is not answering.")
        }
        return .ok(.init(body: .json(.init(status: .ok))))
    }

    func createAccount(_ input: Operations.CreateAccount.Input) async throws -> Operations.CreateAccount.Output {
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let user = try await services.accounts.signUp(name: body.name, email: body.email, password: body.password)
        let name = try await services.profileStore.names(of: [user.id!])[user.id!] ?? ""
        return .created(.init(body: .json(.init(id: user.id!.uuidString, email: user.email, name: name))))
    }

    func createToken(_ input: Operations.CreateToken.Input) async throws -> Operations.CreateToken.Output {
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let user = try await services.accounts.authenticate(
            email: body.email, password: body.password, clientAddress: RequestClient.current ?? "unknown")
        let (record, secret) = try await services.accounts.createToken(userId: user.id!, label: body.label)
        return .created(.init(body: .json(.init(id: record.id!.uuidString, token: secret, label: record.label, prefix: record.prefix))))
    }

    func listTokens(_ input: Operations.ListTokens.Input) async throws -> Operations.ListTokens.Output {
        let viewer = try viewer()
        let items = try await services.accounts.tokens(of: viewer.id).map {
            Components.Schemas.Token(id: $0.id!.uuidString, label: $0.label, prefix: $0.prefix, createdAt: $0.createdAt, lastUsedAt: $0.lastUsedAt)
        }
        return .ok(.init(body: .json(.init(items: items))))
    }

    func revokeToken(_ input: Operations.RevokeToken.Input) async throws -> Operations.RevokeToken.Output {
        let viewer = try viewer()
        let raw = input.path.tokenId
        let id: UUID? = raw == "current" ? viewer.tokenId : UUID(uuidString: raw)
        guard let id else { throw IthacaError.notFound("token") }
        try await services.accounts.revokeToken(id: id, of: viewer)
        return .noContent(.init())
    }

    func getMe(_ input: Operations.GetMe.Input) async throws -> Operations.GetMe.Output {
        let viewer = try viewer()
        return .ok(.init(body: .json(try await me(viewer))))
    }

    func updateMe(_ input: Operations.UpdateMe.Input) async throws -> Operations.UpdateMe.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        try await services.profiles.update(viewer, changes: ProfileChanges(body))
        return .ok(.init(body: .json(try await me(viewer))))
    }

    func changePassword(_ input: Operations.ChangePassword.Input) async throws -> Operations.ChangePassword.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        _ = try await services.accounts.changePassword(
            viewer: viewer, current: body.currentPassword, new: body.newPassword, userAgent: "",
            clientAddress: RequestClient.current ?? "unknown")
        return .noContent(.init())
    }

    func listPeople(_ input: Operations.ListPeople.Input) async throws -> Operations.ListPeople.Output {
        _ = try viewer()
        let q = input.query
        let limit = q.limit ?? 20
        guard (1...100).contains(limit) else { throw IthacaError.invalid("limit", "Use a limit from 1 to 100.") }
        let query = DirectoryQuery(
            text: q.q ?? "", skill: q.skill, role: q.role.flatMap { DirectoryRole(rawValue: $0.rawValue) },
            openOnly: q.openOnly ?? false, organization: q.organization,
            timeZoneBand: q.timeZoneBand.flatMap { TimeZoneBand(rawValue: $0.rawValue) })
        let page = try await services.directory.search(query, limit: limit, cursor: q.cursor)
        let items = page.hits.map { hit in
            let c = hit.candidate
            return Components.Schemas.PersonSummary(
                id: c.id.uuidString, name: c.name, headline: c.headline, organization: c.organization, title: c.title,
                timeZone: c.timeZone, skillsOffered: c.skillsOffered, skillsWanted: c.skillsWanted,
                openToMentoring: c.openToMentoring, freePlaces: c.freePlaces, openToBeingMentored: c.openToBeingMentored,
                openToPeer: c.openToPeer, reasons: hit.reasons)
        }
        return .ok(.init(body: .json(.init(items: items, nextCursor: page.nextCursor, total: page.total))))
    }

    func getPerson(_ input: Operations.GetPerson.Input) async throws -> Operations.GetPerson.Output {
        let viewer = try viewer()
        guard let id = UUID(uuidString: input.path.personId) else { throw IthacaError.notFound("person") }
        let details = try await services.profiles.person(id, viewer: viewer)
        return .ok(.init(body: .json(Self.person(details))))
    }

    private func me(_ viewer: Viewer) async throws -> Components.Schemas.Me {
        let details = try await services.profiles.person(viewer.id, viewer: viewer)
        let p = details.profile
        return Components.Schemas.Me(
            id: viewer.id.uuidString, email: viewer.email, role: viewer.isAdmin ? .admin : .member,
            profile: Self.person(details),
            preferences: .init(
                gender: p.gender,
                mentorGenderPreference: Components.Schemas.MatchingPreferences.MentorGenderPreferencePayload(
                    rawValue: p.mentorGenderPreference.rawValue) ?? .any,
                mentorOrganizationPreference: Components.Schemas.MatchingPreferences.MentorOrganizationPreferencePayload(
                    rawValue: p.mentorOrganizationPreference.rawValue) ?? .either))
    }

    /// The public shape of a profile: never gender or private preferences.
    static func person(_ d: ProfileService.PersonDetails) -> Components.Schemas.Person {
        let p = d.profile
        return Components.Schemas.Person(
            id: d.id.uuidString, name: p.name, email: d.email, pronouns: p.pronouns, headline: p.headline, bio: p.bio,
            bioHtml: Markdown.safeHTML(p.bio), organization: p.organization, team: p.team, title: p.title,
            managerId: p.managerId?.uuidString, managerName: d.managerName, tenureStart: p.tenureStart,
            careerStage: p.careerStage.flatMap { .init(rawValue: $0.rawValue) }, timeZone: p.timeZone,
            languages: p.languages, skillsOffered: p.skillsOffered, skillsWanted: p.skillsWanted, goals: p.goals,
            strengths: p.strengths, areasToGrow: p.areasToGrow, openToMentoring: p.openToMentoring,
            mentorCapacity: p.mentorCapacity, freePlaces: d.freePlaces,
            openToBeingMentored: p.openToBeingMentored, openToPeer: p.openToPeer,
            lineage: .init(
                mentoredBy: d.lineage.mentoredBy.map { .init(id: $0.id.uuidString, name: $0.name) },
                mentored: d.lineage.mentored.map { .init(id: $0.id.uuidString, name: $0.name) },
                reachDirect: d.lineage.reach.direct.count, reachDownstream: d.lineage.reach.downstream.count,
                reachTotal: d.lineage.reach.total),
            endorsements: d.endorsements.map { .init(authorName: $0.author, text: $0.text) })
    }
}

extension ProfileChanges {
    /// Maps the API's PATCH body onto the domain's partial update.
    init(_ body: Components.Schemas.ProfileUpdate) {
        self.init()
        name = body.name
        pronouns = body.pronouns
        headline = body.headline
        bio = body.bio
        organization = body.organization
        team = body.team
        title = body.title
        managerId = body.managerId
        tenureStart = body.tenureStart
        careerStage = body.careerStage
        timeZone = body.timeZone
        languages = body.languages
        skillsOffered = body.skillsOffered
        skillsWanted = body.skillsWanted
        goals = body.goals
        strengths = body.strengths
        areasToGrow = body.areasToGrow
        openToMentoring = body.openToMentoring
        mentorCapacity = body.mentorCapacity
        openToBeingMentored = body.openToBeingMentored
        openToPeer = body.openToPeer
        gender = body.gender
        mentorGenderPreference = body.mentorGenderPreference
        mentorOrganizationPreference = body.mentorOrganizationPreference
    }
}
