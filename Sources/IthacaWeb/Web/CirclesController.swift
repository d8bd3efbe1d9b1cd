import Foundation
import Hummingbird
import IthacaDomain
import IthacaMarkdown
import IthacaStorage

/// Circles on the web: my circles and invitations, circles open to requests, starting one, and a circle's page
/// (plan, people, group meetings in my own time zone, shared notes and the members-only thread).
struct CirclesController {
    let services: AppServices
    let cookies: SessionCookies

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteRoute.circles)) { request, context in try await list(request, context) }
        router.post(RouterPath(SiteRoute.circles)) { request, context in try await create(request, context) }
        router.get(RouterPath(SiteRoute.circleCalendarPattern)) { _, context in try await circleICS(context) }
        router.get(RouterPath(SiteRoute.circlePattern)) { request, context in try await circle(request, context) }
        router.post(RouterPath(SiteRoute.circleActionPattern)) { request, context in try await act(request, context) }
        router.post(RouterPath(SiteRoute.circlePersonActionPattern)) { _, context in try await personAction(context) }
        router.post(RouterPath(SiteRoute.circleMeetingCancelPattern)) { _, context in try await cancelMeeting(context) }
        router.get(RouterPath(SiteRoute.circleMeetingICSPattern)) { _, context in try await meetingICS(context) }
    }

    // MARK: The list

    func list(_ request: Request, _ context: AppRequestContext, form: FormState = FormState(), status: HTTPResponse.Status = .ok) async throws -> Response {
        let viewer = try context.signedIn()
        let offset = try request.uri.queryParameters.get("cursor").map(DirectoryService.decodeCursor) ?? 0
        let listing = try await services.circles.listing(for: viewer, openOffset: offset)
        let names = try await services.profileStore.names(of: (listing.mine.map(\.circle) + listing.open).compactMap(\.organiserId))
        func summary(_ circle: StoredCommunityCircle) -> ViewModel {
            ["name": circle.details.name, "url": SiteRoute.circle(circle.id), "goal": circle.details.goal, "kind": circle.details.kind.label,
             "size": "\(circle.members) of \(circle.details.capacity) places taken", "organiser": circle.organiserId.flatMap { names[$0] } ?? ""]
        }
        let mine = listing.mine.filter { $0.status == .member }.map { summary($0.circle) }
        let invited = listing.mine.filter { $0.status == .invited }.map { item -> ViewModel in
            var model = summary(item.circle)
            model["joinUrl"] = SiteRoute.circle(item.circle.id) + "/join"
            model["declineUrl"] = SiteRoute.circle(item.circle.id) + "/people/\(viewer.id.uuidString.lowercased())/remove"
            return model
        }
        let requested = listing.mine.filter { $0.status == .requested }.map { summary($0.circle) }
        let mineIds = Set(listing.mine.map(\.circle.id))
        let open = listing.open.filter { !mineIds.contains($0.id) }.map(summary)
        var formModel = form.model
        formModel["kinds"] = CircleKind.allCases.map {
            ["value": $0.rawValue, "label": $0 == .cohort ? "A group I coach" : "Peers mentoring each other",
             "selected": (form.values["kind"] as? String ?? CircleKind.peerCircle.rawValue) == $0.rawValue] as ViewModel
        }
        formModel["policies"] = CircleJoinPolicy.allCases.map {
            ["value": $0.rawValue, "label": $0.label, "selected": (form.values["joinPolicy"] as? String ?? CircleJoinPolicy.request.rawValue) == $0.rawValue] as ViewModel
        }
        if form.values.isEmpty { formModel["values"] = ["capacity": "6"] as ViewModel }
        let model: ViewModel = [
            "mine": mine, "hasMine": !mine.isEmpty, "invited": invited, "hasInvited": !invited.isEmpty, "requested": requested,
            "hasRequested": !requested.isEmpty, "open": open, "hasOpen": !open.isEmpty,
            "moreUrl": listing.nextOpenOffset.map { SiteRoute.circles + "?cursor=" + DirectoryService.encodeCursor($0) } ?? "",
            "url": SiteRoute.circles, "form": formModel,
        ]
        return services.pages.page("circles", model, title: "Circles", context: context, nav: .community, status: status)
    }

    func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let form = try await request.form()
        let typed: ViewModel = Dictionary(uniqueKeysWithValues: ["name", "goal", "plan", "kind", "capacity", "joinPolicy"].map { ($0, form.text($0) as Any) })
        do {
            let id = try await services.circles.create(CircleDetails(
                name: form.text("name"), goal: form.text("goal"), plan: form.text("plan"), kind: CircleKind(rawValue: form.text("kind")) ?? .peerCircle,
                capacity: Int(form.text("capacity").trimmingCharacters(in: .whitespaces)) ?? 0,
                joinPolicy: CircleJoinPolicy(rawValue: form.text("joinPolicy")) ?? .request), by: viewer)
            return cookies.redirect(SiteRoute.circle(id), .circleCreated)
        } catch let rule as CommunityRuleViolation {
            return try await list(request, context, form: FormState(rule, typed: typed), status: Problem(rule).status)
        }
    }

    // MARK: A circle's page

    /// Which form on the circle page failed, with its state.
    struct FailedForm {
        let name: String
        let state: FormState
        let status: HTTPResponse.Status
    }

    func circle(_ request: Request, _ context: AppRequestContext, failed: FailedForm? = nil) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("circleId", "circle")
        let offset = try request.uri.queryParameters.get("cursor").map(DirectoryService.decodeCursor) ?? 0
        let detail = try await services.circles.detail(id, for: viewer, postsOffset: offset)
        let zone = try await services.profileStore.profile(userId: viewer.id)?.timeZone ?? "UTC"
        let circle = detail.circle
        let access = detail.access
        let base = SiteRoute.circle(id)
        let now = services.configuration.clock.now()
        func personModel(_ person: StoredCircleMember) -> ViewModel {
            let path = base + "/people/\(person.personId.uuidString.lowercased())"
            return ["personName": detail.names[person.personId] ?? "A member", "personUrl": SiteRoute.person(person.personId),
                    "isOrganiser": person.personId == circle.organiserId, "approveUrl": path + "/approve", "removeUrl": path + "/remove",
                    "canRemove": access.manages && person.personId != circle.organiserId && person.personId != viewer.id
                        && (person.status != .member || circle.organiserId == viewer.id),
                    "removeLabel": person.status == .requested ? "Decline" : person.status == .invited ? "Withdraw invitation" : "Remove"]
        }
        let members = detail.people.filter { $0.status == .member }.map(personModel)
        let requests = detail.people.filter { $0.status == .requested }.map(personModel)
        let invitations = detail.people.filter { $0.status == .invited }.map(personModel)
        let meetings = detail.meetings.map { meeting -> ViewModel in
            let url = SiteRoute.circleMeeting(meeting.id)
            return ["meetingWhen": Format.meetingTime(DateInterval(start: meeting.plan.start, end: meeting.plan.end), zone: zone),
                    "agenda": meeting.plan.agenda, "place": meeting.plan.location, "placeIsLink": meeting.plan.isOnline,
                    "cancelled": meeting.cancellation != nil, "late": meeting.cancellation == .late, "past": meeting.plan.end <= now,
                    "canCancel": access.manages && meeting.cancellation == nil && meeting.plan.start > now,
                    "cancelUrl": url + "/cancel", "meetingIcsUrl": url + "/meeting.ics"]
        }
        func postModel(_ post: StoredCirclePost) -> ViewModel {
            ["author": post.authorId.flatMap { detail.names[$0] } ?? "A former member", "posted": Format.timestamp(post.createdAt),
             "postHtml": Markdown.safeHTML(post.body)]
        }
        func formModel(_ name: String) -> ViewModel {
            guard let failed, failed.name == name else { return FormState().model }
            return failed.state.model
        }
        let statusText: String = switch access.status {
        case .member?: "You're a member."
        case .invited?: "You're invited."
        case .requested?: "You asked to join; a member will answer."
        case nil: ""
        }
        var model: ViewModel = [
            "name": circle.details.name, "kind": circle.details.kind.label, "goal": circle.details.goal,
            "planHtml": Markdown.safeHTML(circle.details.plan), "hasPlan": !circle.details.plan.isEmpty, "planText": circle.details.plan,
            "organiser": detail.organiserName, "isCoached": circle.details.kind == .cohort, "policy": circle.details.joinPolicy.label,
            "size": "\(circle.members) of \(circle.details.capacity) places taken",
            "forming": circle.members < CircleDetails.allowedCapacity.lowerBound,
            "statusText": statusText, "isMember": access.isMember, "manages": access.manages,
            "canJoin": access.status == .invited || (access.status == nil && circle.details.joinPolicy == .request),
            "joinLabel": access.status == .invited ? "Accept the invitation" : "Ask to join",
            "full": circle.members >= circle.details.capacity,
            "canLeave": access.status != nil && !(circle.organiserId == viewer.id && circle.members > 1 && access.isMember),
            "leaveLabel": access.status == .member ? "Leave the circle" : access.status == .invited ? "Decline the invitation" : "Withdraw my request",
            "members": members, "requests": requests, "hasRequests": !requests.isEmpty, "invitations": invitations, "hasInvitations": !invitations.isEmpty,
            "meetings": meetings, "hasMeetings": !meetings.isEmpty, "zone": Format.zone(zone, at: now),
            "notice": "Meetings need \(Int((detail.policy.minimumNotice / 3600).rounded())) hours' notice; cancelling within \(Int((detail.policy.lateCancellationWindow / 3600).rounded())) hours shows as late.",
            "notes": detail.notes.map(postModel), "hasNotes": !detail.notes.isEmpty,
            "messages": detail.messages.map(postModel), "hasMessages": !detail.messages.isEmpty,
            "olderUrl": detail.messages.count == CircleService.pageSize ? base + "?cursor=" + DirectoryService.encodeCursor(offset + CircleService.pageSize) : "",
            "joinUrl": base + "/join", "leaveUrl": base + "/people/\(viewer.id.uuidString.lowercased())/remove",
            "inviteUrl": base + "/invite", "planUrl": base + "/plan", "meetingUrl": base + "/meetings", "noteUrl": base + "/notes",
            "messageUrl": base + "/messages", "icsUrl": base + "/circle.ics",
            "inviteForm": formModel("invite"), "planForm": formModel("plan"), "meetingForm": formModel("meeting"),
            "noteForm": formModel("note"), "messageForm": formModel("message"),
        ]
        if let programId = circle.programId { model["programUrl"] = SiteRoute.program(programId) }
        return services.pages.page("circle", model, title: circle.details.name, context: context, nav: .community, status: failed?.status ?? .ok)
    }

    func act(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("circleId", "circle")
        let action = context.parameters.get("action") ?? ""
        let base = SiteRoute.circle(id)
        switch action {
        case "join":
            let status = try await services.circles.join(id, by: viewer)
            return cookies.redirect(base, status == .member ? .circleJoined : .circleRequested)
        case "invite", "plan", "meetings", "notes", "messages":
            let form = try await request.form()
            let fields = ["email", "plan", "agenda", "start", "end", "location", "note", "message"]
            let typed: ViewModel = Dictionary(uniqueKeysWithValues: fields.map { ($0, form.text($0) as Any) })
            let formName = ["meetings": "meeting", "notes": "note", "messages": "message"][action] ?? action
            // The note and the message are both a post's "body"; on the page each has its own field.
            let renaming = ["body": formName]
            do {
                return try await submit(action, form: form, circle: id, viewer: viewer)
            } catch let rule as CommunityRuleViolation {
                guard case .invalidFields = rule else { throw rule }
                return try await circle(request, context, failed: FailedForm(
                    name: formName, state: FormState(rule, typed: typed, renaming: renaming), status: Problem(rule).status))
            } catch let error as IthacaError {
                guard case .validation = error else { throw error }
                return try await circle(request, context, failed: FailedForm(
                    name: formName, state: FormState(error, typed: typed, renaming: renaming), status: Problem(error).status))
            }
        default:
            throw IthacaError.notFound("page")
        }
    }

    func submit(_ action: String, form: FormData, circle id: UUID, viewer: Viewer) async throws -> Response {
        let base = SiteRoute.circle(id)
        switch action {
        case "invite":
            let result = try await services.circles.invite(email: form.text("email"), to: id, by: viewer)
            return cookies.redirect(base, result.status == .member ? .circleApproved : .circleInvited)
        case "plan":
            try await services.circles.updatePlan(id, plan: form.text("plan"), by: viewer)
            return cookies.redirect(base, .circlePlanSaved)
        case "meetings":
            let zone = try await services.profileStore.profile(userId: viewer.id)?.timeZone ?? "UTC"
            let start = EventsController.localDate(form.text("start"), zone: zone)
            let end = EventsController.localDate(form.text("end"), zone: zone)
            guard let start, let end else {
                var errors: [FieldError] = []
                if start == nil { errors.append(FieldError(field: "start", message: "Enter the start as a date and time.")) }
                if end == nil { errors.append(FieldError(field: "end", message: "Enter the end as a date and time.")) }
                throw CommunityRuleViolation.invalidFields(errors)
            }
            _ = try await services.circles.schedule(
                CircleMeetingPlan(agenda: form.text("agenda"), start: start, end: end, location: form.text("location")), in: id, by: viewer)
            return cookies.redirect(base, .circleMeetingScheduled)
        case "notes":
            _ = try await services.circles.post(form.text("note"), kind: .note, in: id, by: viewer)
            return cookies.redirect(base + "#notes", .circleNoteAdded)
        default:
            _ = try await services.circles.post(form.text("message"), kind: .message, in: id, by: viewer)
            return cookies.redirect(base + "#thread", .circleMessageSent)
        }
    }

    func personAction(_ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("circleId", "circle")
        let person = try context.id("personId", "person")
        switch context.parameters.get("action") ?? "" {
        case "approve":
            _ = try await services.circles.approve(person, in: id, by: viewer)
            return cookies.redirect(SiteRoute.circle(id), .circleApproved)
        case "remove":
            try await services.circles.remove(person, from: id, by: viewer)
            return person == viewer.id ? cookies.redirect(SiteRoute.circles, .circleLeft) : cookies.redirect(SiteRoute.circle(id), .circlePersonRemoved)
        default:
            throw IthacaError.notFound("page")
        }
    }

    func cancelMeeting(_ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let meeting = try await services.circles.cancelMeeting(try context.id("meetingId", "meeting"), by: viewer)
        return cookies.redirect(SiteRoute.circle(meeting.circleId), meeting.cancellation == .late ? .circleMeetingCancelledLate : .circleMeetingCancelled)
    }

    func meetingICS(_ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        return .calendar(try await services.circles.ics(meeting: try context.id("meetingId", "meeting"), for: viewer), downloadAs: "circle-meeting.ics")
    }

    func circleICS(_ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        return .calendar(try await services.circles.ics(circle: try context.id("circleId", "circle"), for: viewer), downloadAs: "circle.ics")
    }
}
