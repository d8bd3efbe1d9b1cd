import Foundation
import IthacaAPI
import IthacaDomain
import IthacaMarkdown
import IthacaStorage
import OpenAPIRuntime

/// Circles through the JSON API: starting one, invitations and requests, group meetings, notes and the thread.
extension APIHandler {
    func listCircles(_ input: Operations.ListCircles.Input) async throws -> Operations.ListCircles.Output {
        let viewer = try viewer()
        let offset = try input.query.cursor.map(DirectoryService.decodeCursor) ?? 0
        let listing = try await services.circles.listing(for: viewer, openOffset: offset)
        if input.query.scope == .open {
            let organisers = try await services.profileStore.names(of: listing.open.compactMap(\.organiserId))
            return .ok(.init(body: .json(.init(
                items: listing.open.map { Self.circle($0, organiser: $0.organiserId.flatMap { organisers[$0] }, status: nil, canManage: false) },
                nextCursor: listing.nextOpenOffset.map(DirectoryService.encodeCursor)))))
        }
        let organisers = try await services.profileStore.names(of: listing.mine.compactMap(\.circle.organiserId))
        return .ok(.init(body: .json(.init(items: listing.mine.map {
            Self.circle($0.circle, organiser: $0.circle.organiserId.flatMap { organisers[$0] }, status: $0.status, canManage: false)
        }))))
    }

    func createCircle(_ input: Operations.CreateCircle.Input) async throws -> Operations.CreateCircle.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let id = try await services.circles.create(CircleDetails(
            name: body.name, goal: body.goal, plan: body.plan ?? "", kind: body.kind.flatMap { CircleKind(rawValue: $0.rawValue) } ?? .peerCircle,
            capacity: body.capacity ?? 6, joinPolicy: body.joinPolicy.flatMap { CircleJoinPolicy(rawValue: $0.rawValue) } ?? .request), by: viewer)
        return .created(.init(body: .json(Self.circle(try await services.circles.detail(id, for: viewer)))))
    }

    func getCircle(_ input: Operations.GetCircle.Input) async throws -> Operations.GetCircle.Output {
        .ok(.init(body: .json(Self.circle(try await services.circles.detail(try Self.id(input.path.circleId, "circle"), for: try viewer())))))
    }

    func joinCircle(_ input: Operations.JoinCircle.Input) async throws -> Operations.JoinCircle.Output {
        let viewer = try viewer()
        let id = try Self.id(input.path.circleId, "circle")
        _ = try await services.circles.join(id, by: viewer)
        return .ok(.init(body: .json(Self.circle(try await services.circles.detail(id, for: viewer)))))
    }

    func inviteToCircle(_ input: Operations.InviteToCircle.Input) async throws -> Operations.InviteToCircle.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let result = try await services.circles.invite(email: body.email, to: try Self.id(input.path.circleId, "circle"), by: viewer)
        return .ok(.init(body: .json(try await person(result.person, status: result.status))))
    }

    func approveCircleRequest(_ input: Operations.ApproveCircleRequest.Input) async throws -> Operations.ApproveCircleRequest.Output {
        let personId = try Self.id(input.path.personId, "person")
        let status = try await services.circles.approve(personId, in: try Self.id(input.path.circleId, "circle"), by: try viewer())
        return .ok(.init(body: .json(try await person(personId, status: status))))
    }

    func removeFromCircle(_ input: Operations.RemoveFromCircle.Input) async throws -> Operations.RemoveFromCircle.Output {
        try await services.circles.remove(try Self.id(input.path.personId, "person"), from: try Self.id(input.path.circleId, "circle"), by: try viewer())
        return .noContent(.init())
    }

    func scheduleCircleMeeting(_ input: Operations.ScheduleCircleMeeting.Input) async throws -> Operations.ScheduleCircleMeeting.Output {
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let meeting = try await services.circles.schedule(
            CircleMeetingPlan(agenda: body.agenda, start: body.start, end: body.end, location: body.location),
            in: try Self.id(input.path.circleId, "circle"), by: try viewer())
        return .created(.init(body: .json(Self.meeting(meeting))))
    }

    func circleCalendar(_ input: Operations.CircleCalendar.Input) async throws -> Operations.CircleCalendar.Output {
        let ics = try await services.circles.ics(circle: try Self.id(input.path.circleId, "circle"), for: try viewer())
        return .ok(.init(body: .textCalendar(HTTPBody(ics))))
    }

    func cancelCircleMeeting(_ input: Operations.CancelCircleMeeting.Input) async throws -> Operations.CancelCircleMeeting.Output {
        .ok(.init(body: .json(Self.meeting(try await services.circles.cancelMeeting(try Self.id(input.path.meetingId, "meeting"), by: try viewer())))))
    }

    func circleMeetingICS(_ input: Operations.CircleMeetingICS.Input) async throws -> Operations.CircleMeetingICS.Output {
        let ics = try await services.circles.ics(meeting: try Self.id(input.path.meetingId, "meeting"), for: try viewer())
        return .ok(.init(body: .textCalendar(HTTPBody(ics))))
    }

    func listCirclePosts(_ input: Operations.ListCirclePosts.Input) async throws -> Operations.ListCirclePosts.Output {
        let offset = try input.query.cursor.map(DirectoryService.decodeCursor) ?? 0
        let page = try await services.circles.posts(
            of: try Self.id(input.path.circleId, "circle"), kind: CirclePostKind(rawValue: input.query.kind.rawValue) ?? .message, offset: offset,
            for: try viewer())
        return .ok(.init(body: .json(.init(
            items: page.items.map { Self.post($0, author: $0.authorId.flatMap { page.names[$0] } ?? "A former member") },
            nextCursor: page.next.map(DirectoryService.encodeCursor)))))
    }

    func createCirclePost(_ input: Operations.CreateCirclePost.Input) async throws -> Operations.CreateCirclePost.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let post = try await services.circles.post(
            body.body, kind: CirclePostKind(rawValue: body.kind.rawValue) ?? .message, in: try Self.id(input.path.circleId, "circle"), by: viewer)
        return .created(.init(body: .json(Self.post(post, author: viewer.name))))
    }

    func person(_ id: UUID, status: CircleMemberStatus) async throws -> Components.Schemas.CirclePerson {
        let name = try await services.profileStore.names(of: [id])[id] ?? "A member"
        return .init(personId: id.uuidString, name: name, status: .init(rawValue: status.rawValue) ?? .invited)
    }

    static func circle(_ detail: CircleService.Detail) -> Components.Schemas.Circle {
        var circle = circle(detail.circle, organiser: detail.organiserName, status: detail.access.status, canManage: detail.access.manages)
        if detail.access.seesInside {
            circle.people = detail.people.map {
                .init(personId: $0.personId.uuidString, name: detail.names[$0.personId] ?? "A member", status: .init(rawValue: $0.status.rawValue) ?? .invited)
            }
            circle.meetings = detail.meetings.map(meeting)
        }
        return circle
    }

    static func circle(_ c: StoredCommunityCircle, organiser: String?, status: CircleMemberStatus?, canManage: Bool) -> Components.Schemas.Circle {
        .init(
            id: c.id.uuidString, name: c.details.name, goal: c.details.goal, plan: c.details.plan, kind: .init(rawValue: c.details.kind.rawValue) ?? .peerCircle,
            capacity: c.details.capacity, joinPolicy: .init(rawValue: c.details.joinPolicy.rawValue) ?? .invitation, members: c.members,
            organiser: organiser ?? "A former member", programId: c.programId?.uuidString, myStatus: status.flatMap { .init(rawValue: $0.rawValue) },
            canManage: canManage)
    }

    static func meeting(_ m: StoredCircleMeeting) -> Components.Schemas.CircleMeeting {
        .init(id: m.id.uuidString, agenda: m.plan.agenda, start: m.plan.start, end: m.plan.end, location: m.plan.location,
              cancelled: m.cancellation != nil, cancellation: m.cancellation.flatMap { .init(rawValue: $0.rawValue) })
    }

    static func post(_ p: StoredCirclePost, author: String) -> Components.Schemas.CirclePost {
        .init(id: p.id.uuidString, kind: .init(rawValue: p.kind.rawValue) ?? .message, author: author, body: p.body, bodyHtml: Markdown.safeHTML(p.body),
              createdAt: p.createdAt)
    }
}
