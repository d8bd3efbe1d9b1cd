/// The text alternative to a lineage drawing: mentoring chains as a nested outline.
public enum LineageChains {
    /// One outline tree per root (a person without a mentor once cycles are broken), in name order.
    ///
    /// Mentees are listed depth-first in name order; each person is expanded once, and a person
    /// reached again is listed as a `seeAbove` reference. Pass the same `maxPeople` as the drawing
    /// so the outline describes exactly the people drawn.
    public static func outline(graph: LineageGraph, maxPeople: Int = .max) -> [LineageOutlineItem] {
        let acyclic = AcyclicLineage(graph: graph)
        let kept = LineageSelection.keep(graph: graph, acyclic: acyclic, maxPeople: maxPeople).kept

        // Occurrences are recorded flat first so that deep chains never recurse.
        var occurrencePerson: [Int] = []
        var occurrenceSeeAbove: [Bool] = []
        var occurrenceChildren: [[Int]] = []
        var expanded = [Bool](repeating: false, count: graph.count)
        var rootOccurrences: [Int] = []

        func record(_ person: Int, seeAbove: Bool) -> Int {
            occurrencePerson.append(person)
            occurrenceSeeAbove.append(seeAbove)
            occurrenceChildren.append([])
            return occurrencePerson.count - 1
        }

        for root in acyclic.roots(kept: kept) {
            let rootOccurrence = record(root, seeAbove: false)
            rootOccurrences.append(rootOccurrence)
            expanded[root] = true
            var stack: [(occurrence: Int, next: Int)] = [(rootOccurrence, 0)]
            while let top = stack.last {
                let mentees = acyclic.mentees[occurrencePerson[top.occurrence]]
                guard top.next < mentees.count else {
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let mentee = mentees[top.next]
                guard kept[mentee] else { continue }
                let child = record(mentee, seeAbove: expanded[mentee])
                occurrenceChildren[top.occurrence].append(child)
                if !expanded[mentee] {
                    expanded[mentee] = true
                    stack.append((child, 0))
                }
            }
        }

        // Children are always recorded after their parent, so building backwards has them ready.
        var built = [LineageOutlineItem?](repeating: nil, count: occurrencePerson.count)
        for occurrence in occurrencePerson.indices.reversed() {
            let person = graph.people[occurrencePerson[occurrence]]
            built[occurrence] = LineageOutlineItem(
                id: person.id,
                name: person.name,
                seeAbove: occurrenceSeeAbove[occurrence],
                children: occurrenceChildren[occurrence].compactMap { built[$0] }
            )
        }
        return rootOccurrences.compactMap { built[$0] }
    }
}
