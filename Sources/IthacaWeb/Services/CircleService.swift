import Foundation
import IthacaDomain
import IthacaStorage

/// Circles: 3–8 people with a shared goal, peers mentoring each other or a coach leading a group. People are invited
/// or ask to join; members meet (with the same notice, agenda and late-cancellation rules as 1:1 meetings), keep
/// shared notes and talk in a thread nobody outside the circle sees — site admins included.
public struct CircleService: Sendable {
    let store: CircleStore
    let programs: ProgramStore
    let accounts: AccountStore
    let profiles: ProfileStore
    let notifications: NotificationService
    let posting: PostingGuard
    let clock: AppClock
    public static let pageSize = 30

    /// A circle as one viewer sees it: the inside (people, meetings, notes, thread) only for its members.
    public struct Detail: Sendable {
        public let circle: StoredCommunityCircle
        public let access: CircleAccess
        public let organiserName: String
        public let people: [StoredCircleMember]
        public let names: [UUID: String]
        public let meetings: [StoredCircleMeeting]
        public let notes: [StoredCirclePost]
        public let messages: [StoredCirclePost]
        public let policy: BookingPolicy
    }

    public struct Listing: Sendable {
        public let mine: [(circle: StoredCommunityCircle, status: CircleMemberStatus)]
        public let open: [StoredCommunityCircle]
        public let nextOpenOffset: Int?
    }

    public func create(_ details: CircleDetails, by viewer: Viewer) async throws -> UUID {
        try await store.create(try details.validated(), organiser: viewer.id, now: clock.now())
    }

    public func listing(for viewer: Viewer, openOffset: Int) async throws -> Listing {
        let mine = try await store.circles(of: viewer.id)
        let open = try await store.openCircles(offset: openOffset, limit: Self.pageSize + 1)
        return Listing(mine: mine, open: Array(open.prefix(Self.pageSize)), nextOpenOffset: open.count > Self.pageSize ? openOffset + Self.pageSize : nil)
    }

    func circle(_ id: UUID) async throws -> StoredCommunityCircle {
        guard let circle = try await store.circle(id) else { throw IthacaError.notFound("circle") }
        return circle
    }

    func access(_ circle: StoredCommunityCircle, _ viewer: Viewer) async throws -> CircleAccess {
        CircleAccess(kind: circle.details.kind, isOrganiser: circle.organiserId == viewer.id,
                     status: try await store.status(of: viewer.id, in: circle.id), isSiteAdmin: viewer.isAdmin)
    }

    /// Invitation-only circles are invisible to people with no link to them: "not found", not "forbidden".
    func visibleCircle(_ id: UUID, _ viewer: Viewer) async throws -> (StoredCommunityCircle, CircleAccess) {
        let circle = try await circle(id)
        let access = try await access(circle, viewer)
        if access.status == nil, circle.details.joinPolicy == .invitation { throw IthacaError.notFound("circle") }
        return (circle, access)
    }

    func policy(for circle: StoredCommunityCircle) async throws -> BookingPolicy {
        guard let id = circle.programId, let program = try await programs.program(id) else { return .standard }
        return program.details.policies.bookingPolicy
    }

    public func detail(_ id: UUID, for viewer: Viewer, postsOffset: Int = 0) async throws -> Detail {
        let (circle, access) = try await visibleCircle(id, viewer)
        var people: [StoredCircleMember] = []
        var meetings: [StoredCircleMeeting] = []
        var notes: [StoredCirclePost] = []
        var messages: [StoredCirclePost] = []
        if access.seesInside {
            people = try await store.people(of: id)
            meetings = try await store.meetings(of: id, endingAfter: clock.now().addingTimeInterval(-7 * 86_400))
            notes = try await store.posts(of: id, kind: .note, offset: 0, limit: Self.pageSize)
            messages = try await store.posts(of: id, kind: .message, offset: postsOffset, limit: Self.pageSize)
        } else if let status = access.status {
            people = [StoredCircleMember(personId: viewer.id, status: status, since: clock.now())]
        }
        let ids = people.map(\.personId) + (notes + messages).compactMap(\.authorId) + [circle.organiserId].compactMap { $0 }
        let names = try await profiles.names(of: Array(Set(ids)))
        return Detail(
            circle: circle, access: access, organiserName: circle.organiserId.flatMap { names[$0] } ?? "A former member", people: people,
            names: names, meetings: meetings, notes: notes, messages: messages, policy: try await policy(for: circle))
    }

    // MARK: Who is in

    /// "I'd like to join": accepts an invitation, or asks when the circle takes requests.
    public func join(_ id: UUID, by viewer: Viewer) async throws -> CircleMemberStatus? {
        let (circle, _) = try await visibleCircle(id, viewer)
        let details = circle.details
        let now = clock.now()
        // The change and what it tells people commit together.
        return try await notifications.database.transaction { _ in
            let (result, current) = try await store.change(id, person: viewer.id, now: now) { status, members in
                switch try CircleJoinRule.join(status: status, policy: details.joinPolicy, members: members, capacity: details.capacity) {
                case .joined: .member
                case .requested: .requested
                case .unchanged: nil
                }
            }
            let url = SiteRoute.circle(id)
            if result == .requested {
                try await notifications.send(to: try await managers(of: circle), .circle, "\(viewer.name) asked to join “\(details.name)”.", url: url)
            } else if result == .member {
                try await notifications.send(to: try await store.memberIds(of: id), except: viewer.id, .circle,
                                             "\(viewer.name) joined “\(details.name)”.", url: url)
            }
            return current
        }
    }

    /// Invites someone by email (or lets in someone who asked).
    public func invite(email: String, to id: UUID, by viewer: Viewer) async throws -> (person: UUID, status: CircleMemberStatus) {
        let circle = try await circle(id)
        try await access(circle, viewer).requireManager()
        let address = try EmailAddress.normalized(email)
        guard let person = try await accounts.user(email: address)?.id else {
            throw IthacaError.validation([FieldError(field: "email", message: "Nobody in Ithaca has that email address.")])
        }
        return try await admit(person, to: circle, by: viewer)
    }

    /// Lets in someone who asked to join.
    public func approve(_ person: UUID, in id: UUID, by viewer: Viewer) async throws -> CircleMemberStatus {
        let circle = try await circle(id)
        try await access(circle, viewer).requireManager()
        guard try await store.status(of: person, in: id) == .requested else { throw IthacaError.notFound("request to join") }
        return try await admit(person, to: circle, by: viewer).status
    }

    func admit(_ person: UUID, to circle: StoredCommunityCircle, by viewer: Viewer) async throws -> (person: UUID, status: CircleMemberStatus) {
        let capacity = circle.details.capacity
        let now = clock.now()
        let current = try await notifications.database.transaction { _ in
            let (written, current) = try await store.change(circle.id, person: person, now: now) { status, members in
                try CircleJoinRule.invite(status: status, members: members, capacity: capacity)
            }
            let url = SiteRoute.circle(circle.id)
            switch written {
            case .invited?:
                try await notifications.send(to: [person], .circle, "\(viewer.name) invited you to the circle “\(circle.details.name)”.", url: url)
            case .member?:
                try await notifications.send(to: [person], .circle, "You're in: welcome to “\(circle.details.name)”.", url: url)
            default: break
            }
            return current
        }
        return (person, current ?? .invited)
    }

    /// Leaving (yourself), or declining a request / withdrawing an invitation / removing someone (a manager).
    public func remove(_ person: UUID, from id: UUID, by viewer: Viewer) async throws {
        let (circle, access) = try await visibleCircle(id, viewer)
        guard let status = try await store.status(of: person, in: id) else { throw IthacaError.notFound("person in this circle") }
        if person == viewer.id {
            if circle.organiserId == person, status == .member, circle.members > 1 { throw CommunityRuleViolation.organiserStays }
        } else {
            try access.requireManager()
            if person == circle.organiserId { throw CommunityRuleViolation.organiserStays }
            // Any member of a peer circle answers invitations and requests; only the organiser removes a member.
            if status == .member, circle.organiserId != viewer.id && !viewer.isAdmin {
                throw IthacaError.forbidden("Only the circle's organiser can remove a member.")
            }
        }
        try await store.remove(person, from: id)
    }

    /// The people who let others in: every member of a peer circle, the coach of a coached group.
    func managers(of circle: StoredCommunityCircle) async throws -> [UUID] {
        if circle.details.kind == .cohort, let organiser = circle.organiserId { return [organiser] }
        return try await store.memberIds(of: circle.id)
    }

    public func updatePlan(_ id: UUID, plan: String, by viewer: Viewer) async throws {
        let circle = try await circle(id)
        try await access(circle, viewer).requireManager()
        var details = circle.details
        details.plan = plan
        try await store.updatePlan(id, plan: try details.validated().plan)
    }

    // MARK: Meetings

    public func schedule(_ plan: CircleMeetingPlan, in id: UUID, by viewer: Viewer) async throws -> StoredCircleMeeting {
        let circle = try await circle(id)
        try await access(circle, viewer).requireManager()
        let checked = try plan.validated(now: clock.now(), policy: try await policy(for: circle))
        let now = clock.now(), store = store, notifications = notifications, name = circle.details.name
        let scheduled = try await store.scheduleIfFree(checked, circle: id, by: viewer.id, now: now) { _ in
            try await notifications.send(
                to: try await store.memberIds(of: id), except: viewer.id, .circle,
                "New meeting in “\(name)”: \(checked.agenda.prefix(80))", url: SiteRoute.circle(id))
        }
        guard let meetingId = scheduled else {
            throw IthacaError.validation([FieldError(field: "start", message: "The circle already meets then; pick another time.")])
        }
        guard let meeting = try await store.meeting(meetingId) else { throw IthacaError.notFound("meeting") }
        return meeting
    }

    func meeting(_ id: UUID, viewer: Viewer) async throws -> (StoredCircleMeeting, StoredCommunityCircle, CircleAccess) {
        guard let meeting = try await store.meeting(id) else { throw IthacaError.notFound("meeting") }
        let circle = try await circle(meeting.circleId)
        let access = try await access(circle, viewer)
        guard access.seesInside else { throw IthacaError.notFound("meeting") }
        return (meeting, circle, access)
    }

    /// Cancels a meeting; inside the late-cancellation window it is marked late, for everyone to see.
    public func cancelMeeting(_ id: UUID, by viewer: Viewer) async throws -> StoredCircleMeeting {
        let (meeting, circle, access) = try await meeting(id, viewer: viewer)
        try access.requireManager()
        guard meeting.cancellation == nil else { throw IthacaError.conflict("This meeting was already cancelled.") }
        let policy = try await policy(for: circle)
        let now = clock.now()
        try policy.checkCancellable(start: meeting.plan.start, now: now)
        let kind = policy.cancellation(start: meeting.plan.start, now: now)
        try await notifications.database.transaction { _ in
            try await store.cancel(id, as: kind, now: now)
            try await notifications.send(
                to: try await store.memberIds(of: circle.id), except: viewer.id, .circle,
                "A meeting of “\(circle.details.name)” was cancelled\(kind == .late ? " at short notice" : "").", url: SiteRoute.circle(circle.id))
        }
        return try await store.meeting(id) ?? meeting
    }

    /// One meeting, or every upcoming one of the circle, as an iCalendar file for the members.
    public func ics(meeting id: UUID, for viewer: Viewer) async throws -> String {
        let (meeting, circle, _) = try await meeting(id, viewer: viewer)
        return try await calendar([meeting], circle: circle)
    }

    public func ics(circle id: UUID, for viewer: Viewer) async throws -> String {
        let (circle, access) = try await visibleCircle(id, viewer)
        try access.requireMember()
        return try await calendar(try await store.meetings(of: id, endingAfter: clock.now()), circle: circle)
    }

    func calendar(_ meetings: [StoredCircleMeeting], circle: StoredCommunityCircle) async throws -> String {
        let organiser = try await circle.organiserId.asyncName(profiles)
        return ICalendar.document(events: meetings.map { meeting in
            ICalendarEvent(
                uid: "circle-meeting-\(meeting.id.uuidString.lowercased())@ithaca", sequence: meeting.cancellation == nil ? 0 : 1,
                dtstamp: clock.now(), start: meeting.plan.start, end: meeting.plan.end,
                summary: (meeting.cancellation == nil ? "" : "Cancelled: ") + circle.details.name,
                description: [meeting.plan.location, meeting.plan.agenda].joined(separator: "\n\n"), organizerName: organiser,
                status: meeting.cancellation == nil ? .confirmed : .cancelled)
        }, method: .publish)
    }

    // MARK: Notes and thread

    public func post(_ body: String, kind: CirclePostKind, in id: UUID, by viewer: Viewer) async throws -> StoredCirclePost {
        let circle = try await circle(id)
        try await access(circle, viewer).requireMember()
        let text = try CirclePostRule.validated(body, kind: kind)
        try await posting.admit(viewer)
        let now = clock.now()
        return try await notifications.database.transaction { _ in
            let post = try await store.post(text, kind: kind, circle: id, author: viewer.id, now: now)
            if kind == .note {
                try await notifications.send(to: try await store.memberIds(of: id), except: viewer.id, .circle,
                                             "\(viewer.name) added a note in “\(circle.details.name)”.", url: SiteRoute.circle(id))
            }
            return post
        }
    }

    public func posts(of id: UUID, kind: CirclePostKind, offset: Int, for viewer: Viewer)
        async throws -> (items: [StoredCirclePost], next: Int?, names: [UUID: String]) {
        let circle = try await circle(id)
        try await access(circle, viewer).requireMember()
        let items = try await store.posts(of: id, kind: kind, offset: offset, limit: Self.pageSize + 1)
        let page = Array(items.prefix(Self.pageSize))
        return (page, items.count > Self.pageSize ? offset + Self.pageSize : nil, try await profiles.names(of: page.compactMap(\.authorId)))
    }
}
