import Foundation
import IthacaDomain
import Testing

@Test func circleDetailsNeedANameAGoalAndThreeToEightPlaces() {
    var problems: [FieldError] = []
    do { _ = try CircleDetails(name: " ", goal: "", capacity: 9).validated() } catch {
        if case .invalidFields(let errors) = error { problems = errors }
    }
    #expect(Set(problems.map(\.field)) == ["name", "goal", "capacity"])
    #expect(throws: CommunityRuleViolation.self) { try CircleDetails(name: "Pairs", goal: "Ship", capacity: 2).validated() }
    let fine = try? CircleDetails(name: "  New managers  ", goal: "Our first year leading a team", capacity: 8).validated()
    #expect(fine?.name == "New managers")
}

@Test func joiningFollowsTheInvitationOrTheRequestAndNeverOverfills() throws {
    #expect(try CircleJoinRule.join(status: nil, policy: .request, members: 3, capacity: 4) == .requested)
    #expect(throws: CommunityRuleViolation.circleInvitationOnly) {
        try CircleJoinRule.join(status: nil, policy: .invitation, members: 1, capacity: 4)
    }
    #expect(try CircleJoinRule.join(status: .invited, policy: .invitation, members: 3, capacity: 4) == .joined)
    #expect(throws: CommunityRuleViolation.circleFull) { try CircleJoinRule.join(status: .invited, policy: .request, members: 4, capacity: 4) }
    #expect(try CircleJoinRule.join(status: .member, policy: .request, members: 4, capacity: 4) == .unchanged)
    #expect(try CircleJoinRule.join(status: .requested, policy: .request, members: 2, capacity: 4) == .unchanged)
    // inviting someone who asked lets them in; inviting a member changes nothing
    #expect(try CircleJoinRule.invite(status: .requested, members: 2, capacity: 4) == .member)
    #expect(try CircleJoinRule.invite(status: nil, members: 2, capacity: 4) == .invited)
    #expect(try CircleJoinRule.invite(status: .member, members: 2, capacity: 4) == nil)
    #expect(throws: CommunityRuleViolation.circleFull) { try CircleJoinRule.invite(status: nil, members: 4, capacity: 4) }
}

@Test func inAPeerCircleEveryMemberManagesInACoachedGroupOnlyTheCoach() {
    #expect(CircleAccess(kind: .peerCircle, isOrganiser: false, status: .member).manages)
    #expect(!CircleAccess(kind: .cohort, isOrganiser: false, status: .member).manages)
    #expect(CircleAccess(kind: .cohort, isOrganiser: true, status: .member).manages)
    #expect(!CircleAccess(kind: .peerCircle, isOrganiser: false, status: .invited).seesInside)
    // a site admin outside the circle sees nothing inside it
    #expect(!CircleAccess(kind: .peerCircle, isOrganiser: false, status: nil, isSiteAdmin: true).seesInside)
    #expect(throws: CommunityRuleViolation.circleCoachOnly) { try CircleAccess(kind: .cohort, isOrganiser: false, status: .member).requireManager() }
    #expect(throws: CommunityRuleViolation.circleMembersOnly) { try CircleAccess(kind: .peerCircle, isOrganiser: false, status: .requested).requireMember() }
}

@Test func groupMeetingsKeepTheNoticeNeedAnAgendaAndASensibleLength() throws {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let policy = BookingPolicy.standard
    var problems: [FieldError] = []
    let tooSoon = CircleMeetingPlan(agenda: " ", start: now.addingTimeInterval(3600), end: now.addingTimeInterval(3600 + 600),
                                    location: "javascript:alert(1)://x")
    do { _ = try tooSoon.validated(now: now, policy: policy) } catch {
        if case .invalidFields(let errors) = error { problems = errors }
    }
    #expect(Set(problems.map(\.field)) == ["agenda", "start", "end", "location"])
    #expect(problems.first { $0.field == "start" }?.message.contains("48 hours'") == true)
    let exactNotice = CircleMeetingPlan(agenda: "Retro", start: now.addingTimeInterval(policy.minimumNotice),
                                        end: now.addingTimeInterval(policy.minimumNotice + 3600), location: "https://meet.example.org/x")
    #expect(try exactNotice.validated(now: now, policy: policy).isOnline)
    let tooLong = CircleMeetingPlan(agenda: "All day", start: now.addingTimeInterval(3 * 86_400), end: now.addingTimeInterval(3 * 86_400 + 5 * 3600),
                                    location: "Room 2")
    #expect(throws: CommunityRuleViolation.self) { try tooLong.validated(now: now, policy: policy) }
}
