import FluentKit
import Foundation
import IthacaDomain
import SQLKit

/// Writes the demo's spaces, questions, answers and votes (inside the demo critical section, on its connection),
/// with their full-text index entries.
struct DemoQuestionsWriter {
    let db: any Database
    let isSQLite: Bool
    let ids: [Int: UUID]
    let now: Date

    func write(_ questions: [DemoQuestions.Question]) async throws {
        var spaces: [String: UUID] = [:]
        for (name, description) in SpaceDetails.defaults + DemoQuestions.extraSpaces {
            let details = try SpaceDetails.validated(name: name, description: description)
            if let existing = try await SpaceRecord.query(on: db).filter(\.$slug == details.slug).first() {
                spaces[name] = existing.id
                continue
            }
            let row = SpaceRecord()
            row.id = UUID()
            row.slug = details.slug
            row.name = details.name
            row.description = details.description
            row.createdAt = now.addingTimeInterval(-90 * 86_400)
            try await row.create(on: db)
            spaces[name] = row.id
        }
        var members: Set<String> = []
        func join(_ person: Int, _ space: UUID) async throws {
            guard members.insert("\(person)-\(space)").inserted else { return }
            let row = SpaceMemberRecord()
            row.id = UUID()
            row.spaceId = space
            row.userId = ids[person]!
            row.role = "member"
            row.joinedAt = now.addingTimeInterval(-80 * 86_400)
            try await row.create(on: db)
        }
        for question in questions {
            guard let space = spaces[question.space] else { continue }
            let asked = now.addingTimeInterval(-Double(question.daysAgo) * 86_400 - 3_600)
            try await join(question.asker, space)
            let row = QuestionRecord()
            row.id = UUID()
            row.spaceId = space
            row.authorId = ids[question.asker]!
            row.anonymous = question.anonymous
            row.title = question.title
            row.body = question.body
            row.tags = question.tags.joined(separator: "\n")
            row.score = question.voters.count
            row.answerCount = question.answers.count
            row.createdAt = asked
            row.updatedAt = asked
            try await row.create(on: db)
            try await CommunityStore.index(
                on: db, isSQLite: isSQLite, ref: row.id!, question: row.id!, title: question.title,
                body: question.body + " " + question.tags.joined(separator: " "), createdAt: asked)
            for voter in question.voters { try await vote(voter, on: row.id!) }
            for (offset, answer) in question.answers.enumerated() {
                try await join(answer.author, space)
                let answered = asked.addingTimeInterval(Double(offset + 1) * 1_800)
                let answerRow = AnswerRecord()
                answerRow.id = UUID()
                answerRow.questionId = row.id!
                answerRow.authorId = ids[answer.author]!
                answerRow.body = answer.body
                answerRow.score = offset == 0 ? min(question.voters.count, 3) : 0
                answerRow.createdAt = answered
                answerRow.updatedAt = answered
                try await answerRow.create(on: db)
                try await CommunityStore.index(
                    on: db, isSQLite: isSQLite, ref: answerRow.id!, question: row.id!, title: "", body: answer.body, createdAt: answered)
                if offset == 0 {
                    for voter in question.voters.prefix(3) where voter != answer.author { try await vote(voter, on: answerRow.id!) }
                    answerRow.score = question.voters.prefix(3).filter { $0 != answer.author }.count
                    try await answerRow.save(on: db)
                }
                if question.acceptedIndex == offset {
                    row.acceptedAnswerId = answerRow.id
                    try await row.save(on: db)
                }
            }
        }
    }

    private func vote(_ voter: Int, on target: UUID) async throws {
        let row = VoteRecord()
        row.id = UUID()
        row.targetId = target
        row.voterId = ids[voter]!
        row.createdAt = now
        try await row.create(on: db)
    }
}
