import Foundation
import IthacaAPI
import IthacaDomain
import IthacaStorage

/// Notes and messages through the JSON API: only ever the two people of the mentorship.
extension APIHandler {
    func listNotes(_ input: Operations.ListNotes.Input) async throws -> Operations.ListNotes.Output {
        let notes = try await services.notes.notes(of: try Self.id(input.path.mentorshipId, "mentorship"), for: try viewer())
        return .ok(.init(body: .json(.init(items: notes.map(Self.note)))))
    }

    func addNote(_ input: Operations.AddNote.Input) async throws -> Operations.AddNote.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let meetingId = try body.meetingId.map { try Self.id($0, "meeting") }
        let note = try await services.notes.addNote(
            to: try Self.id(input.path.mentorshipId, "mentorship"), by: viewer, body: body.body, shared: body.shared ?? false,
            meetingId: meetingId)
        return .created(.init(body: .json(Self.note(note))))
    }

    func listMessages(_ input: Operations.ListMessages.Input) async throws -> Operations.ListMessages.Output {
        let messages = try await services.notes.messages(of: try Self.id(input.path.mentorshipId, "mentorship"), for: try viewer())
        return .ok(.init(body: .json(.init(items: messages.map(Self.message)))))
    }

    func sendMessage(_ input: Operations.SendMessage.Input) async throws -> Operations.SendMessage.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let message = try await services.notes.sendMessage(in: try Self.id(input.path.mentorshipId, "mentorship"), by: viewer, body: body.body)
        return .created(.init(body: .json(Self.message(message))))
    }

    static func note(_ n: StoredNote) -> Components.Schemas.Note {
        Components.Schemas.Note(
            id: n.id.uuidString, authorId: n.authorId.uuidString, meetingId: n.meetingId?.uuidString, shared: n.shared, body: n.body,
            createdAt: n.createdAt)
    }

    static func message(_ m: StoredMessage) -> Components.Schemas.Message {
        Components.Schemas.Message(id: m.id.uuidString, authorId: m.authorId.uuidString, body: m.body, createdAt: m.createdAt)
    }
}
