import FluentKit
import Foundation
import IthacaDomain
import SQLKit

/// The demo's shared learning resources, with +1s and a few reviews.
struct DemoResourcesWriter {
    let db: any Database
    let ids: [Int: UUID]
    let now: Date

    static let catalogue: [(String, String, ResourceKind, ResourceLevel, [String], String)] = [
        ("The Manager's Path", "https://example.org/books/managers-path", .book, .intermediate, ["Management", "Leadership"],
         "From tech lead to CTO, one chapter per step. Read the chapter about **your next step** first."),
        ("Designing Data-Intensive Applications", "https://example.org/books/ddia", .book, .advanced, ["System design", "Distributed systems"],
         "The reference for how databases and streams really work."),
        ("Swift concurrency, step by step", "https://example.org/courses/swift-concurrency", .course, .intermediate, ["Swift", "iOS"],
         "Async/await, tasks and actors with small exercises."),
        ("Giving feedback that lands", "https://example.org/talks/feedback", .talk, .beginner, ["Giving feedback", "Communication"],
         "A 30-minute talk with a simple model you can use tomorrow."),
        ("Your first open source contribution", "https://example.org/guides/first-contribution", .article, .beginner, ["Open source", "Career growth"],
         "Finding a project, reading the contributing guide, and a first small pull request."),
        ("Public speaking for engineers", "https://example.org/videos/speaking", .video, .beginner, ["Public speaking"],
         "How to structure a talk, and what to do with your hands."),
        ("PostgreSQL query plans explained", "https://example.org/articles/query-plans", .article, .intermediate, ["PostgreSQL", "SQL"],
         "Read EXPLAIN output without fear."),
        ("Negotiating your salary", "https://example.org/articles/negotiation", .article, .beginner, ["Negotiation", "Career change"],
         "Scripts and numbers for your next offer."),
        ("Kubernetes the practical way", "https://example.org/courses/kubernetes", .course, .intermediate, ["Kubernetes"],
         "Deploy, observe and debug a real service."),
        ("Staff engineer: leadership beyond management", "https://example.org/books/staff", .book, .advanced, ["Leadership", "Career growth"],
         "Stories of what staff engineers actually do all week."),
    ]
    static let reviews = ["Changed how I run my one-on-ones.", "Dense, but worth every page.", "Short and practical.",
                          "My mentor recommended it, and now I do too.", "Good first read on the topic."]

    /// Two learning paths over the catalogue (by index), the showcase person half-way along the first.
    static let paths: [(String, String, [Int])] = [
        ("From engineer to first-time manager", "Lead a small team with confidence in your first year", [0, 3, 5, 9]),
        ("Backend: from junior to mid-level", "Own a service end to end: data, queries and deployment", [1, 6, 8]),
    ]

    func write(people: [DemoPerson], showcase: String) async throws {
        let members = people.filter { !$0.isAdmin }.compactMap { ids[$0.key] }
        guard members.count > 20 else { return }
        var random = SplitMix64(seed: 7)
        var resourceIds: [UUID] = []
        for (index, entry) in Self.catalogue.enumerated() {
            let id = UUID()
            resourceIds.append(id)
            let author = members[(index * 17) % members.count]
            let recommenders = (0..<(12 - index)).map { members[(index * 31 + $0 * 7 + 3) % members.count] }.filter { $0 != author }
            let unique = Array(Set(recommenders))
            try await db.sql.insert(into: "resources")
                .columns("id", "space_id", "author_id", "title", "url", "description", "kind", "level", "tags", "recommendations", "created_at")
                .values(SQLBind(id), SQLBind(UUID?.none), SQLBind(author), SQLBind(entry.0), SQLBind(entry.1), SQLBind(entry.5),
                        SQLBind(entry.2.rawValue), SQLBind(entry.3.rawValue), SQLBind(ResourceStore.tagList(entry.4)), SQLBind(unique.count),
                        SQLBind(now.addingTimeInterval(-Double(30 - index) * 86_400)))
                .run()
            for person in unique {
                try await db.sql.insert(into: "resource_recommendations").columns("id", "resource_id", "person_id")
                    .values(SQLBind(UUID()), SQLBind(id), SQLBind(person)).run()
            }
            for person in unique.prefix(Int(random.next() % 3)) {
                try await db.sql.insert(into: "resource_reviews").columns("id", "resource_id", "person_id", "body", "created_at")
                    .values(SQLBind(UUID()), SQLBind(id), SQLBind(person), SQLBind(Self.reviews[Int(random.next() % UInt64(Self.reviews.count))]),
                            SQLBind(now.addingTimeInterval(-Double(10 - index) * 86_400)))
                    .run()
            }
        }
        try await writePaths(resources: resourceIds, members: members, showcase: people.first { $0.email == showcase }.flatMap { ids[$0.key] })
    }

    func writePaths(resources: [UUID], members: [UUID], showcase: UUID?) async throws {
        for (index, path) in Self.paths.enumerated() {
            let id = UUID()
            try await db.sql.insert(into: "learning_paths").columns("id", "title", "goal", "description", "author_id", "created_at")
                .values(SQLBind(id), SQLBind(path.0), SQLBind(path.1), SQLBind("Work through the steps in order; each builds on the one before."),
                        SQLBind(members.filter { $0 != showcase }[index * 11 + 40]), SQLBind(now.addingTimeInterval(-Double(20 - index) * 86_400))).run()
            for (position, resource) in path.2.enumerated() {
                try await db.sql.insert(into: "learning_path_steps").columns("id", "path_id", "position", "resource_id")
                    .values(SQLBind(UUID()), SQLBind(id), SQLBind(position), SQLBind(resources[resource])).run()
            }
            var followers = (0..<(9 - index * 4)).map { members[(index * 23 + $0 * 5 + 2) % members.count] }
            if index == 0, let showcase { followers.append(showcase) }
            for (number, person) in Set(followers).sorted(by: { $0.uuidString < $1.uuidString }).enumerated() {
                try await db.sql.insert(into: "learning_path_followers").columns("id", "path_id", "person_id", "created_at")
                    .values(SQLBind(UUID()), SQLBind(id), SQLBind(person), SQLBind(now.addingTimeInterval(-Double(10 + number) * 3600))).run()
                let done = person == showcase ? 2 : number % path.2.count
                for resource in path.2.prefix(done) {
                    try await db.sql.insert(into: "learning_path_done").columns("id", "path_id", "person_id", "resource_id", "done_at")
                        .values(SQLBind(UUID()), SQLBind(id), SQLBind(person), SQLBind(resources[resource]), SQLBind(now.addingTimeInterval(-3600))).run()
                }
            }
        }
    }
}
