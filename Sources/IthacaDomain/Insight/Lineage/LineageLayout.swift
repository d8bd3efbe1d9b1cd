/// Layered (simplified Sugiyama) layout of a mentoring lineage: mentors above, mentees below.
public enum LineageLayout {
    /// Lays out at most `maxPeople` people in generations, ordering each generation by barycenter sweeps.
    ///
    /// Steps: break cycles (see `AcyclicLineage`), keep the largest lineages (see `LineageSelection`),
    /// generation = longest kept mentor chain above a person, then order each generation starting
    /// from a depth-first reading order and refine with `sweeps` down/up barycenter passes.
    /// Ties are broken by name then id. Cost is O((n + e) · sweeps + n log n · sweeps).
    public static func layered(
        graph: LineageGraph,
        maxPeople: Int,
        columnWidth: Double = 160,
        layerHeight: Double = 90,
        sweeps: Int = 4
    ) -> LineageDrawing {
        let acyclic = AcyclicLineage(graph: graph)
        let (kept, omitted) = LineageSelection.keep(graph: graph, acyclic: acyclic, maxPeople: maxPeople)
        let generation = acyclic.generations(kept: kept)
        let layerCount = (generation.max() ?? -1) + 1
        guard layerCount > 0 else {
            return LineageDrawing(nodes: [], edges: [], width: 0, height: 0, generationCount: 0, omittedPeople: omitted)
        }

        let rank = readingOrder(acyclic: acyclic, kept: kept)
        var layers = Array(repeating: [Int](), count: layerCount)
        for person in 0..<graph.count where kept[person] {
            layers[generation[person]].append(person)
        }
        var position = [Double](repeating: 0, count: graph.count)
        for index in layers.indices {
            layers[index].sort { rank[$0] < rank[$1] }
            place(layers[index], into: &position)
        }

        for pass in 0...max(0, sweeps) {
            for index in layers.indices.dropFirst() {
                reorder(&layers[index], by: acyclic.mentors, kept: kept, position: &position)
            }
            // The last pass is down-only so mentees settle under their (final) mentors.
            guard pass < sweeps else { break }
            for index in layers.indices.dropLast().reversed() {
                reorder(&layers[index], by: acyclic.mentees, kept: kept, position: &position)
            }
        }

        let widest = Double(layers.map(\.count).max() ?? 1)
        func x(_ person: Int) -> Double { (position[person] + (widest - 1) / 2) * columnWidth + columnWidth / 2 }
        func y(_ person: Int) -> Double { Double(generation[person]) * layerHeight + layerHeight / 2 }

        var nodes: [LineageNode] = []
        var links: [LineageLink] = []
        for layer in layers {
            for person in layer {
                let who = graph.people[person]
                nodes.append(LineageNode(id: who.id, name: who.name, generation: generation[person], x: x(person), y: y(person)))
                for mentee in acyclic.mentees[person] where kept[mentee] {
                    links.append(link(graph, person, mentee, x, y, closesCycle: false))
                }
            }
        }
        for edge in acyclic.droppedEdges where kept[edge.mentor] && kept[edge.mentee] {
            links.append(link(graph, edge.mentor, edge.mentee, x, y, closesCycle: true))
        }
        return LineageDrawing(
            nodes: nodes, edges: links,
            width: widest * columnWidth, height: Double(layerCount) * layerHeight,
            generationCount: layerCount, omittedPeople: omitted
        )
    }

    /// Depth-first pre-order rank from the roots, so a first ordering already keeps families together.
    static func readingOrder(acyclic: AcyclicLineage, kept: [Bool]) -> [Int] {
        var rank = [Int](repeating: Int.max, count: kept.count)
        var next = 0
        for root in acyclic.roots(kept: kept) where rank[root] == Int.max {
            var stack = [root]
            while let person = stack.popLast() {
                guard rank[person] == Int.max else { continue }
                rank[person] = next
                next += 1
                for mentee in acyclic.mentees[person].reversed() where kept[mentee] && rank[mentee] == Int.max {
                    stack.append(mentee)
                }
            }
        }
        return rank
    }

    /// Centres a generation on 0 so positions in generations of different widths are comparable.
    private static func place(_ layer: [Int], into position: inout [Double]) {
        let centre = Double(layer.count - 1) / 2
        for (index, person) in layer.enumerated() {
            position[person] = Double(index) - centre
        }
    }

    /// Sorts a generation by the mean position of its neighbours; people without neighbours keep their place.
    private static func reorder(_ layer: inout [Int], by neighbours: [[Int]], kept: [Bool], position: inout [Double]) {
        var keyed: [(barycenter: Double, person: Int)] = []
        keyed.reserveCapacity(layer.count)
        for person in layer {
            var sum = 0.0
            var count = 0
            for other in neighbours[person] where kept[other] {
                sum += position[other]
                count += 1
            }
            keyed.append((count > 0 ? sum / Double(count) : position[person], person))
        }
        // Person index order is name-then-id order, which settles ties.
        keyed.sort { $0.barycenter != $1.barycenter ? $0.barycenter < $1.barycenter : $0.person < $1.person }
        layer = keyed.map(\.person)
        place(layer, into: &position)
    }

    private static func link(
        _ graph: LineageGraph, _ mentor: Int, _ mentee: Int,
        _ x: (Int) -> Double, _ y: (Int) -> Double, closesCycle: Bool
    ) -> LineageLink {
        LineageLink(
            mentor: graph.people[mentor].id, mentee: graph.people[mentee].id,
            fromX: x(mentor), fromY: y(mentor), toX: x(mentee), toY: y(mentee), closesCycle: closesCycle
        )
    }
}
