import Foundation
import IthacaAPI
import IthacaDomain
import IthacaStorage

/// The pay-it-forward web through the JSON API: the same people, edges and leaders as `/lineage`.
extension APIHandler {
    func lineage(_ input: Operations.Lineage.Input) async throws -> Operations.Lineage.Output {
        let focus = try input.query.person.map { try Self.id($0, "person") }
        let web = try await services.lineage.web(focus: focus, for: try viewer())
        let drawn = Set(web.drawing.nodes.map(\.id))
        return .ok(.init(body: .json(.init(
            focusId: web.focus?.id.uuidString.lowercased(), people: web.graph.count, generations: web.drawing.generationCount,
            longestChain: web.drawing.longestChain, omittedPeople: web.drawing.omittedPeople,
            nodes: web.drawing.nodes.map { .init(id: $0.id.uuidString.lowercased(), name: $0.name, generation: $0.generation) },
            edges: web.graph.edges.filter { drawn.contains($0.mentor) && drawn.contains($0.mentee) }.map {
                .init(mentorId: $0.mentor.uuidString.lowercased(), menteeId: $0.mentee.uuidString.lowercased())
            },
            leaders: web.leaders.map {
                .init(id: $0.id.uuidString.lowercased(), name: $0.name, direct: $0.direct, downstream: $0.downstream, total: $0.total,
                      generations: $0.generations)
            }))))
    }

    func setLineageVisibility(_ input: Operations.SetLineageVisibility.Input) async throws -> Operations.SetLineageVisibility.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        try await services.lineage.setVisible(body.visible, for: viewer)
        return .ok(.init(body: .json(.init(visible: try await services.lineage.isVisible(viewer)))))
    }
}
