import Foundation

/// Exact maximum-weight b-matching on a sparse bipartite graph, as a min-cost flow solved by successive shortest paths.
///
/// The network: each mentee sends one unit either to a mentor (cost −score) or to "unmatched" (cost 0); mentor `j`
/// passes at most `capacity[j]` units on. Mentees are added one at a time; each addition routes the new unit along a
/// shortest path in the residual network (Dijkstra on reduced costs, potentials kept feasible), which keeps the flow
/// optimal for the mentees added so far. At the end the potentials are the dual certificate: a pair outside the graph
/// could improve the answer only if `score > menteePotential − mentorPotential`.
struct FlowMatcher {
    let menteeCount: Int
    let mentorCount: Int
    let rowStart: [Int]
    let column: [Int32]
    let weight: [Int64]
    let capacity: [Int]

    private(set) var mentorOf: [Int32]
    private var assignedWeight: [Int64]
    private var slotStart: [Int]
    private var slots: [Int32]
    private var load: [Int]
    private var slotPosition: [Int]
    private(set) var menteePotential: [Int64]
    private(set) var mentorPotential: [Int64]
    private(set) var sinkPotential: Int64

    // Dijkstra scratch: nodes are mentees 0..<n, mentors n..<n+m, the sink n+m.
    private var distance: [Int64]
    private var seen: [UInt32]
    private var round: UInt32 = 0
    private var predecessorMentee: [Int32]
    private var predecessorEdge: [Int]
    private var heapKeys: [Int64] = []
    private var heapNodes: [Int32] = []
    private var settled: [Int32] = []

    init(menteeCount: Int, mentorCount: Int, rowStart: [Int], column: [Int32], weight: [Int64], capacity: [Int]) {
        self.menteeCount = menteeCount
        self.mentorCount = mentorCount
        self.rowStart = rowStart
        self.column = column
        self.weight = weight
        self.capacity = capacity
        mentorOf = [Int32](repeating: -1, count: menteeCount)
        assignedWeight = [Int64](repeating: 0, count: menteeCount)
        var starts = [0]
        for c in capacity { starts.append(starts.last! + max(c, 0)) }
        slotStart = starts
        slots = [Int32](repeating: -1, count: starts.last!)
        load = [Int](repeating: 0, count: mentorCount)
        slotPosition = [Int](repeating: -1, count: menteeCount)
        // Feasible start: every arc mentee→mentor has reduced cost −w + 0 + maxW ≥ 0.
        var best = [Int64](repeating: 0, count: mentorCount)
        for (j, w) in zip(column, weight) { best[Int(j)] = max(best[Int(j)], w) }
        menteePotential = [Int64](repeating: 0, count: menteeCount)
        mentorPotential = best.map { -$0 }
        sinkPotential = min(best.map { -$0 }.min() ?? 0, 0)
        distance = [Int64](repeating: 0, count: menteeCount + mentorCount + 1)
        seen = [UInt32](repeating: 0, count: menteeCount + mentorCount + 1)
        predecessorMentee = [Int32](repeating: -1, count: mentorCount)
        predecessorEdge = [Int](repeating: -1, count: mentorCount)
    }

    /// Adds every mentee in turn; the flow is then optimal.
    mutating func solve(order: [Int]? = nil) {
        for mentee in order ?? Array(0..<menteeCount) { add(mentee) }
    }

    /// The total weight of the assignment.
    var objective: Int64 { assignedWeight.reduce(0, +) }

    /// Routes mentee `source`'s unit along a shortest residual path.
    mutating func add(_ source: Int) {
        let n = menteeCount
        let sink = n + mentorCount
        // A new node's potential makes all its outgoing arcs non-negative, one of them tight.
        var potential = sinkPotential
        for e in rowStart[source]..<rowStart[source + 1] {
            potential = max(potential, weight[e] + mentorPotential[Int(column[e])])
        }
        menteePotential[source] = potential
        if rowStart[source] == rowStart[source + 1] { return }

        round &+= 1
        if round == 0 {
            for index in seen.indices { seen[index] = 0 }
            round = 1
        }
        settled.removeAll(keepingCapacity: true)
        heapKeys.removeAll(keepingCapacity: true)
        heapNodes.removeAll(keepingCapacity: true)
        var sinkPredecessor: Int32 = -1
        relax(Int32(source), 0)

        while let (d, node) = pop() {
            if d > distance[Int(node)] { continue }
            if Int(node) == sink { break }
            if d != distance[Int(node)] { continue }
            settled.append(node)
            if Int(node) < n {
                let k = Int(node)
                let pk = menteePotential[k]
                // k → unmatched (k is the source, or k gives its mentor to someone and drops out)
                if relax(Int32(sink), d + pk - sinkPotential) { sinkPredecessor = node }
                let current = mentorOf[k]
                for e in rowStart[k]..<rowStart[k + 1] {
                    let j = Int(column[e])
                    if j == current { continue }
                    if relax(Int32(n + j), d - weight[e] + pk - mentorPotential[j]) {
                        predecessorMentee[j] = Int32(k)
                        predecessorEdge[j] = e
                    }
                }
            } else {
                let j = Int(node) - n
                let pj = mentorPotential[j]
                if load[j] < capacity[j], relax(Int32(sink), d + pj - sinkPotential) { sinkPredecessor = node }
                for slot in slotStart[j]..<(slotStart[j] + load[j]) {
                    let k = Int(slots[slot])
                    relax(Int32(k), d + assignedWeight[k] + pj - menteePotential[k])
                }
            }
        }

        let sinkDistance = distance[sink]
        for node in settled {
            let delta = distance[Int(node)] - sinkDistance
            if Int(node) < n { menteePotential[Int(node)] += delta } else { mentorPotential[Int(node) - n] += delta }
        }
        augment(from: source, through: sinkPredecessor)
    }

    @discardableResult
    private mutating func relax(_ node: Int32, _ d: Int64) -> Bool {
        let index = Int(node)
        if seen[index] == round, distance[index] <= d { return false }
        seen[index] = round
        distance[index] = d
        push(d, node)
        return true
    }

    private mutating func augment(from source: Int, through last: Int32) {
        let n = menteeCount
        var mentor: Int
        var hole: Int
        if Int(last) < n {
            let k = Int(last)
            if k == source { return }  // stays unmatched
            mentor = Int(mentorOf[k])
            hole = slotPosition[k]
            mentorOf[k] = -1
            assignedWeight[k] = 0
            slotPosition[k] = -1
        } else {
            mentor = Int(last) - n
            hole = slotStart[mentor] + load[mentor]
            load[mentor] += 1
        }
        while true {
            let k = Int(predecessorMentee[mentor])
            let previousMentor = Int(mentorOf[k])
            let previousHole = slotPosition[k]
            slots[hole] = Int32(k)
            slotPosition[k] = hole
            mentorOf[k] = Int32(mentor)
            assignedWeight[k] = weight[predecessorEdge[mentor]]
            if k == source { return }
            mentor = previousMentor
            hole = previousHole
        }
    }

    // MARK: binary heap

    private mutating func push(_ key: Int64, _ node: Int32) {
        heapKeys.append(key)
        heapNodes.append(node)
        var child = heapKeys.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            if heapKeys[parent] <= key { break }
            heapKeys[child] = heapKeys[parent]
            heapNodes[child] = heapNodes[parent]
            child = parent
        }
        heapKeys[child] = key
        heapNodes[child] = node
    }

    private mutating func pop() -> (Int64, Int32)? {
        guard let topKey = heapKeys.first else { return nil }
        let topNode = heapNodes[0]
        let lastKey = heapKeys.removeLast()
        let lastNode = heapNodes.removeLast()
        let count = heapKeys.count
        if count > 0 {
            var parent = 0
            while true {
                var child = 2 * parent + 1
                if child >= count { break }
                if child + 1 < count, heapKeys[child + 1] < heapKeys[child] { child += 1 }
                if heapKeys[child] >= lastKey { break }
                heapKeys[parent] = heapKeys[child]
                heapNodes[parent] = heapNodes[child]
                parent = child
            }
            heapKeys[parent] = lastKey
            heapNodes[parent] = lastNode
        }
        return (topKey, topNode)
    }
}
