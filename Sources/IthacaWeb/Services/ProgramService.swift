import Foundation
import IthacaDomain
import IthacaStorage

/// Programs: site admins create them; members enrol; program admins import participants, run matching rounds and
/// publish them (each pair becomes a proposed mentorship). Recommendations come from a scorer kept warm per program.
public struct ProgramService: Sendable {
    let store: ProgramStore
    let imports: ParticipantImportStore
    let profiles: ProfileStore
    let recommendationCache: RecommendationCache
    let mentorships: MentorshipStore
    let notifications: NotificationService
    let audit: AuditService
    let clock: AppClock
    /// Rounds with more pairs than this use the sparse mode (`AppConfiguration.denseMatchingPairLimit`).
    var densePairLimit = 30_000_000

    /// A program as one viewer sees it.
    public struct Overview: Sendable {
        public let program: StoredProgram
        public let isAdmin: Bool
        public let myEnrolment: StoredEnrolment?
        public let counts: [EnrolmentRole: Int]
    }

    /// A dry run or an applied import.
    public struct ImportReport: Sendable {
        public let lines: [ParticipantImport.Line]
        public let outcome: ImportOutcome?
        public var validCount: Int { lines.count { $0.row != nil } }
        public var errorCount: Int { lines.count { $0.row == nil } }
    }

    public struct RankedPerson: Sendable {
        public let personId: UUID
        public let name: String
        public let score: Int
        public let reasons: [String]
    }

    public struct RoundDetail: Sendable {
        public let round: StoredRound
        public let program: StoredProgram
        public let pairs: [StoredRoundPair]
        public let groups: [StoredRoundGroup]
        public let names: [UUID: String]
        public var matched: [StoredRoundPair] { pairs.filter { $0.mentorId != nil } }
        public var unmatched: [StoredRoundPair] { pairs.filter { $0.mentorId == nil } }
    }

    // MARK: Programs

    public func programs(for viewer: Viewer) async throws -> [(program: StoredProgram, role: EnrolmentRole?, isAdmin: Bool)] {
        let administered = try await store.programsAdministered(by: viewer.id)
        var result: [(StoredProgram, EnrolmentRole?, Bool)] = []
        for program in try await store.programs() {
            let role = try await store.enrolment(of: viewer.id, in: program.id)?.answers.role
            result.append((program, role, viewer.isAdmin || administered.contains(program.id)))
        }
        return result
    }

    public func create(_ details: ProgramDetails, admins: [UUID], by viewer: Viewer) async throws -> StoredProgram {
        guard viewer.isAdmin else { throw IthacaError.forbidden("Only site admins create programs. Ask one to set yours up.") }
        let valid = try details.validated()
        let known = try await profiles.names(of: admins)
        if let unknown = admins.first(where: { known[$0] == nil }) {
            throw IthacaError.invalid("admins", "\(unknown.uuidString) is not a member of Ithaca; program admins must have an account.")
        }
        let store = store, audit = audit, now = clock.now(), chosen = admins.isEmpty ? [viewer.id] : admins
        return try await notifications.database.transaction { _ in
            let program = try await store.create(valid, by: viewer.id, admins: chosen, now: now)
            try await audit.record(.programCreated, by: viewer, on: .program, program.id, program: program.id, summary: "Created “\(valid.name)”")
            try await audit.record(
                .programAdminsSet, by: viewer, on: .program, program.id, program: program.id,
                summary: "\(Set(chosen).count) program admin\(Set(chosen).count == 1 ? "" : "s") for “\(valid.name)”")
            return program
        }
    }

    public func update(_ id: UUID, details: ProgramDetails, by viewer: Viewer) async throws -> StoredProgram {
        let current = try await requireAdmin(id, viewer)
        if details.kind != current.details.kind, !(try await store.enrolmentCounts(in: id)).isEmpty {
            throw IthacaError.conflict("People are enrolled as \(current.details.kind.label.lowercased()) participants, so the program's type can't change now.")
        }
        let valid = try details.validated(), store = store, audit = audit, now = clock.now()
        try await notifications.database.transaction { _ in
            try await store.update(id, details: valid, now: now)
            try await audit.record(.programUpdated, by: viewer, on: .program, id, program: id, summary: "Changed “\(valid.name)”")
        }
        return try await program(id)
    }

    public func program(_ id: UUID) async throws -> StoredProgram {
        guard let program = try await store.program(id) else { throw IthacaError.notFound("program") }
        return program
    }

    public func overview(_ id: UUID, for viewer: Viewer) async throws -> Overview {
        let program = try await program(id)
        return Overview(
            program: program, isAdmin: try await isAdmin(viewer, of: id), myEnrolment: try await store.enrolment(of: viewer.id, in: id),
            counts: try await store.enrolmentCounts(in: id))
    }

    public func adminNames(of program: UUID) async throws -> [String] {
        let ids = try await store.admins(of: program)
        let names = try await profiles.names(of: ids)
        return ids.compactMap { names[$0] }.sorted()
    }

    func isAdmin(_ viewer: Viewer, of program: UUID) async throws -> Bool {
        if viewer.isAdmin { return true }
        return try await store.isAdmin(viewer.id, of: program)
    }

    /// The program, if the viewer runs it (site admins run every program).
    @discardableResult
    func requireAdmin(_ program: UUID, _ viewer: Viewer) async throws -> StoredProgram {
        let found = try await self.program(program)
        guard try await isAdmin(viewer, of: program) else {
            throw IthacaError.forbidden("Only this program's admins can do that.")
        }
        return found
    }

    // MARK: Enrolment

    public func enrol(in id: UUID, viewer: Viewer, answers: EnrolmentAnswers) async throws -> StoredEnrolment {
        let program = try await program(id)
        let existing = try await store.enrolment(of: viewer.id, in: id)
        if !program.details.enrolmentOpen, existing == nil, !(try await isAdmin(viewer, of: id)) {
            throw IthacaError.conflict("Enrolment in \(program.details.name) is closed. Ask the program's admins to add you.")
        }
        return try await store.enrol(viewer.id, in: id, answers: try answers.validated(for: program.details.kind), now: clock.now())
    }

    public func leave(_ id: UUID, viewer: Viewer) async throws {
        _ = try await program(id)
        try await store.leave(viewer.id, program: id)
    }

    public func enrolments(in id: UUID, viewer: Viewer) async throws -> (items: [StoredEnrolment], names: [UUID: String]) {
        try await requireAdmin(id, viewer)
        let items = try await store.enrolments(in: id)
        return (items, try await profiles.names(of: items.map(\.personId)))
    }

    // MARK: Import

    public func importParticipants(into id: UUID, csv: String, dryRun: Bool, viewer: Viewer) async throws -> ImportReport {
        let program = try await requireAdmin(id, viewer)
        let parsed = try ParticipantImport.read(csv, kind: program.details.kind)
        if dryRun || parsed.lines.allSatisfy({ $0.row == nil }) { return ImportReport(lines: parsed.lines, outcome: nil) }
        let outcome = try await imports.apply(parsed.lines, program: program, now: clock.now())
        try await audit.record(
            .participantsImported, by: viewer, on: .program, id, program: id,
            summary: "\(parsed.lines.count) rows: \(outcome.created) new accounts, \(outcome.updated) updated, \(outcome.enrolled) enrolled")
        return ImportReport(lines: parsed.lines, outcome: outcome)
    }

    // MARK: Matching

    /// The program's participants as the scorer sees them, with ids in the scorer's order.
    struct Participants: Sendable {
        let mentees: [MatchCandidate]
        let mentors: [MatchCandidate]
        let goals: [UUID: String]
        let names: [UUID: String]
    }

    /// Everyone enrolled, with mentor capacities left in this program; `excludePlaced` leaves out mentees who
    /// already have a mentorship from this program (rounds), recommendations keep them.
    func participants(of stored: StoredProgram, excludePlaced: Bool) async throws -> Participants {
        let program = stored.id
        let enrolments = try await store.enrolments(in: program)
        let profileById = try await profiles.profiles(ids: enrolments.map(\.personId))
        let managers = try await profiles.managerMap()
        var places = try await store.places(in: program)
        if stored.details.kind == .groupCoaching {
            // One cohort per coach; coachees already in a cohort wait for the next program.
            let grouped = try await store.peopleInCircles(of: program)
            places.menteesPlaced.formUnion(grouped)
            for person in grouped { places.mentorPlaces[person] = Int.max / 2 }
        }
        let now = clock.now()
        var mentees: [MatchCandidate] = []
        var mentors: [MatchCandidate] = []
        var goals: [UUID: String] = [:]
        for enrolment in enrolments {
            guard let profile = profileById[enrolment.personId] else { continue }
            let person = enrolment.personId
            let chain = ReportingLine.chainAbove(person) { managers[$0] }
            switch enrolment.answers.role {
            case .mentor:
                let left = enrolment.answers.capacity - (places.mentorPlaces[person] ?? 0)
                mentors.append(ProgramCandidate.make(
                    id: person, profile: profile, answers: enrolment.answers, managersAbove: chain, capacity: max(left, 0), now: now))
            case .mentee:
                if excludePlaced, places.menteesPlaced.contains(person) { continue }
                mentees.append(ProgramCandidate.make(
                    id: person, profile: profile, answers: enrolment.answers, managersAbove: chain, capacity: 0, now: now))
                goals[person] = enrolment.answers.goals.isEmpty ? profile.goals : enrolment.answers.goals
            case .peer:
                continue
            }
        }
        var names: [UUID: String] = [:]
        for (id, profile) in profileById { names[id] = profile.name }
        return Participants(mentees: mentees, mentors: mentors, goals: goals, names: names)
    }

    public static let groupSizes = 2...8
    /// Peer grouping weighs every pair of peers: a few thousand per round keeps that in memory and seconds.
    static let maximumPeersPerRound = 3_000

    public func runRound(
        in id: UUID, viewer: Viewer, fairnessFloor: Bool, pins: [RoundRule], forbids: [RoundRule], groupSize: Int = 2
    ) async throws -> StoredRound {
        try await runRound(in: id, viewer: viewer, fairnessFloor: fairnessFloor, pins: pins, forbids: forbids, groupSize: groupSize, why: .roundRun)
    }

    /// Runs a round and records `why` in the audit log with the saved round (one transaction).
    func runRound(
        in id: UUID, viewer: Viewer, fairnessFloor: Bool, pins: [RoundRule], forbids: [RoundRule], groupSize: Int, why: AuditAction
    ) async throws -> StoredRound {
        let saved = try await computeRound(
            in: id, viewer: viewer, fairnessFloor: fairnessFloor, pins: pins, forbids: forbids, groupSize: groupSize)
        let audit = audit
        return try await notifications.database.transaction { _ in
            let round = try await saved()
            let summary = round.mentorCount == 0
                ? "\(round.menteeCount) peers grouped"
                : "\(round.menteeCount) mentees, \(round.mentorCount) mentors, \(round.pins.count) pinned, \(round.forbids.count) forbidden"
            try await audit.record(why, by: viewer, on: .round, round.id, program: id, summary: "\(why.label): \(summary)")
            return round
        }
    }

    /// Computes a round (outside any transaction: scoring and solving take seconds) and returns the save to run.
    func computeRound(
        in id: UUID, viewer: Viewer, fairnessFloor: Bool, pins: [RoundRule], forbids: [RoundRule], groupSize: Int
    ) async throws -> @Sendable () async throws -> StoredRound {
        let program = try await requireAdmin(id, viewer)
        guard program.details.matchingMode.allowsRounds else {
            throw IthacaError.conflict("\(program.details.name) is self-serve: switch its matching mode to rounds or both to run a round.")
        }
        if program.details.kind == .peer {
            guard Self.groupSizes.contains(groupSize) else { throw IthacaError.invalid("groupSize", "Choose circles of 2 to 8 peers.") }
            return try await peerRound(program, viewer: viewer, size: groupSize)
        }
        let people = try await participants(of: program, excludePlaced: true)
        guard !people.mentees.isEmpty else { throw IthacaError.conflict("No mentee is waiting for a match in this program.") }
        guard !people.mentors.isEmpty else { throw IthacaError.conflict("No mentor is enrolled in this program yet.") }
        let restrictions = MatchRestrictions(pastPairs: Set(try await store.pastPairs(in: id)))
        let scorer = CompatibilityScorer(mentees: people.mentees, mentors: people.mentors, restrictions: restrictions)
        let menteeIndex = Dictionary(people.mentees.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let mentorIndex = Dictionary(people.mentors.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        func position(_ rule: RoundRule, _ field: String) throws -> MatchPair {
            guard let mentee = menteeIndex[rule.menteeId], let mentor = mentorIndex[rule.mentorId] else {
                throw IthacaError.invalid(field, "That pair is not a waiting mentee and a mentor of this program.")
            }
            return MatchPair(mentee: mentee, mentor: mentor)
        }
        let pinned = try pins.map { try position($0, "pins") }
        let forbidden = Set(try forbids.map { try position($0, "forbids") })
        // Every pair is scored up to 30 million pairs; beyond, each mentee starts with their best mentors and the
        // solver prices every other pair against the duals (the sparse mode). Both end proven optimal over all pairs.
        let dense = people.mentees.count * people.mentors.count <= densePairLimit
        let problem = MatchingProblem(
            scores: dense ? .dense(await scorer.scoreMatrix()) : .sparse(await scorer.candidateEdges()),
            mentorCapacities: people.mentors.map(\.capacity), pinned: pinned,
            forbidden: forbidden, fairnessFloor: fairnessFloor, pricing: scorer)
        let result: MatchingResult
        do { result = try MatchingRound.run(problem, scorer: scorer) } catch { throw Self.explain(error, people) }
        var pairs = result.pairs.map { pair in
            StoredRoundPair(
                menteeId: people.mentees[pair.mentee].id, mentorId: people.mentors[pair.mentor].id, score: pair.score,
                reasons: pair.reasons, pinned: pair.pinned, unmatchedReason: nil)
        }
        pairs += result.unmatched.map {
            StoredRoundPair(menteeId: people.mentees[$0.mentee].id, mentorId: nil, score: 0, reasons: [], pinned: false,
                            unmatchedReason: $0.reason.description)
        }
        let groups = program.details.kind == .groupCoaching ? Self.cohorts(result, people) : []
        let store = store, now = clock.now(), finished = pairs
        return {
            try await store.saveRound(
                program: id, by: viewer.id, fairnessFloor: fairnessFloor, pins: pins, forbids: forbids, objective: result.objective,
                provenOptimal: result.isProvenOptimal, gapBound: result.gapBound, menteeCount: people.mentees.count,
                mentorCount: people.mentors.count,
                pairs: finished, groups: groups, now: now)
        }
    }

    /// A group-coaching round's pairs, gathered per coach: each coach's matched coachees are one cohort.
    static func cohorts(_ result: MatchingResult, _ people: Participants) -> [StoredRoundGroup] {
        Dictionary(grouping: result.pairs, by: \.mentor).sorted { $0.key < $1.key }.map { mentor, pairs in
            let coach = people.mentors[mentor]
            let wanted = Set(pairs.flatMap { people.mentees[$0.mentee].skills.map(SkillTag.normalize) })
            let shared = coach.skills.filter { wanted.contains(SkillTag.normalize($0)) }
            var reasons = shared.isEmpty ? [] : ["the coach offers what the cohort wants: " + shared.prefix(4).joined(separator: ", ")]
            reasons.append("average compatibility \(pairs.map(\.score).reduce(0, +) / max(pairs.count, 1)) per coachee")
            return StoredRoundGroup(
                members: pairs.map { people.mentees[$0.mentee].id }, coachId: coach.id, score: pairs.map(\.score).reduce(0, +),
                reasons: reasons, conflicted: false)
        }
    }

    /// A peer round: everyone enrolled as a peer and not yet in a circle, grouped into circles of `size`.
    func peerRound(_ program: StoredProgram, viewer: Viewer, size: Int) async throws -> @Sendable () async throws -> StoredRound {
        let enrolments = try await store.enrolments(in: program.id).filter { $0.answers.role == .peer }
        let grouped = try await store.peopleInCircles(of: program.id)
        let waiting = enrolments.filter { !grouped.contains($0.personId) }
        guard waiting.count >= 2 else { throw IthacaError.conflict("At least two peers must be waiting to form a circle.") }
        guard waiting.count <= Self.maximumPeersPerRound else {
            throw IthacaError.conflict("\(waiting.count) peers are waiting; group at most \(Self.maximumPeersPerRound) per round (split them into programs by site or team).")
        }
        let profileById = try await profiles.profiles(ids: waiting.map(\.personId))
        let managers = try await profiles.managerMap()
        let now = clock.now()
        var learners: [MatchCandidate] = []
        var teachers: [MatchCandidate] = []
        var about: [(wanted: [String], offered: [String], candidate: MatchCandidate)] = []
        for enrolment in waiting {
            guard let profile = profileById[enrolment.personId] else { continue }
            let chain = ReportingLine.chainAbove(enrolment.personId) { managers[$0] }
            var asLearner = enrolment.answers
            asLearner.role = .mentee
            var asTeacher = enrolment.answers
            asTeacher.role = .mentor
            if asTeacher.skillsOffered.isEmpty { asTeacher.skillsOffered = profile.skillsOffered }
            let learner = ProgramCandidate.make(id: enrolment.personId, profile: profile, answers: asLearner, managersAbove: chain, capacity: 0, now: now)
            learners.append(learner)
            teachers.append(ProgramCandidate.make(id: enrolment.personId, profile: profile, answers: asTeacher, managersAbove: chain, capacity: 1, now: now))
            about.append((learner.skills, asTeacher.skillsOffered, learner))
        }
        let scorer = CompatibilityScorer(mentees: learners, mentors: teachers)
        let matrix = await scorer.scoreMatrix()
        // Peers learn both ways: a pair's weight is the sum of both directions; a reporting line forbids it.
        let outcome = PeerGrouping.group(count: learners.count, size: size) { a, b in
            let ab = matrix[a, b], ba = matrix[b, a]
            return ab == ScoreMatrix.forbidden || ba == ScoreMatrix.forbidden ? PeerGrouping.forbidden : Int(ab) + Int(ba)
        }
        let groups = outcome.groups.enumerated().map { index, members in
            StoredRoundGroup(
                members: members.map { learners[$0].id }, coachId: nil, score: outcome.scores[index],
                reasons: PeerGrouping.reasons(of: members.map { about[$0] }), conflicted: outcome.conflicted.contains(index))
        }
        let store = store, total = outcome.total, count = learners.count
        return {
            try await store.saveRound(
                program: program.id, by: viewer.id, fairnessFloor: false, pins: [], forbids: [], objective: total,
                provenOptimal: false, menteeCount: count, mentorCount: 0, pairs: [], groups: groups, now: now)
        }
    }

    static func explain(_ error: MatchingError, _ people: Participants) -> IthacaError {
        switch error {
        case .pinnedPairForbidden(let pair):
            let mentee = people.names[people.mentees[pair.mentee].id] ?? "the mentee"
            let mentor = people.names[people.mentors[pair.mentor].id] ?? "the mentor"
            return .invalid("pins", "\(mentor) cannot be \(mentee)'s mentor (a reporting line, an earlier pairing, a forbid or a preference rules it out), so that pin cannot be kept.")
        case .menteePinnedTwice:
            return .invalid("pins", "A mentee can be pinned to one mentor only.")
        case .pinsExceedCapacity(let mentor):
            let name = people.names[people.mentors[mentor].id] ?? "A mentor"
            return .invalid("pins", "\(name) has fewer free places than pinned mentees.")
        case .capacitiesDoNotMatchScores:
            return .unavailable("The round could not be computed; try again.")
        }
    }

    public func rounds(in id: UUID, viewer: Viewer) async throws -> [StoredRound] {
        try await requireAdmin(id, viewer)
        return try await store.rounds(of: id)
    }

    /// A round with its pairs; only the program's admins may see it (others get "not found").
    public func round(_ id: UUID, viewer: Viewer) async throws -> RoundDetail {
        guard let round = try await store.round(id), try await isAdmin(viewer, of: round.programId) else {
            throw IthacaError.notFound("round")
        }
        let pairs = try await store.pairs(of: id)
        let groups = try await store.groups(of: id)
        let people = pairs.flatMap { [$0.menteeId] + ($0.mentorId.map { [$0] } ?? []) } + groups.flatMap { $0.members + ($0.coachId.map { [$0] } ?? []) }
        let names = try await profiles.names(of: Array(Set(people)))
        return RoundDetail(round: round, program: try await program(round.programId), pairs: pairs, groups: groups, names: names)
    }

    /// Re-runs a round with one more pin or forbid (from the round page).
    public func rerun(_ id: UUID, viewer: Viewer, pin: RoundRule? = nil, forbid: RoundRule? = nil, unpin: RoundRule? = nil) async throws -> StoredRound {
        let detail = try await round(id, viewer: viewer)
        var pins = detail.round.pins.filter { $0 != unpin }
        var forbids = detail.round.forbids
        if let pin {
            pins.removeAll { $0.menteeId == pin.menteeId }
            pins.append(pin)
        }
        if let forbid {
            pins.removeAll { $0 == forbid }
            if !forbids.contains(forbid) { forbids.append(forbid) }
        }
        let why: AuditAction = pin != nil ? .pairPinned : forbid != nil ? .pairForbidden : unpin != nil ? .pairUnpinned : .roundRun
        return try await runRound(
            in: detail.round.programId, viewer: viewer, fairnessFloor: detail.round.fairnessFloor, pins: pins, forbids: forbids,
            groupSize: detail.groups.first.map { $0.members.count } ?? 2, why: why)
    }

    public func publish(_ id: UUID, viewer: Viewer) async throws -> StoredRound {
        let detail = try await round(id, viewer: viewer)
        let name = detail.program.details.name
        let programUrl = "/programs/\(detail.program.id.uuidString.lowercased())"
        switch detail.program.details.kind {
        case .peer, .groupCoaching:
            let isPeer = detail.program.details.kind == .peer
            let store = store, notifications = notifications, audit = audit, now = clock.now()
            return try await notifications.database.transaction { _ in
                let published = try await store.publishGroups(
                    round: id, kind: isPeer ? .peerCircle : .cohort, programName: detail.program.details.name, now: now)
                try await audit.record(
                    .roundPublished, by: viewer, on: .round, id, program: detail.program.id,
                    summary: "\(Format.count(detail.groups.count, isPeer ? "peer circle" : "cohort")) published in “\(name)”")
                try await notifications.send(
                    to: detail.groups.flatMap { $0.members + ($0.coachId.map { [$0] } ?? []) }, .circle,
                    isPeer ? "You're in a new peer circle in \(name). Meet your circle." : "Your coaching cohort in \(name) is ready.",
                    url: "/circles")
                return published
            }
        case .oneToOne, .reverse: break
        }
        let enrolments = try await store.enrolments(in: detail.round.programId)
        var goals: [UUID: String] = [:]
        for enrolment in enrolments { goals[enrolment.personId] = enrolment.answers.goals }
        let goalOf = goals
        let store = store, notifications = notifications, audit = audit, now = clock.now()
        // Publishing and telling every pair commit together: nobody hears of a match that was rolled back.
        return try await notifications.database.transaction { _ in
            let published = try await store.publish(
                round: id, goalOf: { goalOf[$0] ?? "" }, cadence: detail.program.details.policies.cadence, now: now)
            try await audit.record(
                .roundPublished, by: viewer, on: .round, id, program: detail.program.id,
                summary: "\(Format.count(detail.matched.count, "pair")) published in “\(name)”")
            let text = "You've been matched in \(name). Read why, then acknowledge the agreement to start."
            let news = try await store.pairs(of: id).flatMap { pair -> [(person: UUID, text: String, url: String)] in
                guard let mentor = pair.mentorId, let mentorship = pair.mentorshipId else { return [] }
                let url = "/mentorships/\(mentorship.uuidString.lowercased())"
                return [(pair.menteeId, text, url), (mentor, text, url)]
            }
            try await notifications.sendEach(.matched, news)
            return published
        }
    }

    /// The round's pairs as CSV (formula-injection safe).
    public func exportCSV(_ id: UUID, viewer: Viewer) async throws -> String {
        let detail = try await round(id, viewer: viewer)
        var csv = CSVText.row(["mentee", "mentor", "score", "pinned", "reasons", "unmatched because"])
        for pair in detail.pairs {
            csv += CSVText.row([
                detail.names[pair.menteeId] ?? "", pair.mentorId.flatMap { detail.names[$0] } ?? "", pair.mentorId == nil ? "" : String(pair.score),
                pair.pinned ? "yes" : "", pair.reasons.joined(separator: "; "), pair.unmatchedReason ?? "",
            ])
        }
        return csv
    }

    /// The viewer's circles and cohorts in this program, with everyone's names.
    public func circles(in id: UUID, viewer: Viewer) async throws -> (circles: [StoredCircle], names: [UUID: String]) {
        let circles = try await store.circles(of: viewer.id, in: id)
        let names = try await profiles.names(of: circles.flatMap { $0.members + ($0.coachId.map { [$0] } ?? []) })
        return (circles, names)
    }

    // MARK: Recommendations

    /// For an enrolled mentee, the mentors who fit best; for a mentor, the mentees who might fit.
    public func recommendations(in id: UUID, viewer: Viewer, count: Int = 5) async throws -> (role: EnrolmentRole, people: [RankedPerson]) {
        let program = try await program(id)
        guard let enrolment = try await store.enrolment(of: viewer.id, in: id), enrolment.answers.role != .peer else {
            throw IthacaError.conflict("Enrol in \(program.details.name) as a mentee or mentor to see recommendations.")
        }
        let fingerprint = try await store.fingerprint(of: id)
        let index = try await recommendationCache.index(for: id, fingerprint: fingerprint) {
            let people = try await participants(of: program, excludePlaced: false)
            let restrictions = MatchRestrictions(pastPairs: Set(try await store.pastPairs(in: id)))
            return ProgramIndex(
                index: RecommendationIndex(scorer: CompatibilityScorer(mentees: people.mentees, mentors: people.mentors, restrictions: restrictions)),
                names: people.names)
        }
        let places = try await store.places(in: id)
        let scorer = index.index.scorer
        switch enrolment.answers.role {
        case .mentee:
            guard let me = scorer.mentees.firstIndex(where: { $0.id == viewer.id }) else { return (.mentee, []) }
            // Mentors the mentee already works with, or already asked, are not news.
            let known = try await mentorships.currentMentors(of: viewer.id).union(try await mentorships.pendingRequestMentors(of: viewer.id))
            let found = index.index.mentors(forMentee: me, count: count) { j in
                let mentor = scorer.mentors[j]
                return mentor.capacity > (places.mentorPlaces[mentor.id] ?? 0) && !known.contains(mentor.id)
            }
            return (.mentee, found.map { ranked(scorer.mentors[$0.index].id, $0, index.names) })
        case .mentor:
            guard let me = scorer.mentors.firstIndex(where: { $0.id == viewer.id }) else { return (.mentor, []) }
            let found = index.index.mentees(forMentor: me, count: count) { !places.menteesPlaced.contains(scorer.mentees[$0].id) }
            return (.mentor, found.map { ranked(scorer.mentees[$0.index].id, $0, index.names) })
        case .peer:
            return (.peer, [])
        }
    }

    private func ranked(_ person: UUID, _ recommendation: Recommendation, _ names: [UUID: String]) -> RankedPerson {
        RankedPerson(
            personId: person, name: names[person] ?? "A member", score: recommendation.compatibility.score,
            reasons: recommendation.compatibility.reasons)
    }
}

/// A program's warm recommendation index with its participants' names.
struct ProgramIndex: Sendable {
    let index: RecommendationIndex
    let names: [UUID: String]
}

/// One warm index per program, rebuilt when the program's enrolments or participants' profiles change (the
/// fingerprint). Each server process keeps its own: it is derived data, so processes stay stateless.
actor RecommendationCache {
    private var entries: [UUID: (fingerprint: String, index: ProgramIndex)] = [:]

    func index(for program: UUID, fingerprint: String, build: @Sendable () async throws -> ProgramIndex) async throws -> ProgramIndex {
        if let entry = entries[program], entry.fingerprint == fingerprint { return entry.index }
        let index = try await build()
        entries[program] = (fingerprint, index)
        return index
    }
}
