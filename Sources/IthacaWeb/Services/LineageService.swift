import Foundation
import IthacaDomain
import IthacaStorage

/// The pay-it-forward web: who mentored whom, drawn in generations, with the people whose mentoring reached
/// furthest. Only relationships (never what was said), only active or finished mentorships, only people who show
/// their lineage. Members only.
public struct LineageService: Sendable {
    let store: LineageStore
    let profiles: ProfileStore
    let clock: AppClock

    /// The most people drawn at once: a few hundred names stay readable; the rest are reached by branch.
    public static let drawnPeople = 250
    public static let leaders = 10

    /// What the lineage page shows.
    public struct Web: Sendable {
        public let graph: LineageGraph
        public let drawing: LineageDrawing
        public let outline: [LineageOutlineItem]
        public let leaders: [LineageLeader]
        /// The person whose branch this is, when one was asked for.
        public let focus: (id: UUID, name: String)?
    }

    /// The whole web (its largest lineages first), or one person's branch: everyone above and below them.
    public func web(focus person: UUID?, for viewer: Viewer) async throws -> Web {
        var focus: (id: UUID, name: String)?
        let graph: LineageGraph
        if let person {
            guard let name = try await profiles.names(of: [person])[person], try await store.isVisible(person) else {
                throw IthacaError.notFound("person")
            }
            focus = (person, name)
            let edges = try await store.branch(of: person)
            let ids = Array(Set(edges.flatMap { [$0.mentor, $0.mentee] }).union([person]))
            let names = try await profiles.names(of: ids)
            graph = LineageGraph(people: ids.compactMap { id in names[id].map { LineagePerson(id: id, name: $0) } }, edges: edges)
        } else {
            graph = try await store.web()
        }
        return Web(
            graph: graph, drawing: LineageLayout.layered(graph: graph, maxPeople: Self.drawnPeople),
            outline: LineageChains.outline(graph: graph, maxPeople: Self.drawnPeople),
            leaders: LineageReachRanking.top(Self.leaders, graph: graph), focus: focus)
    }

    /// Whether the viewer shows in the lineage, and their choice.
    public func isVisible(_ viewer: Viewer) async throws -> Bool { try await store.isVisible(viewer.id) }

    public func setVisible(_ visible: Bool, for viewer: Viewer) async throws {
        try await store.setVisible(viewer.id, visible, now: clock.now())
    }
}
