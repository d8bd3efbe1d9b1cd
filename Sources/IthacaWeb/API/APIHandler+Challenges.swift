import Foundation
import IthacaAPI
import IthacaDomain
import IthacaMarkdown
import IthacaStorage

/// Challenges and daily check-ins through the JSON API.
extension APIHandler {
    func listChallenges(_ input: Operations.ListChallenges.Input) async throws -> Operations.ListChallenges.Output {
        let viewer = try viewer()
        let offset = try input.query.cursor.map(DirectoryService.decodeCursor) ?? 0
        let page = try await services.challenges.challenges(for: viewer, offset: offset)
        return .ok(.init(body: .json(.init(items: page.items.map { Self.challenge($0.challenge, joined: $0.joined, detail: nil) },
                                           nextCursor: page.next.map(DirectoryService.encodeCursor)))))
    }

    func createChallenge(_ input: Operations.CreateChallenge.Input) async throws -> Operations.CreateChallenge.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let id = try await services.challenges.create(
            ChallengeDetails(title: body.title, description: body.description ?? "", startDate: body.startDate, lengthDays: body.lengthDays),
            by: viewer)
        let detail = try await services.challenges.detail(id, for: viewer)
        return .created(.init(body: .json(Self.challenge(detail.challenge, joined: true, detail: detail))))
    }

    func getChallenge(_ input: Operations.GetChallenge.Input) async throws -> Operations.GetChallenge.Output {
        let viewer = try viewer()
        let detail = try await services.challenges.detail(try Self.id(input.path.challengeId, "challenge"), for: viewer)
        return .ok(.init(body: .json(Self.challenge(detail.challenge, joined: detail.isMember, detail: detail))))
    }

    func joinChallenge(_ input: Operations.JoinChallenge.Input) async throws -> Operations.JoinChallenge.Output {
        let viewer = try viewer()
        let id = try Self.id(input.path.challengeId, "challenge")
        try await services.challenges.join(id, viewer: viewer)
        let detail = try await services.challenges.detail(id, for: viewer)
        return .ok(.init(body: .json(Self.challenge(detail.challenge, joined: true, detail: detail))))
    }

    func checkIn(_ input: Operations.CheckIn.Input) async throws -> Operations.CheckIn.Output {
        let viewer = try viewer()
        var note = ""
        if case .json(let body) = input.body { note = body.note ?? "" }
        let result = try await services.challenges.checkIn(try Self.id(input.path.challengeId, "challenge"), viewer: viewer, note: note)
        return .created(.init(body: .json(.init(
            id: result.id.uuidString, day: result.day, progress: Self.progress(result.streak, today: result.day, checkedIn: true)))))
    }

    func cheerCheckIn(_ input: Operations.CheerCheckIn.Input) async throws -> Operations.CheerCheckIn.Output {
        let viewer = try viewer()
        let cheer = try await services.challenges.cheer(try Self.id(input.path.checkInId, "check-in"), viewer: viewer)
        return .ok(.init(body: .json(.init(cheers: cheer.count))))
    }

    static func progress(_ streak: Streak, today: String, checkedIn: Bool) -> Components.Schemas.Progress {
        .init(currentStreak: streak.current, longestStreak: streak.longest, daysDone: streak.daysDone, checkedInToday: checkedIn, today: today)
    }

    static func challenge(_ challenge: StoredChallenge, joined: Bool, detail: ChallengeService.Detail?) -> Components.Schemas.Challenge {
        let details = challenge.details
        return .init(
            id: challenge.id.uuidString, title: details.title, description: details.description,
            descriptionHtml: detail.map { _ in Markdown.safeHTML(details.description) }, startDate: details.startDate,
            endDate: details.endDate, lengthDays: details.lengthDays, dayNumber: detail?.dayNumber, members: challenge.members, joined: joined,
            myProgress: detail.flatMap { d in d.streak.map { progress($0, today: d.today, checkedIn: d.checkedInToday) } },
            recentCheckIns: detail.map { d in
                d.feed.map {
                    .init(id: $0.id.uuidString, personId: $0.personId.uuidString, name: d.names[$0.personId] ?? "A former member",
                          day: $0.day, note: $0.note, cheers: $0.cheers, cheeredByMe: d.cheered.contains($0.id))
                }
            })
    }
}
