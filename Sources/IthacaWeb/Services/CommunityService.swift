import Foundation
import IthacaDomain
import IthacaStorage

/// Spaces and their questions and answers. Anyone signed in reads; members post; site admins create spaces and
/// name moderators. Anonymous askers are "a member" in every response and page.
public struct CommunityService: Sendable {
    let store: CommunityStore
    let profiles: ProfileStore
    let notifications: NotificationService
    let posting: PostingGuard
    let audit: AuditService
    let clock: AppClock
    public static let pageSize = 20

    public struct SpaceSummary: Sendable {
        public let space: StoredSpace
        public let members: Int
        public let myRole: String?
    }

    /// A question with its answers, as one viewer sees it.
    public struct QuestionDetail: Sendable {
        public let question: StoredQuestion
        public let space: StoredSpace
        public let askedBy: String
        /// nil when anonymous (never revealed here).
        public let askerId: UUID?
        public let answers: [(answer: StoredAnswer, authorName: String)]
        public let votedFor: Set<UUID>
        public let canPost: Bool
        public let isAsker: Bool
        /// Comments on the question and its answers, with how each author is shown to this viewer.
        public let comments: [(comment: StoredComment, author: String)]
        /// A moderator of the space (or a site admin): sees hidden posts and can hide or restore them.
        public let moderates: Bool
    }

    public func spaces(for viewer: Viewer) async throws -> [SpaceSummary] {
        let counts = try await store.memberCounts()
        var result: [SpaceSummary] = []
        for space in try await store.spaces() {
            result.append(SpaceSummary(space: space, members: counts[space.id] ?? 0, myRole: try await store.role(in: space.id, of: viewer.id)))
        }
        return result
    }

    public func createSpace(by viewer: Viewer, name: String, description: String) async throws -> StoredSpace {
        guard viewer.isAdmin else { throw IthacaError.forbidden("Only site admins create spaces. Ask one, or post in an existing space.") }
        let details = try SpaceDetails.validated(name: name, description: description), store = store, audit = audit, now = clock.now()
        return try await notifications.database.transaction { _ in
            let space = try await store.createSpace(details, now: now)
            try await audit.record(.spaceCreated, by: viewer, on: .space, space.id, summary: "Created the space “\(space.name)”")
            return space
        }
    }

    public func space(_ key: String) async throws -> StoredSpace {
        guard let space = try await store.space(key) else { throw IthacaError.notFound("space") }
        return space
    }

    public func role(in space: StoredSpace, of viewer: Viewer) async throws -> String? {
        try await store.role(in: space.id, of: viewer.id)
    }

    public func join(_ key: String, viewer: Viewer) async throws -> StoredSpace {
        let space = try await space(key)
        if try await store.role(in: space.id, of: viewer.id) == nil {
            try await store.setMember(viewer.id, of: space.id, role: "member", now: clock.now())
        }
        return space
    }

    public func leave(_ key: String, viewer: Viewer) async throws -> StoredSpace {
        let space = try await space(key)
        try await store.removeMember(viewer.id, of: space.id)
        return space
    }

    /// Site admins name moderators (who are members too).
    public func setModerator(_ key: String, person: UUID, by viewer: Viewer) async throws {
        guard viewer.isAdmin else { throw CommunityRuleViolation.moderatorsOnly }
        guard try await profiles.profile(userId: person) != nil else { throw IthacaError.invalid("personId", "That person is not a member of Ithaca.") }
        let space = try await space(key), store = store, audit = audit, now = clock.now()
        try await notifications.database.transaction { _ in
            try await store.setMember(person, of: space.id, role: "moderator", now: now)
            try await audit.record(.moderatorAppointed, by: viewer, on: .person, person, summary: "Made a member moderator of “\(space.name)”")
        }
    }

    public func ask(in key: String, by viewer: Viewer, title: String, body: String, tags: [String], anonymous: Bool) async throws -> StoredQuestion {
        let space = try await space(key)
        let draft = try QuestionDraft.validated(title: title, body: body, tags: tags, anonymous: anonymous)
        try await requireMember(space, viewer)
        try await posting.admit(viewer)
        let now = clock.now()
        // The question and what it tells people commit together.
        return try await notifications.database.transaction { _ in
            let question = try await store.addQuestion(draft, space: space.id, author: viewer.id, now: now)
            // Askers follow their question: answers reach their inbox.
            try await notifications.follow(question.id, viewer: viewer)
            try await notifyMentions(in: draft.title + "\n" + draft.body, space: space.id, question: question,
                                     by: draft.anonymous ? "A member" : viewer.name, viewer: viewer)
            return question
        }
    }

    public func questions(in key: String?, order: QuestionOrder, tag: String?, offset: Int) async throws -> (items: [StoredQuestion], next: Int?) {
        var spaceId: UUID?
        if let key { spaceId = try await space(key).id }
        let items = try await store.questions(space: spaceId, order: order, tag: tag, offset: offset, limit: Self.pageSize + 1, now: clock.now())
        return (Array(items.prefix(Self.pageSize)), items.count > Self.pageSize ? offset + Self.pageSize : nil)
    }

    public func question(_ id: UUID, for viewer: Viewer) async throws -> QuestionDetail {
        guard let question = try await store.question(id: id), let space = try await store.space(id: question.spaceId) else {
            throw IthacaError.notFound("question")
        }
        let moderates = try await moderates(space, viewer)
        // Hidden posts are seen only by their authors (with the reason) and the space's moderators.
        guard ModerationRules.isVisible(hidden: question.hiddenReason != nil, viewerIsAuthor: question.authorId == viewer.id, viewerModerates: moderates)
        else { throw IthacaError.notFound("question") }
        let answers = try await store.answers(to: id).filter {
            ModerationRules.isVisible(hidden: $0.hiddenReason != nil, viewerIsAuthor: $0.authorId == viewer.id, viewerModerates: moderates)
        }
        let comments = try await store.comments(onQuestion: id).filter {
            ModerationRules.isVisible(hidden: $0.hiddenReason != nil, viewerIsAuthor: $0.authorId == viewer.id, viewerModerates: moderates)
        }
        let names = try await profiles.names(
            of: answers.map(\.authorId) + comments.map(\.authorId) + (question.anonymous ? [] : [question.authorId]))
        let askedBy = AnswerRules.askerLabel(
            anonymous: question.anonymous, askerName: names[question.authorId] ?? "A former member", askerId: question.authorId, viewer: viewer.id)
        return QuestionDetail(
            question: question, space: space, askedBy: askedBy, askerId: question.anonymous ? nil : question.authorId,
            answers: answers.map { ($0, names[$0.authorId] ?? "A former member") },
            votedFor: try await store.votes(by: viewer.id, on: [id] + answers.map(\.id)),
            canPost: try await store.role(in: space.id, of: viewer.id) != nil, isAsker: question.authorId == viewer.id,
            comments: comments.map { comment in
                (comment, AnswerRules.commenterLabel(
                    author: comment.authorId, name: names[comment.authorId] ?? "A former member",
                    question: (question.authorId, question.anonymous), viewer: viewer.id))
            }, moderates: moderates)
    }

    public func answer(_ questionId: UUID, by viewer: Viewer, body: String) async throws -> StoredAnswer {
        guard let question = try await store.question(id: questionId), question.hiddenReason == nil,
              let space = try await store.space(id: question.spaceId) else {
            throw IthacaError.notFound("question")
        }
        let text = try AnswerRules.validatedBody(body)
        try await requireMember(space, viewer)
        try await posting.admit(viewer)
        let now = clock.now()
        return try await notifications.database.transaction { _ in
            let answer = try await store.addAnswer(text, to: questionId, author: viewer.id, now: now)
            let url = "/questions/\(questionId.uuidString.lowercased())"
            let followers = try await notifications.store.followers(of: questionId)
            try await notifications.send(
                to: followers.filter { $0 == question.authorId }, except: viewer.id, .answer,
                "\(viewer.name) answered your question “\(question.title)”.", url: url)
            try await notifications.send(
                to: followers.filter { $0 != question.authorId }, except: viewer.id, .followedAnswer,
                "\(viewer.name) answered “\(question.title)”, a question you follow.", url: url)
            // Answerers follow the question too, to see the discussion go on.
            try await notifications.follow(questionId, viewer: viewer)
            try await notifyMentions(in: text, space: space.id, question: question, by: viewer.name, viewer: viewer)
            return answer
        }
    }

    /// A comment on the question or one of its answers, by a member of the space; the post's author hears of it.
    public func comment(on post: UUID, by viewer: Viewer, body: String) async throws -> (comment: StoredComment, author: String) {
        var question = try await store.question(id: post)
        var postAuthor = question?.authorId
        var what = "question"
        if question == nil, let answer = try await store.answer(id: post) {
            question = try await store.question(id: answer.questionId)
            postAuthor = answer.authorId
            what = "answer"
        }
        guard let question, let postAuthor, let space = try await store.space(id: question.spaceId) else { throw IthacaError.notFound("post") }
        let text = try AnswerRules.validatedComment(body)
        try await requireMember(space, viewer)
        try await posting.admit(viewer)
        let author = AnswerRules.commenterLabel(author: viewer.id, name: viewer.name, question: (question.authorId, question.anonymous), viewer: viewer.id)
        let now = clock.now()
        let (found, kind) = (question, what)
        let comment = try await notifications.database.transaction { _ in
            let comment = try await store.addComment(text, on: post, question: found.id, author: viewer.id, now: now)
            let label = found.anonymous && viewer.id == found.authorId ? "The asker" : viewer.name
            try await notifications.send(
                to: [postAuthor], except: viewer.id, .comment, "\(label) commented on your \(kind) to “\(found.title)”.",
                url: "/questions/\(found.id.uuidString.lowercased())")
            try await notifyMentions(in: text, space: space.id, question: found, by: label, viewer: viewer)
            return comment
        }
        return (comment, author)
    }

    /// The author edits their answer; the previous text is kept in the history.
    public func editAnswer(_ id: UUID, by viewer: Viewer, body: String) async throws -> StoredAnswer {
        guard let answer = try await store.answer(id: id) else { throw IthacaError.notFound("answer") }
        guard answer.authorId == viewer.id else { throw IthacaError.forbidden("Only the person who wrote an answer can edit it.") }
        try await store.editAnswer(id, body: try AnswerRules.validatedBody(body), now: clock.now())
        return try await store.answer(id: id)!
    }

    /// The question an answer belongs to.
    public func questionOf(answer id: UUID) async throws -> UUID {
        guard let answer = try await store.answer(id: id) else { throw IthacaError.notFound("answer") }
        return answer.questionId
    }

    /// One upvote per person and post, never on your own; returns the new score.
    public func vote(on target: UUID, by viewer: Viewer) async throws -> Int {
        if let question = try await store.question(id: target) {
            try AnswerRules.checkVote(voter: viewer.id, author: question.authorId)
            return try await store.vote(on: target, isQuestion: true, by: viewer.id, now: clock.now())
        }
        guard let answer = try await store.answer(id: target) else { throw IthacaError.notFound("post") }
        try AnswerRules.checkVote(voter: viewer.id, author: answer.authorId)
        return try await store.vote(on: target, isQuestion: false, by: viewer.id, now: clock.now())
    }

    /// The asker accepts an answer (accepting another one moves the mark).
    public func accept(_ answerId: UUID, by viewer: Viewer) async throws -> StoredQuestion {
        guard let answer = try await store.answer(id: answerId), let question = try await store.question(id: answer.questionId) else {
            throw IthacaError.notFound("answer")
        }
        try AnswerRules.checkAccept(viewer: viewer.id, asker: question.authorId, questionId: question.id, answerQuestionId: answer.questionId)
        try await notifications.database.transaction { _ in
            try await store.accept(answerId, on: question.id)
            // Never names the asker: they may have asked anonymously.
            try await notifications.send(
                to: [answer.authorId], except: viewer.id, .accepted, "Your answer to “\(question.title)” was accepted. Thank you for helping!",
                url: "/questions/\(question.id.uuidString.lowercased())")
        }
        return try await store.question(id: question.id)!
    }

    /// The author edits their question; the previous text is kept in the history.
    public func editQuestion(_ id: UUID, by viewer: Viewer, title: String, body: String, tags: [String]) async throws -> StoredQuestion {
        guard let question = try await store.question(id: id) else { throw IthacaError.notFound("question") }
        guard question.authorId == viewer.id else { throw IthacaError.forbidden("Only the person who asked can edit the question.") }
        let draft = try QuestionDraft.validated(title: title, body: body, tags: tags, anonymous: question.anonymous)
        try await store.editQuestion(id, title: draft.title, body: draft.body, tags: draft.tags, now: clock.now())
        return try await store.question(id: id)!
    }

    /// A search hit: the question, where it lives, and an excerpt with the matching words marked.
    public struct SearchHit: Sendable {
        public let question: StoredQuestion
        public let spaceName: String
        public let titlePieces: [(text: String, match: Bool)]
        public let excerpt: [(text: String, match: Bool)]
    }

    /// Full-text search over questions and answers; the database finds candidates, the domain ranks them.
    public func search(_ query: String, offset: Int) async throws -> (hits: [SearchHit], next: Int?) {
        let terms = TextSearch.terms(query)
        guard !terms.isEmpty else { return ([], nil) }
        let candidates = try await store.searchCandidates(terms: terms)
        let ranked = TextSearch.rank(candidates, terms: terms)
        let page = Array(ranked.dropFirst(offset).prefix(Self.pageSize))
        // The excerpt comes from the post that matched best: the question itself, or one of its answers.
        let wanted = Set(terms)
        var bestText: [UUID: (text: String, hits: Int)] = [:]
        for doc in candidates {
            let hits = TextSearch.words(doc.body).filter(wanted.contains).count
            if hits > (bestText[doc.questionId]?.hits ?? 0) { bestText[doc.questionId] = (doc.body, hits) }
        }
        let questions = try await store.questions(ids: page.map(\.questionId))
        let spaces = Dictionary(uniqueKeysWithValues: try await store.spaces().map { ($0.id, $0.name) })
        let hits = page.compactMap { hit -> SearchHit? in
            guard let q = questions[hit.questionId] else { return nil }
            return SearchHit(
                question: q, spaceName: spaces[q.spaceId] ?? "", titlePieces: TextSearch.highlight(q.title, terms: terms, around: 200),
                excerpt: TextSearch.highlight(bestText[q.id]?.text ?? q.body, terms: terms))
        }
        return (hits, offset + Self.pageSize < ranked.count ? offset + Self.pageSize : nil)
    }

    /// A person's public Q&A for their profile: their questions (never the anonymous ones) and the questions they
    /// answered, newest first.
    public func contributions(of person: UUID, limit: Int = 10) async throws -> (asked: [StoredQuestion], answered: [StoredQuestion]) {
        let asked = try await store.questions(by: person)
        let answers = try await store.answers(by: person)
        var seen: Set<UUID> = []
        let answeredIds = answers.map(\.questionId).filter { seen.insert($0).inserted }
        let questions = try await store.questions(ids: Array(answeredIds.prefix(limit)))
        return (Array(asked.prefix(limit)), answeredIds.prefix(limit).compactMap { questions[$0] })
    }

    public func questionId(ofAnswer answer: UUID) async throws -> UUID {
        guard let answer = try await store.answer(id: answer) else { throw IthacaError.notFound("answer") }
        return answer.questionId
    }

    public func revisions(of target: UUID) async throws -> Int { try await store.revisionCount(of: target) }

    /// "@Name" reaches the space's members named, in their inbox; an anonymous asker stays "A member".
    func notifyMentions(in text: String, space: UUID, question: StoredQuestion, by label: String, viewer: Viewer) async throws {
        guard text.contains("@") else { return }
        let members = try await store.memberIds(of: space)
        let names = try await profiles.names(of: members)
        let mentioned = Mentions.find(in: text, among: members.compactMap { id in names[id].map { Mentions.Candidate(id: id, name: $0) } })
        try await notifications.send(to: mentioned, except: viewer.id, .mention, "\(label) mentioned you in “\(question.title)”.",
                                     url: "/questions/\(question.id.uuidString.lowercased())")
    }

    func moderates(_ space: StoredSpace, _ viewer: Viewer) async throws -> Bool {
        if viewer.isAdmin { return true }
        return try await store.role(in: space.id, of: viewer.id) == "moderator"
    }

    private func requireMember(_ space: StoredSpace, _ viewer: Viewer) async throws {
        guard try await store.role(in: space.id, of: viewer.id) != nil else { throw CommunityRuleViolation.notAMember(space: space.name) }
    }
}
