import Foundation
import IthacaDomain

extension LineageDrawing {
    /// Generation of the person with this id, if drawn.
    func generation(of id: UUID) -> Int? { nodes.first { $0.id == id }?.generation }
    /// Drawn node for this id.
    func node(_ id: UUID) -> LineageNode? { nodes.first { $0.id == id } }
}

extension LineageOutlineItem {
    /// A compact "A>B>C" style rendering of the outline for assertions.
    var shape: String {
        let own = seeAbove ? "\(name)^" : name
        return children.isEmpty ? own : own + "(" + children.map(\.shape).joined(separator: ",") + ")"
    }
}
