import ArgumentParser
import Foundation
import IthacaDomain

/// `ithaca bench …`: performance figures for the pure domain code.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks of the domain code (generated data, no database).", subcommands: [Match.self, Import.self, Recommend.self, Dashboard.self, Lineage.self, Ceiling.self])

    /// `ithaca bench match`: generate a round, score it, match it, print the figures.
    struct Match: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a matching round deterministically, score and match it, print times, memory and objective.")

        enum Mode: String, EnumerableFlag {
            case exact, sparse
            static func help(for value: Mode) -> ArgumentHelp? {
                switch value {
                case .exact: "Score every pair; the answer is proven optimal over all pairs (default)."
                case .sparse: "Keep only each mentee's best --keep mentors (found exactly, by bound and prune); for very large rounds."
                }
            }
        }

        enum Population: String, ExpressibleByArgument, CaseIterable {
            case bench, hr
        }

        @Option(help: "bench: the generator's diverse round (--mentees, --mentors, --seed); hr: `bench import`'s HR export of --rows people, where many look alike.")
        var population: Population = .bench
        @Option(help: "People in the HR export (--population hr): one in five a mentor with 2 places.") var rows = 30_000
        @Option(help: "Mentees in the generated round.") var mentees = 1_000
        @Option(help: "Mentors in the generated round.") var mentors = 200
        @Option(help: "Seed of the generator: the same seed gives the same round.") var seed: UInt64 = 1
        @Flag var mode: Mode = .exact
        @Flag(help: "Maximise the worst match first, then the total.") var fairnessFloor = false
        @Flag(help: "Sparse mode: also solve exactly and print the gap (needs memory for every pair).") var checkGap = false
        @Option(help: "Sparse mode: best mentors kept per mentee.") var keep = CandidateSearch().keep
        @Flag(help: "Sparse mode: solve on the candidates only, without pricing the other pairs (no proof; for comparison).")
        var unpriced = false
        @Option(help: "Write the scored round (JSON header line + int32 matrix) to this file for the Python peers (exact mode).",
                completion: .file())
        var export: String?

        func run() async throws {
            let clock = ContinuousClock()
            let generated = clock.now
            let instance = population == .hr
                ? HRExportPopulation.make(rows: rows) : MatchInstanceGenerator(seed: seed).make(mentees: mentees, mentors: mentors)
            let generation = generated.duration(to: clock.now)

            let scoringStart = clock.now
            let scorer = CompatibilityScorer(
                mentees: instance.mentees, mentors: instance.mentors, restrictions: instance.restrictions)
            let preparation = scoringStart.duration(to: clock.now)
            var search = CandidateSearch()
            search.keep = keep
            let scores: MatchingProblem.Scores = mode == .exact
                ? .dense(await scorer.scoreMatrix()) : .sparse(await scorer.candidateEdges(search))
            let scoring = scoringStart.duration(to: clock.now)

            let problem = MatchingProblem(
                scores: scores, mentorCapacities: instance.mentorCapacities, fairnessFloor: fairnessFloor,
                pricing: mode == .sparse && !unpriced ? scorer : nil)
            let solvingStart = clock.now
            let assignment = try MatchingSolver.solve(problem)
            let assignmentTime = solvingStart.duration(to: clock.now)

            var lines: [(String, String)] = [
                ("round", "\(instance.mentees.count) mentees × \(instance.mentors.count) mentors, \(population == .hr ? "HR export of \(rows) rows" : "seed \(seed)"), \(mode.rawValue)\(fairnessFloor ? ", fairness floor" : "")"),
                ("capacity", "\(instance.mentorCapacities.reduce(0, +))"),
                ("generation_s", seconds(generation)),
                ("scoring_s", seconds(scoring)),
                ("of_which_vocabulary_s", seconds(preparation)),
                ("assignment_s", seconds(assignmentTime)),
                ("total_s", seconds(scoring + assignmentTime)),
            ]
            switch scores {
            case .dense(let matrix):
                lines.append(("pairs_scored", "\(matrix.values.count)"))
            case .sparse(let edges):
                lines.append(("candidate_edges", "\(edges.edgeCount)"))
                lines.append(("pairs_past_bound", "\(edges.pairsScored)"))
                lines.append(("list_entries_walked", "\(edges.listEntriesWalked)"))
            }
            lines += [
                ("pricing_rounds", "\(assignment.pricingRounds)"),
                ("proven_optimal", "\(assignment.isProvenOptimal)"),
                ("gap_bound", assignment.gapBound.map { "\($0) (\(String(format: "%.4f", assignment.objective == 0 ? 0 : Double($0) / Double(assignment.objective) * 100)) %)" } ?? "not computed"),
                ("objective", "\(assignment.objective)"),
                ("matched", "\(assignment.matchedCount)"),
                ("worst_score", assignment.worstScore.map(String.init) ?? "-"),
                ("peak_memory_mib", peakMemoryMiB().map { String(format: "%.0f", $0) } ?? "unknown"),
            ]
            if checkGap, mode == .sparse {
                let exactStart = clock.now
                let exact = try MatchingSolver.solve(MatchingProblem(
                    scores: .dense(await scorer.scoreMatrix()), mentorCapacities: instance.mentorCapacities,
                    fairnessFloor: fairnessFloor))
                let gap = exact.objective == 0 ? 0 : Double(exact.objective - assignment.objective) / Double(exact.objective)
                lines += [
                    ("exact_objective", "\(exact.objective)"),
                    ("exact_total_s", seconds(exactStart.duration(to: clock.now))),
                    ("gap_percent", String(format: "%.4f", gap * 100)),
                ]
            }
            if let export {
                guard case .dense(let matrix) = scores else {
                    throw ValidationError("--export needs --exact: the peers need every pair's score")
                }
                try MatchInstanceExport.data(matrix, capacities: instance.mentorCapacities)
                    .write(to: URL(fileURLWithPath: export))
                lines.append(("exported", export))
            }
            for (key, value) in lines { print("\(key): \(value)") }
        }
    }
}

func seconds(_ duration: Duration) -> String {
    let parts = duration.components
    return String(format: "%.3f", Double(parts.seconds) + Double(parts.attoseconds) / 1e18)
}

/// The process's peak resident memory (VmHWM), Linux only.
func peakMemoryMiB() -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return nil }
    return kib / 1024
}
