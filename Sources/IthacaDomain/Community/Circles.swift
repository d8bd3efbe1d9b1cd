import Foundation

/// Peers mentoring each other, or a coach leading a group: the two ends of the mentoring ↔ coaching spectrum.
public enum CircleKind: String, Sendable, Codable, CaseIterable {
    case peerCircle = "peer_circle"
    case cohort

    public var label: String {
        switch self {
        case .peerCircle: "Peer circle"
        case .cohort: "Coached group"
        }
    }
}

/// How people get in: only when a member invites them, or also by asking.
public enum CircleJoinPolicy: String, Sendable, Codable, CaseIterable {
    case invitation, request

    public var label: String {
        switch self {
        case .invitation: "By invitation only"
        case .request: "Open to requests"
        }
    }
}

/// A circle as its organiser describes it. The organiser of a coached group is its coach.
public struct CircleDetails: Sendable, Equatable {
    public var name: String
    public var goal: String
    /// The topic and plan: what the group works through, session by session (Markdown).
    public var plan: String
    public var kind: CircleKind
    public var capacity: Int
    public var joinPolicy: CircleJoinPolicy

    /// "A circle is 3–8 people": small enough that everyone speaks in every meeting.
    public static let allowedCapacity = 3...8

    public init(name: String, goal: String, plan: String = "", kind: CircleKind = .peerCircle, capacity: Int = 6,
                joinPolicy: CircleJoinPolicy = .request) {
        self.name = name
        self.goal = goal
        self.plan = plan
        self.kind = kind
        self.capacity = capacity
        self.joinPolicy = joinPolicy
    }

    public func validated() throws(CommunityRuleViolation) -> CircleDetails {
        var check = FieldChecker()
        var result = self
        result.name = check.required(name, TextRule(field: "name", label: "circle's name", maxLength: 80), ifBlank: "Give the circle a name.") ?? name
        result.goal = check.required(goal, TextRule(field: "goal", label: "shared goal", maxLength: 300),
                                     ifBlank: "Say what the circle works toward together.") ?? goal
        result.plan = check.text(plan, TextRule(field: "plan", label: "plan", maxLength: 4_000, multiline: true)) ?? plan
        if !Self.allowedCapacity.contains(capacity) { check.add("capacity", "A circle has room for 3 to 8 people.") }
        try check.throwIfInvalidPost()
        return result
    }
}

/// Where a person stands with a circle.
public enum CircleMemberStatus: String, Sendable, Codable {
    case member, invited, requested
}

/// Who may do what in a circle. In a peer circle every member may invite, let people in and schedule; in a coached
/// group the coach does.
public struct CircleAccess: Sendable, Equatable {
    public let kind: CircleKind
    public let isOrganiser: Bool
    public let status: CircleMemberStatus?
    public let isSiteAdmin: Bool

    public init(kind: CircleKind, isOrganiser: Bool, status: CircleMemberStatus?, isSiteAdmin: Bool = false) {
        self.kind = kind
        self.isOrganiser = isOrganiser
        self.status = status
        self.isSiteAdmin = isSiteAdmin
    }

    public var isMember: Bool { status == .member }
    /// Meetings, notes, the thread and the member list are for members only — site admins included, who are not in it.
    public var seesInside: Bool { isMember }
    public var manages: Bool { isMember && (kind == .peerCircle || isOrganiser) }
    public var schedules: Bool { manages }

    public func requireMember() throws(CommunityRuleViolation) {
        if !isMember { throw .circleMembersOnly }
    }

    public func requireManager() throws(CommunityRuleViolation) {
        try requireMember()
        if !manages { throw .circleCoachOnly }
    }
}

/// Joining: an invitation or an approved request turns into membership while there is room.
public enum CircleJoinRule {
    public enum Outcome: Equatable, Sendable { case joined, requested, unchanged }

    /// What "I'd like to join" does for someone in `status` (nil: not yet connected).
    public static func join(status: CircleMemberStatus?, policy: CircleJoinPolicy, members: Int, capacity: Int)
        throws(CommunityRuleViolation) -> Outcome {
        switch status {
        case .member?, .requested?: return .unchanged
        case .invited?:
            guard members < capacity else { throw .circleFull }
            return .joined
        case nil:
            guard policy == .request else { throw .circleInvitationOnly }
            return .requested
        }
    }

    /// What inviting someone in `status` does: a pending request is answered at once (if there is room).
    public static func invite(status: CircleMemberStatus?, members: Int, capacity: Int) throws(CommunityRuleViolation) -> CircleMemberStatus? {
        switch status {
        case .member?, .invited?: return nil
        case .requested?:
            guard members < capacity else { throw .circleFull }
            return .member
        case nil:
            guard members < capacity else { throw .circleFull }
            return .invited
        }
    }
}

/// A group meeting as scheduled: the same time rules as a 1:1 meeting where they apply (notice, an agenda, late
/// cancellations shown), plus a sensible length.
public struct CircleMeetingPlan: Sendable, Equatable {
    public var agenda: String
    public var start: Date
    public var end: Date
    /// A room or a meeting link (http/https).
    public var location: String

    public static let shortest: TimeInterval = 15 * 60
    public static let longest: TimeInterval = 4 * 3600

    public init(agenda: String, start: Date, end: Date, location: String) {
        self.agenda = agenda
        self.start = start
        self.end = end
        self.location = location
    }

    public func validated(now: Date, policy: BookingPolicy) throws(CommunityRuleViolation) -> CircleMeetingPlan {
        var check = FieldChecker()
        var result = self
        result.agenda = check.required(agenda, TextRule(field: "agenda", label: "agenda", maxLength: 2_000, multiline: true),
                                       ifBlank: "Every meeting has an agenda: say what the group will talk about.") ?? agenda
        result.location = check.required(location, TextRule(field: "location", label: "place or link", maxLength: 300),
                                         ifBlank: "Say where the group meets: a room or a link.") ?? location
        if result.location.lowercased().hasPrefix("http") || result.location.contains("://") {
            if let link = WebLink.checked(result.location) { result.location = link } else {
                check.add("location", "A meeting link must start with https:// or http://.")
            }
        }
        if start.timeIntervalSince(now) < policy.minimumNotice {
            check.add("start", "Give everyone at least \(Self.hours(policy.minimumNotice)) notice: pick a later start.")
        }
        let length = end.timeIntervalSince(start)
        if length < Self.shortest { check.add("end", "A meeting lasts at least 15 minutes.") } else if length > Self.longest {
            check.add("end", "Group meetings last at most 4 hours.")
        }
        try check.throwIfInvalidPost()
        return result
    }

    static func hours(_ interval: TimeInterval) -> String {
        let hours = Int((interval / 3600).rounded())
        return hours == 1 ? "1 hour's" : "\(hours) hours'"
    }

    public var isOnline: Bool { WebLink.checked(location) != nil }
}

/// Text members share with each other: a shared note or a message in the circle's thread.
public enum CirclePostKind: String, Sendable, Codable, CaseIterable {
    case note, message
}

public enum CirclePostRule {
    public static func validated(_ body: String, kind: CirclePostKind) throws(CommunityRuleViolation) -> String {
        var check = FieldChecker()
        let limit = kind == .note ? 10_000 : 4_000
        let text = check.required(body, TextRule(field: "body", label: kind == .note ? "note" : "message", maxLength: limit, multiline: true),
                                  ifBlank: kind == .note ? "Write the note first." : "Write a message first.")
        try check.throwIfInvalidPost()
        return text ?? body
    }
}
