import Foundation
import IthacaAPI
import IthacaDomain
import IthacaStorage

/// The notification inbox and question follows through the JSON API.
extension APIHandler {
    func listNotifications(_ input: Operations.ListNotifications.Input) async throws -> Operations.ListNotifications.Output {
        let viewer = try viewer()
        let offset = try input.query.cursor.map(DirectoryService.decodeCursor) ?? 0
        let page = try await services.notifications.inbox(of: viewer, offset: offset)
        return .ok(.init(body: .json(.init(
            items: page.items.map {
                .init(id: $0.id.uuidString, kind: Components.Schemas.NotificationKind(rawValue: $0.kind.rawValue) ?? .answer, text: $0.text, url: $0.url,
                      createdAt: $0.createdAt, read: $0.readAt != nil)
            },
            unread: page.unread, nextCursor: page.next.map(DirectoryService.encodeCursor)))))
    }

    func getNotificationPreferences(_ input: Operations.GetNotificationPreferences.Input) async throws -> Operations.GetNotificationPreferences.Output {
        .ok(.init(body: .json(Self.preferences(try await services.notifications.preferences(of: try viewer())))))
    }

    func setNotificationPreferences(_ input: Operations.SetNotificationPreferences.Input) async throws -> Operations.SetNotificationPreferences.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        var choices: [NotificationKind: NotificationChannel] = [:]
        for item in body.preferences {
            guard let kind = NotificationKind(rawValue: item.kind.rawValue), let channel = NotificationChannel(rawValue: item.channel.rawValue) else {
                throw IthacaError.invalid("preferences", "Unknown notification kind or channel.")
            }
            choices[kind] = channel
        }
        try await services.notifications.setPreferences(of: viewer, choices)
        return .ok(.init(body: .json(Self.preferences(try await services.notifications.preferences(of: viewer)))))
    }

    static func preferences(_ choices: [NotificationKind: NotificationChannel]) -> Components.Schemas.NotificationPreferences {
        .init(preferences: NotificationKind.allCases.compactMap { kind in
            guard let apiKind = Components.Schemas.NotificationKind(rawValue: kind.rawValue),
                  let channel = Components.Schemas.NotificationChannel(rawValue: (choices[kind] ?? kind.defaultChannel).rawValue) else { return nil }
            return .init(kind: apiKind, channel: channel, label: kind.label)
        })
    }

    func readAllNotifications(_ input: Operations.ReadAllNotifications.Input) async throws -> Operations.ReadAllNotifications.Output {
        try await services.notifications.markAllRead(viewer: try viewer())
        return .noContent(.init())
    }

    func readNotification(_ input: Operations.ReadNotification.Input) async throws -> Operations.ReadNotification.Output {
        try await services.notifications.markRead(try Self.id(input.path.notificationId, "notification"), viewer: try viewer())
        return .noContent(.init())
    }

    func followQuestion(_ input: Operations.FollowQuestion.Input) async throws -> Operations.FollowQuestion.Output {
        let viewer = try viewer()
        let id = try Self.id(input.path.questionId, "question")
        _ = try await services.community.question(id, for: viewer)
        try await services.notifications.follow(id, viewer: viewer)
        return .noContent(.init())
    }

    func unfollowQuestion(_ input: Operations.UnfollowQuestion.Input) async throws -> Operations.UnfollowQuestion.Output {
        let viewer = try viewer()
        let id = try Self.id(input.path.questionId, "question")
        _ = try await services.community.question(id, for: viewer)
        try await services.notifications.unfollow(id, viewer: viewer)
        return .noContent(.init())
    }
}
