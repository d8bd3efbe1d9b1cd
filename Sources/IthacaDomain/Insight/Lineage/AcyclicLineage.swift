/// The mentoring graph with cycles broken, as index adjacency over `LineageGraph.people`.
///
/// Cycles (A mentored B, later B mentored A) are broken deterministically: a depth-first
/// search starts from the roots (people without a mentor) in canonical order, then from any
/// person not yet visited, and every back-edge it meets (an edge to a person still on the
/// DFS stack) is dropped. What remains is a DAG that keeps the mentor met first.
struct AcyclicLineage: Sendable {
    /// Kept mentee indices per person, ascending.
    let mentees: [[Int]]
    /// Kept mentor indices per person, ascending.
    let mentors: [[Int]]
    /// Dropped back-edges as (mentor, mentee) indices.
    let droppedEdges: [(mentor: Int, mentee: Int)]

    init(graph: LineageGraph) {
        let count = graph.count
        var state = [UInt8](repeating: 0, count: count) // 0 new, 1 on stack, 2 done
        var dropped = Set<Int64>()
        var droppedList: [(mentor: Int, mentee: Int)] = []
        var stack: [(node: Int, next: Int)] = []

        let roots = (0..<count).filter { graph.mentors[$0].isEmpty }
        let others = (0..<count).filter { !graph.mentors[$0].isEmpty }
        for start in roots + others where state[start] == 0 {
            state[start] = 1
            stack.append((start, 0))
            // Iterative DFS so long mentoring chains cannot overflow the call stack.
            while let top = stack.last {
                let children = graph.mentees[top.node]
                if top.next < children.count {
                    stack[stack.count - 1].next += 1
                    let child = children[top.next]
                    switch state[child] {
                    case 0:
                        state[child] = 1
                        stack.append((child, 0))
                    case 1:
                        dropped.insert(Int64(top.node) << 32 | Int64(child))
                        droppedList.append((top.node, child))
                    default:
                        break
                    }
                } else {
                    state[top.node] = 2
                    stack.removeLast()
                }
            }
        }

        var mentees = Array(repeating: [Int](), count: count)
        var mentors = Array(repeating: [Int](), count: count)
        for mentor in 0..<count {
            for mentee in graph.mentees[mentor] where !dropped.contains(Int64(mentor) << 32 | Int64(mentee)) {
                mentees[mentor].append(mentee)
                mentors[mentee].append(mentor)
            }
        }
        self.mentees = mentees
        self.mentors = mentors
        self.droppedEdges = droppedList
    }

    /// Roots among `kept` people: kept people without a kept mentor, ascending.
    func roots(kept: [Bool]) -> [Int] {
        (0..<mentees.count).filter { person in
            kept[person] && !mentors[person].contains { kept[$0] }
        }
    }

    /// Generation per kept person: the length of the longest kept mentor chain above them (-1 if not kept).
    func generations(kept: [Bool]) -> [Int] {
        var generation = [Int](repeating: -1, count: mentees.count)
        var pending = [Int](repeating: 0, count: mentees.count)
        var queue: [Int] = []
        for person in 0..<mentees.count where kept[person] {
            pending[person] = mentors[person].reduce(0) { $0 + (kept[$1] ? 1 : 0) }
            if pending[person] == 0 {
                generation[person] = 0
                queue.append(person)
            }
        }
        // Kahn's topological order: a person is final once all kept mentors are.
        var head = 0
        while head < queue.count {
            let mentor = queue[head]
            head += 1
            for mentee in mentees[mentor] where kept[mentee] {
                generation[mentee] = max(generation[mentee], generation[mentor] + 1)
                pending[mentee] -= 1
                if pending[mentee] == 0 { queue.append(mentee) }
            }
        }
        return generation
    }
}
