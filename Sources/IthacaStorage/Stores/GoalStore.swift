import FluentKit
import Foundation
import IthacaDomain

final class GoalRecord: Model, @unchecked Sendable {
    static let schema = "goals"

    @ID(key: .id) var id: UUID?
    @Field(key: "owner_id") var ownerId: UUID
    @OptionalField(key: "mentorship_id") var mentorshipId: UUID?
    @Field(key: "title") var title: String
    @Field(key: "milestones") var milestones: String
    @Field(key: "marked_achieved") var markedAchieved: Bool
    @Field(key: "share_with_manager") var shareWithManager: Bool
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var goal: Goal {
        let list = (try? JSONDecoder().decode([Milestone].self, from: Data(milestones.utf8))) ?? []
        return Goal(id: id!, ownerId: ownerId, mentorshipId: mentorshipId, title: title,
                    progress: GoalProgress(milestones: list, markedAchieved: markedAchieved), shareWithManager: shareWithManager)
    }

    func apply(_ goal: Goal, now: Date) throws {
        mentorshipId = goal.mentorshipId
        title = goal.title
        milestones = String(decoding: try JSONEncoder().encode(goal.progress.milestones), as: UTF8.self)
        markedAchieved = goal.progress.markedAchieved
        shareWithManager = goal.shareWithManager
        updatedAt = now
    }
}

/// Mentees' goals.
public struct GoalStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    public func save(_ goal: Goal, now: Date) async throws {
        let row = try await GoalRecord.find(goal.id, on: database.db) ?? {
            let row = GoalRecord()
            row.id = goal.id
            row.ownerId = goal.ownerId
            row.createdAt = now
            return row
        }()
        try row.apply(goal, now: now)
        try await row.save(on: database.db)
    }

    public func goal(id: UUID) async throws -> Goal? {
        try await GoalRecord.find(id, on: database.db)?.goal
    }

    public func goals(of owner: UUID) async throws -> [Goal] {
        try await GoalRecord.query(on: database.db).filter(\.$ownerId == owner).sort(\.$createdAt).all().map(\.goal)
    }

    public func goals(ofMentorship id: UUID) async throws -> [Goal] {
        try await GoalRecord.query(on: database.db).filter(\.$mentorshipId == id).sort(\.$createdAt).all().map(\.goal)
    }
}
