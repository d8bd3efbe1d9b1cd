import FluentKit
import Foundation
import IthacaDomain

/// A topic space.
public struct StoredSpace: Sendable, Equatable {
    public let id: UUID
    public let slug: String
    public let name: String
    public let description: String
}

/// A question with what lists need.
public struct StoredQuestion: Sendable, Equatable {
    public let id: UUID
    public let spaceId: UUID
    public let authorId: UUID
    public let anonymous: Bool
    public let title: String
    public let body: String
    public let tags: [String]
    public let acceptedAnswerId: UUID?
    public let score: Int
    public let answerCount: Int
    public let createdAt: Date
    public let updatedAt: Date
    /// Why a moderator hid it (shown to the author); nil while visible.
    public var hiddenReason: String? = nil
}

public struct StoredAnswer: Sendable, Equatable {
    public let id: UUID
    public let questionId: UUID
    public let authorId: UUID
    public let body: String
    public let score: Int
    public let createdAt: Date
    public let updatedAt: Date
    public var hiddenReason: String? = nil
}

final class SpaceRecord: Model, @unchecked Sendable {
    static let schema = "spaces"
    @ID(key: .id) var id: UUID?
    @Field(key: "slug") var slug: String
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
    var space: StoredSpace { StoredSpace(id: id!, slug: slug, name: name, description: description) }
}

final class SpaceMemberRecord: Model, @unchecked Sendable {
    static let schema = "space_members"
    @ID(key: .id) var id: UUID?
    @Field(key: "space_id") var spaceId: UUID
    @Field(key: "user_id") var userId: UUID
    @Field(key: "role") var role: String
    @Field(key: "joined_at") var joinedAt: Date
    init() {}
}

final class QuestionRecord: Model, @unchecked Sendable {
    static let schema = "questions"
    @ID(key: .id) var id: UUID?
    @Field(key: "space_id") var spaceId: UUID
    @Field(key: "author_id") var authorId: UUID
    @Field(key: "anonymous") var anonymous: Bool
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @Field(key: "tags") var tags: String
    @OptionalField(key: "accepted_answer_id") var acceptedAnswerId: UUID?
    @Field(key: "score") var score: Int
    @Field(key: "answer_count") var answerCount: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "hidden_reason") var hiddenReason: String?
    @OptionalField(key: "hidden_at") var hiddenAt: Date?
    init() {}
    var question: StoredQuestion {
        StoredQuestion(
            id: id!, spaceId: spaceId, authorId: authorId, anonymous: anonymous, title: title, body: body,
            tags: tags.split(separator: "\n").map(String.init), acceptedAnswerId: acceptedAnswerId, score: score,
            answerCount: answerCount, createdAt: createdAt, updatedAt: updatedAt, hiddenReason: hiddenReason)
    }
}

final class AnswerRecord: Model, @unchecked Sendable {
    static let schema = "answers"
    @ID(key: .id) var id: UUID?
    @Field(key: "question_id") var questionId: UUID
    @Field(key: "author_id") var authorId: UUID
    @Field(key: "body") var body: String
    @Field(key: "score") var score: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "hidden_reason") var hiddenReason: String?
    @OptionalField(key: "hidden_at") var hiddenAt: Date?
    init() {}
    var answer: StoredAnswer {
        StoredAnswer(id: id!, questionId: questionId, authorId: authorId, body: body, score: score, createdAt: createdAt, updatedAt: updatedAt,
                     hiddenReason: hiddenReason)
    }
}

final class VoteRecord: Model, @unchecked Sendable {
    static let schema = "votes"
    @ID(key: .id) var id: UUID?
    @Field(key: "target_id") var targetId: UUID
    @Field(key: "voter_id") var voterId: UUID
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

final class RevisionRecord: Model, @unchecked Sendable {
    static let schema = "post_revisions"
    @ID(key: .id) var id: UUID?
    @Field(key: "target_id") var targetId: UUID
    @OptionalField(key: "title") var title: String?
    @Field(key: "body") var body: String
    @Field(key: "edited_at") var editedAt: Date
    init() {}
}
