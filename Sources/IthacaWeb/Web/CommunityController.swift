import Foundation
import Hummingbird
import IthacaDomain
import IthacaMarkdown
import IthacaStorage

/// Spaces, their questions, and a question's page with its answers: "no stupid questions".
struct CommunityController {
    let services: AppServices
    let cookies: SessionCookies

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteRoute.spaces)) { _, context in try await spaces(context) }
        router.post(RouterPath(SiteRoute.spaces)) { request, context in try await createSpace(request, context) }
        router.get(RouterPath(SiteRoute.search)) { request, context in try await search(request, context) }
        router.get(RouterPath(SiteRoute.spacePattern)) { request, context in try await space(request, context) }
        router.post(RouterPath(SiteRoute.spaceJoinPattern)) { _, context in try await membership(context, join: true) }
        router.post(RouterPath(SiteRoute.spaceLeavePattern)) { _, context in try await membership(context, join: false) }
        router.post(RouterPath(SiteRoute.spaceAskPattern)) { request, context in try await ask(request, context) }
        router.get(RouterPath(SiteRoute.questionPattern)) { _, context in try await question(context) }
        router.post(RouterPath(SiteRoute.questionAnswerPattern)) { request, context in try await answer(request, context) }
        router.post(RouterPath(SiteRoute.questionVotePattern)) { _, context in try await vote(context, "questionId") }
        router.post(RouterPath(SiteRoute.answerVotePattern)) { _, context in try await vote(context, "answerId") }
        router.post(RouterPath(SiteRoute.answerAcceptPattern)) { _, context in try await accept(context) }
        router.post(RouterPath(SiteRoute.questionCommentPattern)) { request, context in try await comment(request, context, "questionId") }
        router.post(RouterPath(SiteRoute.answerCommentPattern)) { request, context in try await comment(request, context, "answerId") }
        router.post(RouterPath(SiteRoute.answerEditPattern)) { request, context in try await editAnswer(request, context) }
    }

    func spaces(_ context: AppRequestContext, form: FormState = FormState(), status: HTTPResponse.Status = .ok) async throws -> Response {
        let viewer = try context.signedIn()
        let spaces = try await services.community.spaces(for: viewer).map { summary -> ViewModel in
            ["name": summary.space.name, "description": summary.space.description, "url": SiteRoute.space(summary.space.slug),
             "members": Format.people(summary.members), "role": summary.myRole?.capitalized ?? ""]
        }
        let model: ViewModel = ["spaces": spaces, "isAdmin": viewer.isAdmin, "url": SiteRoute.spaces, "form": form.model,
                                "isModerator": try await services.moderation.isModerator(viewer)]
        return services.pages.page("spaces", model, title: "Spaces", context: context, nav: .community, status: status)
    }

    func createSpace(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let form = try await request.form()
        do {
            let space = try await services.community.createSpace(by: viewer, name: form.text("name"), description: form.text("description"))
            return cookies.redirect(SiteRoute.space(space.slug), .spaceCreated)
        } catch let rule as CommunityRuleViolation {
            return try await spaces(context, form: FormState(rule, typed: ["name": form.text("name"), "description": form.text("description")]),
                                    status: Problem(rule).status)
        }
    }

    func space(_ request: Request, _ context: AppRequestContext, form: FormState = FormState(), status: HTTPResponse.Status = .ok) async throws -> Response {
        let viewer = try context.signedIn()
        let space = try await services.community.space(try slug(context))
        let role = try await services.community.role(in: space, of: viewer)
        let order = request.uri.queryParameters.get("order").flatMap(QuestionOrder.init(rawValue:)) ?? .newest
        let offset = try request.uri.queryParameters.get("cursor").map(DirectoryService.decodeCursor) ?? 0
        let page = try await services.community.questions(in: space.slug, order: order, tag: nil, offset: offset)
        let names = try await services.profileStore.names(of: page.items.filter { !$0.anonymous }.map(\.authorId))
        let questions = page.items.map { q -> ViewModel in
            ["title": q.title, "url": SiteRoute.question(q.id), "tags": q.tags, "votes": Self.votes(q.score),
             "answers": q.answerCount == 1 ? "1 answer" : "\(q.answerCount) answers", "accepted": q.acceptedAnswerId != nil,
             "askedBy": AnswerRules.askerLabel(anonymous: q.anonymous, askerName: names[q.authorId] ?? "A former member", askerId: q.authorId, viewer: viewer.id),
             "when": Format.timestamp(q.createdAt)]
        }
        let base = SiteRoute.space(space.slug)
        let model: ViewModel = [
            "name": space.name, "description": space.description, "isMember": role != nil, "role": role?.capitalized ?? "",
            "joinUrl": base + "/join", "leaveUrl": base + "/leave", "askUrl": base + "/questions",
            "orders": QuestionOrder.allCases.map { o in
                ["label": o == .top ? "Top this week" : o.rawValue.capitalized, "url": base + "?order=\(o.rawValue)", "current": o == order] as ViewModel
            },
            "questions": questions, "hasQuestions": !questions.isEmpty,
            "nextUrl": page.next.map { base + "?order=\(order.rawValue)&cursor=\(DirectoryService.encodeCursor($0))" } ?? "",
            "form": form.model,
        ]
        return services.pages.page("space", model, title: space.name, context: context, nav: .community, status: status)
    }

    func search(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try context.signedIn()
        let query = request.uri.queryParameters.get("q") ?? ""
        let offset = try request.uri.queryParameters.get("cursor").map(DirectoryService.decodeCursor) ?? 0
        let result = try await services.community.search(query, offset: offset)
        let hits = result.hits.map { hit -> ViewModel in
            ["url": SiteRoute.question(hit.question.id), "titleHtml": Highlight.html(hit.titlePieces), "excerptHtml": Highlight.html(hit.excerpt),
             "space": hit.spaceName, "answers": hit.question.answerCount == 1 ? "1 answer" : "\(hit.question.answerCount) answers",
             "accepted": hit.question.acceptedAnswerId != nil]
        }
        let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let model: ViewModel = [
            "query": query, "hits": hits, "hasHits": !hits.isEmpty, "searched": !TextSearch.terms(query).isEmpty,
            "nextUrl": result.next.map { "\(SiteRoute.search)?q=\(encoded)&cursor=\(DirectoryService.encodeCursor($0))" } ?? "",
        ]
        return services.pages.page("search", model, title: query.isEmpty ? "Search" : "Search: \(query)", context: context, nav: .community)
    }

    func membership(_ context: AppRequestContext, join: Bool) async throws -> Response {
        let viewer = try context.signedIn()
        let space = join ? try await services.community.join(try slug(context), viewer: viewer) : try await services.community.leave(try slug(context), viewer: viewer)
        return cookies.redirect(SiteRoute.space(space.slug), join ? .spaceJoined : .spaceLeft)
    }

    func ask(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let form = try await request.form()
        do {
            let question = try await services.community.ask(
                in: try slug(context), by: viewer, title: form.text("title"), body: form.text("body"),
                tags: SkillTag.parseList(form.text("tags")), anonymous: form.isChecked("anonymous"))
            return cookies.redirect(SiteRoute.question(question.id), .questionAsked)
        } catch let rule as CommunityRuleViolation {
            let typed: ViewModel = ["title": form.text("title"), "body": form.text("body"), "tags": form.text("tags"), "anonymous": form.isChecked("anonymous")]
            return try await space(request, context, form: FormState(rule, typed: typed), status: Problem(rule).status)
        }
    }

    func question(_ context: AppRequestContext, form: FormState = FormState(), status: HTTPResponse.Status = .ok) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("questionId", "question")
        let detail = try await services.community.question(id, for: viewer)
        let q = detail.question
        /// Report / hide / restore, and the reason a hidden post shows to its author and the moderators.
        func tools(_ target: ReportTarget, _ id: UUID, author: UUID, hiddenReason: String?, label: String) -> ViewModel {
            ["hiddenNote": hiddenReason ?? "", "authorSees": author == viewer.id, "canReport": author != viewer.id && hiddenReason == nil,
             "canHide": detail.moderates && hiddenReason == nil, "canRestore": detail.moderates && hiddenReason != nil,
             "target": target.rawValue, "targetId": id.uuidString.lowercased(), "targetLabel": label]
        }
        func thread(_ post: UUID, _ url: String, _ what: String) -> ViewModel {
            let comments = detail.comments.filter { $0.comment.postId == post }.map {
                ["author": $0.author, "body": $0.comment.body, "when": Format.timestamp($0.comment.createdAt),
                 "commentTools": tools(.comment, $0.comment.id, author: $0.comment.authorId, hiddenReason: $0.comment.hiddenReason,
                                       label: "comment by \($0.author)")] as ViewModel
            }
            return ["comments": comments, "commentUrl": url, "postId": post.uuidString.lowercased(), "what": what]
        }
        let answers = detail.answers.map { entry -> ViewModel in
            let a = entry.answer
            return ["id": a.id.uuidString, "author": entry.authorName, "authorUrl": SiteRoute.person(a.authorId), "bodyHtml": Markdown.safeHTML(a.body),
                    "votes": Self.votes(a.score), "accepted": q.acceptedAnswerId == a.id, "when": Format.timestamp(a.createdAt),
                    "canVote": a.authorId != viewer.id && !detail.votedFor.contains(a.id), "voteUrl": SiteRoute.answerVote(a.id),
                    "canAccept": detail.isAsker && q.acceptedAnswerId != a.id, "acceptUrl": SiteRoute.answerAccept(a.id),
                    "isMine": a.authorId == viewer.id, "editUrl": "/answers/\(a.id.uuidString.lowercased())/edit", "body": a.body,
                    "edited": a.updatedAt > a.createdAt,
                    "tools": tools(.answer, a.id, author: a.authorId, hiddenReason: a.hiddenReason, label: "answer by \(entry.authorName)"),
                    "thread": thread(a.id, "/answers/\(a.id.uuidString.lowercased())/comments", "answer by \(entry.authorName)")]
        }
        let model: ViewModel = [
            "title": q.title, "bodyHtml": Markdown.safeHTML(q.body), "tags": q.tags, "votes": Self.votes(q.score), "askedBy": detail.askedBy,
            "askerUrl": detail.askerId.map(SiteRoute.person) ?? "", "when": Format.timestamp(q.createdAt),
            "space": ["name": detail.space.name, "url": SiteRoute.space(detail.space.slug)] as ViewModel,
            "canVote": q.authorId != viewer.id && !detail.votedFor.contains(q.id), "voteUrl": SiteRoute.questionVote(q.id),
            "answers": answers, "answerCount": answers.count == 1 ? "1 answer" : "\(answers.count) answers",
            "canPost": detail.canPost, "answerUrl": SiteRoute.question(q.id) + "/answers",
            "joinUrl": SiteRoute.space(detail.space.slug) + "/join", "form": form.model,
            "following": try await services.notifications.isFollowing(q.id, viewer: viewer),
            "questionThread": thread(q.id, SiteRoute.question(q.id) + "/comments", "question"),
            "questionTools": tools(.question, q.id, author: q.authorId, hiddenReason: q.hiddenReason, label: "question"),
            "followUrl": SiteRoute.question(q.id) + "/follow", "unfollowUrl": SiteRoute.question(q.id) + "/unfollow",
        ]
        return services.pages.page("question", model, title: q.title, context: context, nav: .community, status: status)
    }

    /// The author edits their answer (the earlier text is kept in the history).
    func editAnswer(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("answerId", "answer")
        do {
            let answer = try await services.community.editAnswer(id, by: viewer, body: try await request.form().text("body"))
            return cookies.redirect(SiteRoute.question(answer.questionId), .answerEdited)
        } catch let rule as CommunityRuleViolation {
            throw IthacaError.badRequest(rule.message)
        }
    }

    /// A comment under the question or an answer; problems show above the answer form's page.
    func comment(_ request: Request, _ context: AppRequestContext, _ parameter: String) async throws -> Response {
        let viewer = try context.signedIn()
        let post = try context.id(parameter, parameter == "answerId" ? "answer" : "question")
        let body = try await request.form().text("body")
        do {
            _ = try await services.community.comment(on: post, by: viewer, body: body)
        } catch let rule as CommunityRuleViolation {
            throw IthacaError.badRequest(rule.message)
        }
        let question = parameter == "questionId" ? post : try await services.community.questionOf(answer: post)
        return cookies.redirect(SiteRoute.question(question), .commentPosted)
    }

    func answer(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("questionId", "question")
        let form = try await request.form()
        do {
            let answer = try await services.community.answer(id, by: viewer, body: form.text("body"))
            return cookies.redirect(SiteRoute.question(id) + "#answer-\(answer.id.uuidString)", .answerPosted)
        } catch let rule as CommunityRuleViolation {
            return try await question(context, form: FormState(rule, typed: ["body": form.text("body")]), status: Problem(rule).status)
        }
    }

    func vote(_ context: AppRequestContext, _ parameter: String) async throws -> Response {
        let target = try context.id(parameter, "post")
        _ = try await services.community.vote(on: target, by: try context.signedIn())
        let questionId: UUID = parameter == "questionId" ? target : try await services.community.questionId(ofAnswer: target)
        return cookies.redirect(SiteRoute.question(questionId), .voted)
    }

    func accept(_ context: AppRequestContext) async throws -> Response {
        let question = try await services.community.accept(try context.id("answerId", "answer"), by: try context.signedIn())
        return cookies.redirect(SiteRoute.question(question.id), .answerAccepted)
    }

    static func votes(_ count: Int) -> String { count == 1 ? "1 vote" : "\(count) votes" }

    private func slug(_ context: AppRequestContext) throws -> String {
        guard let slug = context.parameters.get("spaceSlug") else { throw IthacaError.notFound("space") }
        return slug
    }
}
