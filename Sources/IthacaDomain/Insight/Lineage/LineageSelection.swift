/// Chooses which people to draw when a community is larger than the drawing allows.
enum LineageSelection {
    /// Keeps whole lineages (connected components) largest first, then cuts the first one that
    /// does not fit by breadth-first search from its roots. Returns the kept mask and omitted count.
    static func keep(graph: LineageGraph, acyclic: AcyclicLineage, maxPeople: Int) -> (kept: [Bool], omitted: Int) {
        let count = graph.count
        let limit = max(0, maxPeople)
        if count <= limit { return (Array(repeating: true, count: count), 0) }

        var kept = [Bool](repeating: false, count: count)
        var taken = 0
        for component in components(graph) {
            if taken >= limit { break }
            if taken + component.count <= limit {
                for person in component { kept[person] = true }
                taken += component.count
                continue
            }
            // Breadth-first from the roots keeps the top of the lineage, which reads best when cut.
            var queue = component.filter { acyclic.mentors[$0].isEmpty }
            var head = 0
            var queued = Set(queue)
            while head < queue.count, taken < limit {
                let person = queue[head]
                head += 1
                kept[person] = true
                taken += 1
                for mentee in acyclic.mentees[person] where queued.insert(mentee).inserted {
                    queue.append(mentee)
                }
            }
            break
        }
        return (kept, count - taken)
    }

    /// Undirected connected components, largest first; ties by their first person in canonical order.
    private static func components(_ graph: LineageGraph) -> [[Int]] {
        var component = [Int](repeating: -1, count: graph.count)
        var result: [[Int]] = []
        for start in 0..<graph.count where component[start] < 0 {
            let id = result.count
            var members = [start]
            component[start] = id
            var head = 0
            while head < members.count {
                let person = members[head]
                head += 1
                for other in graph.mentees[person] + graph.mentors[person] where component[other] < 0 {
                    component[other] = id
                    members.append(other)
                }
            }
            result.append(members.sorted())
        }
        // Stable order: components were discovered by ascending first member.
        return result.enumerated()
            .sorted { $0.element.count != $1.element.count ? $0.element.count > $1.element.count : $0.offset < $1.offset }
            .map(\.element)
    }
}
