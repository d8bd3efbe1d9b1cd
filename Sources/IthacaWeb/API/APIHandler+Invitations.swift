import Foundation
import IthacaAPI
import IthacaDomain
import IthacaStorage

/// Invitations through the JSON API: program admins invite and list; the invited person accepts with a password.
extension APIHandler {
    func inviteParticipants(_ input: Operations.InviteParticipants.Input) async throws -> Operations.InviteParticipants.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let program = try Self.id(input.path.programId, "program")
        let selection: InvitationService.Selection
        if body.everyoneNotJoined == true {
            selection = .everyoneNotJoined
        } else {
            var people: [UUID] = []
            for raw in body.people ?? [] {
                guard let id = UUID(uuidString: raw) else { throw IthacaError.invalid("people", "\(raw.prefix(40)) is not a participant id.") }
                people.append(id)
            }
            selection = .people(people)
        }
        let outcome = try await services.invitations.invite(program: program, selection, by: viewer)
        return .ok(.init(body: .json(.init(
            invited: outcome.invited.map { $0.uuidString.lowercased() }, alreadyJoined: outcome.alreadyJoined.map { $0.uuidString.lowercased() }))))
    }

    func listInvitations(_ input: Operations.ListInvitations.Input) async throws -> Operations.ListInvitations.Output {
        let rows = try await services.invitations.states(program: try Self.id(input.path.programId, "program"), viewer: try viewer())
        return .ok(.init(body: .json(.init(items: rows.map { row in
            var item = Components.Schemas.InvitationStatus(
                personId: row.personId.uuidString.lowercased(), name: row.name, email: row.email,
                status: .init(rawValue: row.state.code) ?? .notInvited)
            switch row.state {
            case .notInvited: break
            case .invited(let at, let expires): (item.invitedAt, item.expiresAt) = (at, expires)
            case .joined(let at): item.joinedAt = at
            }
            return item
        }))))
    }

    func acceptInvitation(_ input: Operations.AcceptInvitation.Input) async throws -> Operations.AcceptInvitation.Output {
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let accepted = try await services.invitations.accept(input.path.token, password: body.password)
        let account = try await services.invitations.account(accepted.person)
        return .ok(.init(body: .json(.init(id: accepted.person.uuidString.lowercased(), email: account.email, name: account.name))))
    }
}
