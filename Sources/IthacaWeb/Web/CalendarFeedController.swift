import Foundation
import Hummingbird
import IthacaDomain

/// The private calendar feed calendar apps poll: no session, the secret in the address is the key.
struct CalendarFeedController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteRoute.calendarFeedPattern)) { _, context in try await feed(context) }
    }

    func feed(_ context: AppRequestContext) async throws -> Response {
        guard let file = context.parameters.get("feedFile"), file.hasSuffix(".ics") else { throw IthacaError.notFound("calendar feed") }
        let document = try await services.calendarFeeds.feed(secret: String(file.dropLast(4)))
        return .calendar(document)
    }
}
