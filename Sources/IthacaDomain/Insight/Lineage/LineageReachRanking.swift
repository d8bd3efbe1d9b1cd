/// Ranks people by how many others their mentoring reached, directly or downstream.
public enum LineageReachRanking {
    /// The `n` people with the largest distinct downstream reach, ties by name then id.
    ///
    /// Walks the full graph (cycles included): a breadth-first search from every person who has
    /// mentees, marking visits so each person counts once and a cycle ends the walk. Cost is
    /// O(Σ reach + e) — about O(n · depth) for forest-like lineage data, O(n · (n + e)) at worst
    /// for dense graphs. People who mentored nobody are not ranked.
    public static func top(_ n: Int, graph: LineageGraph) -> [LineageLeader] {
        guard n > 0 else { return [] }
        var visitedBy = [Int](repeating: -1, count: graph.count)
        var queue = [Int]()
        queue.reserveCapacity(graph.count)
        var ranked: [(reach: LineageLeader, index: Int)] = []

        for source in 0..<graph.count where !graph.mentees[source].isEmpty {
            // Stamping with the source index avoids clearing the visited array for every search.
            visitedBy[source] = source
            queue.removeAll(keepingCapacity: true)
            for mentee in graph.mentees[source] where visitedBy[mentee] != source {
                visitedBy[mentee] = source
                queue.append(mentee)
            }
            let direct = queue.count
            var head = 0
            var levelEnd = queue.count
            var generations = 1
            while head < queue.count {
                let person = queue[head]
                head += 1
                for mentee in graph.mentees[person] where visitedBy[mentee] != source {
                    visitedBy[mentee] = source
                    queue.append(mentee)
                }
                if head == levelEnd, head < queue.count {
                    generations += 1
                    levelEnd = queue.count
                }
            }
            let person = graph.people[source]
            let reach = LineageLeader(
                id: person.id, name: person.name, direct: direct,
                downstream: queue.count - direct, total: queue.count, generations: generations
            )
            ranked.append((reach, source))
        }
        // Person index order is name-then-id order.
        ranked.sort { $0.reach.total != $1.reach.total ? $0.reach.total > $1.reach.total : $0.index < $1.index }
        return ranked.prefix(n).map(\.reach)
    }
}
