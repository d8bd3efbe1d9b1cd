import Foundation
import Hummingbird
import IthacaDomain
import IthacaStorage

/// The inbox page, and following a question from its page.
struct NotificationsController {
    let services: AppServices
    let cookies: SessionCookies

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteRoute.notifications)) { request, context in try await inbox(request, context) }
        router.post(RouterPath(SiteRoute.notificationsReadAll)) { _, context in try await readAll(context) }
        router.post(RouterPath(SiteRoute.notificationReadPattern)) { _, context in try await read(context) }
        router.post(RouterPath(SiteRoute.questionFollowPattern)) { _, context in try await follow(context, true) }
        router.post(RouterPath(SiteRoute.questionUnfollowPattern)) { _, context in try await follow(context, false) }
    }

    func inbox(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let offset = try request.uri.queryParameters.get("cursor").map(DirectoryService.decodeCursor) ?? 0
        let page = try await services.notifications.inbox(of: viewer, offset: offset)
        let items = page.items.map { item -> ViewModel in
            ["text": item.text, "url": item.url, "when": Format.timestamp(item.createdAt), "unread": item.readAt == nil,
             "readUrl": "/notifications/\(item.id.uuidString.lowercased())/read"]
        }
        let model: ViewModel = [
            "items": items, "hasItems": !items.isEmpty, "hasUnread": page.unread > 0, "unreadCount": page.unread,
            "readAllUrl": SiteRoute.notificationsReadAll,
            "nextUrl": page.next.map { "\(SiteRoute.notifications)?cursor=\(DirectoryService.encodeCursor($0))" } ?? "",
        ]
        return services.pages.page("notifications", model, title: "Inbox", context: context, nav: nil)
    }

    func readAll(_ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        try await services.notifications.markAllRead(viewer: viewer)
        return Response.seeOther(SiteRoute.notifications)
    }

    /// Marks one read and opens what it is about.
    func read(_ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("notificationId", "notification")
        let target = try await services.notifications.markRead(id, viewer: viewer)
        // Only our own relative links are ever stored; anything else goes back to the inbox.
        return Response.seeOther(target.hasPrefix("/") && !target.hasPrefix("//") ? target : SiteRoute.notifications)
    }

    func follow(_ context: AppRequestContext, _ following: Bool) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("questionId", "question")
        _ = try await services.community.question(id, for: viewer)
        if following { try await services.notifications.follow(id, viewer: viewer) } else { try await services.notifications.unfollow(id, viewer: viewer) }
        return Response.seeOther(SiteRoute.question(id))
    }
}
