import Foundation
import IthacaAPI
import IthacaDomain
import IthacaMarkdown
import IthacaStorage

/// Spaces, questions and answers through the JSON API.
extension APIHandler {
    func listSpaces(_ input: Operations.ListSpaces.Input) async throws -> Operations.ListSpaces.Output {
        let spaces = try await services.community.spaces(for: try viewer())
        return .ok(.init(body: .json(.init(items: spaces.map { Self.space($0.space, members: $0.members, role: $0.myRole) }))))
    }

    func createSpace(_ input: Operations.CreateSpace.Input) async throws -> Operations.CreateSpace.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let space = try await services.community.createSpace(by: viewer, name: body.name, description: body.description ?? "")
        return .created(.init(body: .json(Self.space(space, members: 0, role: nil))))
    }

    func joinSpace(_ input: Operations.JoinSpace.Input) async throws -> Operations.JoinSpace.Output {
        let viewer = try viewer()
        let space = try await services.community.join(input.path.spaceId, viewer: viewer)
        return .ok(.init(body: .json(try await spaceShape(space, viewer))))
    }

    func leaveSpace(_ input: Operations.LeaveSpace.Input) async throws -> Operations.LeaveSpace.Output {
        let viewer = try viewer()
        let space = try await services.community.leave(input.path.spaceId, viewer: viewer)
        return .ok(.init(body: .json(try await spaceShape(space, viewer))))
    }

    func addModerator(_ input: Operations.AddModerator.Input) async throws -> Operations.AddModerator.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        guard let person = UUID(uuidString: body.personId) else { throw IthacaError.invalid("personId", "Choose a member.") }
        try await services.community.setModerator(input.path.spaceId, person: person, by: viewer)
        return .noContent(.init())
    }

    func listQuestions(_ input: Operations.ListQuestions.Input) async throws -> Operations.ListQuestions.Output {
        let viewer = try viewer()
        let offset = try input.query.cursor.map(DirectoryService.decodeCursor) ?? 0
        let order = input.query.order.flatMap { QuestionOrder(rawValue: $0.rawValue) } ?? .newest
        let page = try await services.community.questions(in: input.path.spaceId, order: order, tag: input.query.tag, offset: offset)
        let names = try await services.profileStore.names(of: page.items.filter { !$0.anonymous }.map(\.authorId))
        return .ok(.init(body: .json(.init(
            items: page.items.map { Self.question($0, askerName: names[$0.authorId] ?? "A former member", viewer: viewer) },
            nextCursor: page.next.map(DirectoryService.encodeCursor)))))
    }

    func askQuestion(_ input: Operations.AskQuestion.Input) async throws -> Operations.AskQuestion.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let question = try await services.community.ask(
            in: input.path.spaceId, by: viewer, title: body.title, body: body.body ?? "", tags: body.tags ?? [], anonymous: body.anonymous ?? false)
        return .created(.init(body: .json(Self.question(question, askerName: viewer.name, viewer: viewer))))
    }

    func getQuestion(_ input: Operations.GetQuestion.Input) async throws -> Operations.GetQuestion.Output {
        let viewer = try viewer()
        let detail = try await services.community.question(try Self.id(input.path.questionId, "question"), for: viewer)
        return .ok(.init(body: .json(.init(
            question: Self.question(detail.question, askerName: detail.askedBy, viewer: viewer),
            answers: detail.answers.map { Self.answer($0.answer, authorName: $0.authorName, question: detail.question, voted: detail.votedFor) },
            comments: detail.comments.map { Self.comment($0.comment, author: $0.author) }))))
    }

    func editAnswer(_ input: Operations.EditAnswer.Input) async throws -> Operations.EditAnswer.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let answer = try await services.community.editAnswer(try Self.id(input.path.answerId, "answer"), by: viewer, body: body.body)
        return .ok(.init(body: .json(Self.answer(answer, authorName: viewer.name, question: nil, voted: []))))
    }

    func commentOnQuestion(_ input: Operations.CommentOnQuestion.Input) async throws -> Operations.CommentOnQuestion.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let made = try await services.community.comment(on: try Self.id(input.path.questionId, "question"), by: viewer, body: body.body)
        return .created(.init(body: .json(Self.comment(made.comment, author: made.author))))
    }

    func commentOnAnswer(_ input: Operations.CommentOnAnswer.Input) async throws -> Operations.CommentOnAnswer.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let made = try await services.community.comment(on: try Self.id(input.path.answerId, "answer"), by: viewer, body: body.body)
        return .created(.init(body: .json(Self.comment(made.comment, author: made.author))))
    }

    static func comment(_ comment: StoredComment, author: String) -> Components.Schemas.Comment {
        .init(id: comment.id.uuidString, postId: comment.postId.uuidString, author: author, body: comment.body, createdAt: comment.createdAt)
    }

    func editQuestion(_ input: Operations.EditQuestion.Input) async throws -> Operations.EditQuestion.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let question = try await services.community.editQuestion(
            try Self.id(input.path.questionId, "question"), by: viewer, title: body.title, body: body.body ?? "", tags: body.tags ?? [])
        return .ok(.init(body: .json(Self.question(question, askerName: viewer.name, viewer: viewer))))
    }

    func answerQuestion(_ input: Operations.AnswerQuestion.Input) async throws -> Operations.AnswerQuestion.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let answer = try await services.community.answer(try Self.id(input.path.questionId, "question"), by: viewer, body: body.body)
        return .created(.init(body: .json(Self.answer(answer, authorName: viewer.name, question: nil, voted: []))))
    }

    func acceptAnswer(_ input: Operations.AcceptAnswer.Input) async throws -> Operations.AcceptAnswer.Output {
        let viewer = try viewer()
        let question = try await services.community.accept(try Self.id(input.path.answerId, "answer"), by: viewer)
        return .ok(.init(body: .json(Self.question(question, askerName: viewer.name, viewer: viewer))))
    }

    func voteQuestion(_ input: Operations.VoteQuestion.Input) async throws -> Operations.VoteQuestion.Output {
        .ok(.init(body: .json(.init(score: try await services.community.vote(on: try Self.id(input.path.questionId, "question"), by: try viewer())))))
    }

    func voteAnswer(_ input: Operations.VoteAnswer.Input) async throws -> Operations.VoteAnswer.Output {
        .ok(.init(body: .json(.init(score: try await services.community.vote(on: try Self.id(input.path.answerId, "answer"), by: try viewer())))))
    }

    private func spaceShape(_ space: StoredSpace, _ viewer: Viewer) async throws -> Components.Schemas.Space {
        let members = try await services.community.spaces(for: viewer).first { $0.space.id == space.id }
        return Self.space(space, members: members?.members ?? 0, role: members?.myRole)
    }

    static func space(_ s: StoredSpace, members: Int, role: String?) -> Components.Schemas.Space {
        Components.Schemas.Space(
            id: s.id.uuidString, slug: s.slug, name: s.name, description: s.description, members: members,
            myRole: role.flatMap { .init(rawValue: $0) })
    }

    /// Anonymous askers are never revealed: no id, and "A member" (or "You (anonymously)" for the asker).
    static func question(_ q: StoredQuestion, askerName: String, viewer: Viewer) -> Components.Schemas.Question {
        Components.Schemas.Question(
            hiddenReason: q.hiddenReason, id: q.id.uuidString, spaceId: q.spaceId.uuidString, title: q.title, body: q.body, bodyHtml: Markdown.safeHTML(q.body), tags: q.tags,
            askedBy: AnswerRules.askerLabel(anonymous: q.anonymous, askerName: askerName, askerId: q.authorId, viewer: viewer.id),
            askerId: q.anonymous ? nil : q.authorId.uuidString, anonymous: q.anonymous, score: q.score, answerCount: q.answerCount,
            acceptedAnswerId: q.acceptedAnswerId?.uuidString, createdAt: q.createdAt, updatedAt: q.updatedAt)
    }

    static func answer(_ a: StoredAnswer, authorName: String, question: StoredQuestion?, voted: Set<UUID>) -> Components.Schemas.Answer {
        Components.Schemas.Answer(
            hiddenReason: a.hiddenReason, id: a.id.uuidString, questionId: a.questionId.uuidString, authorId: a.authorId.uuidString, authorName: authorName, body: a.body,
            bodyHtml: Markdown.safeHTML(a.body), score: a.score, accepted: question?.acceptedAnswerId == a.id, votedByMe: voted.contains(a.id),
            createdAt: a.createdAt)
    }
}

extension APIHandler {
    func search(_ input: Operations.Search.Input) async throws -> Operations.Search.Output {
        _ = try viewer()
        let offset = try input.query.cursor.map(DirectoryService.decodeCursor) ?? 0
        let result = try await services.community.search(input.query.q, offset: offset)
        return .ok(.init(body: .json(.init(
            items: result.hits.map { hit in
                .init(questionId: hit.question.id.uuidString, title: hit.question.title, titleHtml: Highlight.html(hit.titlePieces),
                      excerptHtml: Highlight.html(hit.excerpt), space: hit.spaceName, score: hit.question.score,
                      answerCount: hit.question.answerCount, accepted: hit.question.acceptedAnswerId != nil)
            },
            nextCursor: result.next.map(DirectoryService.encodeCursor)))))
    }
}
