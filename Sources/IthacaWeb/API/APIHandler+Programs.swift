import Foundation
import IthacaAPI
import IthacaDomain
import IthacaStorage
import OpenAPIRuntime

/// Programs, enrolment, participant imports, recommendations and matching rounds through the JSON API.
extension APIHandler {
    /// Largest participants CSV accepted: 200,000 rows of a wide HR export.
    static let maximumImportBytes = 64 * 1024 * 1024

    func listPrograms(_ input: Operations.ListPrograms.Input) async throws -> Operations.ListPrograms.Output {
        let viewer = try viewer()
        var items: [Components.Schemas.Program] = []
        for entry in try await services.programs.programs(for: viewer) {
            let overview = try await services.programs.overview(entry.program.id, for: viewer)
            items.append(Self.program(overview))
        }
        return .ok(.init(body: .json(.init(items: items))))
    }

    func createProgram(_ input: Operations.CreateProgram.Input) async throws -> Operations.CreateProgram.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let admins = try (body.adminIds ?? []).map { raw in
            guard let id = UUID(uuidString: raw) else { throw IthacaError.invalid("adminIds", "“\(raw.prefix(40))” is not a person id.") }
            return id
        }
        let program = try await services.programs.create(Self.details(body), admins: admins, by: viewer)
        return .created(.init(body: .json(Self.program(try await services.programs.overview(program.id, for: viewer)))))
    }

    func updateProgram(_ input: Operations.UpdateProgram.Input) async throws -> Operations.UpdateProgram.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let id = try Self.id(input.path.programId, "program")
        _ = try await services.programs.update(id, details: Self.details(body), by: viewer)
        return .ok(.init(body: .json(Self.program(try await services.programs.overview(id, for: viewer)))))
    }

    static func details(_ body: Components.Schemas.ProgramCreate) -> ProgramDetails {
        let policies = body.policies.map {
            ProgramPolicies(
                minimumNoticeHours: $0.minimumNoticeHours, lateCancelHours: $0.lateCancelHours,
                cadence: Cadence(everyWeeks: $0.cadenceWeeks, minutes: $0.cadenceMinutes), requestExpiryDays: $0.requestExpiryDays)
        } ?? ProgramPolicies()
        let details = ProgramDetails(
            name: body.name, description: body.description ?? "", kind: body.kind.flatMap { ProgramKind(rawValue: $0.rawValue) } ?? .oneToOne,
            startDate: body.startDate, endDate: body.endDate, policies: policies, enrolmentOpen: body.enrolmentOpen ?? true,
            matchingMode: body.matchingMode.flatMap { MatchingMode(rawValue: $0.rawValue) } ?? .both)
        return details
    }

    func getProgram(_ input: Operations.GetProgram.Input) async throws -> Operations.GetProgram.Output {
        let viewer = try viewer()
        let overview = try await services.programs.overview(try Self.id(input.path.programId, "program"), for: viewer)
        return .ok(.init(body: .json(Self.program(overview))))
    }

    func listEnrolments(_ input: Operations.ListEnrolments.Input) async throws -> Operations.ListEnrolments.Output {
        let viewer = try viewer()
        let (items, names) = try await services.programs.enrolments(in: try Self.id(input.path.programId, "program"), viewer: viewer)
        return .ok(.init(body: .json(.init(items: items.map { Self.enrolment($0, name: names[$0.personId]) }))))
    }

    func enrol(_ input: Operations.Enrol.Input) async throws -> Operations.Enrol.Output {
        let viewer = try viewer()
        guard case .json(let body) = input.body else { throw IthacaError.badRequest("Send JSON.") }
        let answers = EnrolmentAnswers(
            role: EnrolmentRole(rawValue: body.role.rawValue) ?? .mentee, goals: body.goals ?? "", skillsOffered: body.skillsOffered ?? [],
            skillsWanted: body.skillsWanted ?? [],
            genderPreference: body.mentorGender.flatMap { MentorGenderPreference(rawValue: $0.rawValue) } ?? .any,
            organisationPreference: body.mentorOrganisation.flatMap { MentorOrganizationPreference(rawValue: $0.rawValue) } ?? .either,
            timeZoneOverlap: body.timeZoneOverlap.flatMap { TimeZoneOverlapNeed(rawValue: $0.rawValue) } ?? .any,
            capacity: body.capacity ?? 0)
        let enrolment = try await services.programs.enrol(in: try Self.id(input.path.programId, "program"), viewer: viewer, answers: answers)
        return .created(.init(body: .json(Self.enrolment(enrolment, name: viewer.name))))
    }

    func importParticipants(_ input: Operations.ImportParticipants.Input) async throws -> Operations.ImportParticipants.Output {
        let viewer = try viewer()
        let program = try Self.id(input.path.programId, "program")
        guard case .csv(let body) = input.body else { throw IthacaError.badRequest("Send the participants as text/csv.") }
        let csv: String
        do { csv = try await String(collecting: body, upTo: Self.maximumImportBytes) } catch {
            throw IthacaError.badRequest("The file is larger than 64 MB. Split it and import the parts one after another.")
        }
        let dryRun = input.query.dryRun ?? false
        let report = try await services.programs.importParticipants(into: program, csv: csv, dryRun: dryRun, viewer: viewer)
        return .ok(.init(body: .json(Self.importReport(report, dryRun: dryRun))))
    }

    func listRecommendations(_ input: Operations.ListRecommendations.Input) async throws -> Operations.ListRecommendations.Output {
        let viewer = try viewer()
        let limit = input.query.limit ?? 5
        guard (1...50).contains(limit) else { throw IthacaError.invalid("limit", "Ask for 1 to 50 recommendations.") }
        let found = try await services.programs.recommendations(in: try Self.id(input.path.programId, "program"), viewer: viewer, count: limit)
        return .ok(.init(body: .json(.init(
            role: found.role == .mentor ? .mentor : .mentee,
            items: found.people.map { .init(personId: $0.personId.uuidString, name: $0.name, score: $0.score, reasons: $0.reasons) }))))
    }

    func listRounds(_ input: Operations.ListRounds.Input) async throws -> Operations.ListRounds.Output {
        let viewer = try viewer()
        let rounds = try await services.programs.rounds(in: try Self.id(input.path.programId, "program"), viewer: viewer)
        return .ok(.init(body: .json(.init(items: rounds.map { Self.round($0, detail: nil) }))))
    }

    func runRound(_ input: Operations.RunRound.Input) async throws -> Operations.RunRound.Output {
        let viewer = try viewer()
        var body: Components.Schemas.RoundCreate?
        if case .json(let sent) = input.body { body = sent }
        func rules(_ list: [Components.Schemas.PairRule]?, _ field: String) throws -> [RoundRule] {
            try (list ?? []).map { rule in
                guard let mentee = UUID(uuidString: rule.menteeId), let mentor = UUID(uuidString: rule.mentorId) else {
                    throw IthacaError.invalid(field, "Give each pair as the mentee's and the mentor's person ids.")
                }
                return RoundRule(menteeId: mentee, mentorId: mentor)
            }
        }
        let round = try await services.programs.runRound(
            in: try Self.id(input.path.programId, "program"), viewer: viewer, fairnessFloor: body?.fairnessFloor ?? false,
            pins: try rules(body?.pins, "pins"), forbids: try rules(body?.forbids, "forbids"), groupSize: body?.groupSize ?? 2)
        let detail = try await services.programs.round(round.id, viewer: viewer)
        return .created(.init(body: .json(Self.round(round, detail: detail))))
    }

    func listMyCircles(_ input: Operations.ListMyCircles.Input) async throws -> Operations.ListMyCircles.Output {
        let viewer = try viewer()
        let (circles, names) = try await services.programs.circles(in: try Self.id(input.path.programId, "program"), viewer: viewer)
        func member(_ id: UUID) -> Components.Schemas.GroupMember { .init(personId: id.uuidString, name: names[id] ?? "A member") }
        return .ok(.init(body: .json(.init(items: circles.map {
            .init(kind: .init(rawValue: $0.kind.rawValue), coach: $0.coachId.map(member), members: $0.members.map(member), score: 0,
                  reasons: $0.reasons, conflicted: false)
        }))))
    }

    func getRound(_ input: Operations.GetRound.Input) async throws -> Operations.GetRound.Output {
        let viewer = try viewer()
        let detail = try await services.programs.round(try Self.id(input.path.roundId, "round"), viewer: viewer)
        return .ok(.init(body: .json(Self.round(detail.round, detail: detail))))
    }

    func publishRound(_ input: Operations.PublishRound.Input) async throws -> Operations.PublishRound.Output {
        let viewer = try viewer()
        let round = try await services.programs.publish(try Self.id(input.path.roundId, "round"), viewer: viewer)
        let detail = try await services.programs.round(round.id, viewer: viewer)
        return .ok(.init(body: .json(Self.round(round, detail: detail))))
    }

    func exportRound(_ input: Operations.ExportRound.Input) async throws -> Operations.ExportRound.Output {
        let viewer = try viewer()
        let csv = try await services.programs.exportCSV(try Self.id(input.path.roundId, "round"), viewer: viewer)
        return .ok(.init(body: .csv(HTTPBody(csv))))
    }

    // MARK: Shapes

    static func program(_ overview: ProgramService.Overview) -> Components.Schemas.Program {
        let details = overview.program.details
        let policies = details.policies
        return .init(
            id: overview.program.id.uuidString, name: details.name, description: details.description,
            kind: .init(rawValue: details.kind.rawValue) ?? .oneToOne, startDate: details.startDate, endDate: details.endDate,
            policies: .init(
                minimumNoticeHours: policies.minimumNoticeHours, lateCancelHours: policies.lateCancelHours,
                cadenceWeeks: policies.cadence.everyWeeks, cadenceMinutes: policies.cadence.minutes,
                requestExpiryDays: policies.requestExpiryDays),
            enrolmentOpen: details.enrolmentOpen, matchingMode: .init(rawValue: details.matchingMode.rawValue) ?? .both,
            isAdmin: overview.isAdmin, myRole: overview.myEnrolment.flatMap { .init(rawValue: $0.answers.role.rawValue) },
            counts: .init(mentees: overview.counts[.mentee] ?? 0, mentors: overview.counts[.mentor] ?? 0, peers: overview.counts[.peer] ?? 0))
    }

    static func enrolment(_ enrolment: StoredEnrolment, name: String?) -> Components.Schemas.Enrolment {
        let answers = enrolment.answers
        return .init(
            id: enrolment.id.uuidString, programId: enrolment.programId.uuidString, personId: enrolment.personId.uuidString, name: name,
            role: .init(rawValue: answers.role.rawValue) ?? .mentee, goals: answers.goals, skillsOffered: answers.skillsOffered,
            skillsWanted: answers.skillsWanted, mentorGender: .init(rawValue: answers.genderPreference.rawValue) ?? .any,
            mentorOrganisation: .init(rawValue: answers.organisationPreference.rawValue) ?? .either,
            timeZoneOverlap: .init(rawValue: answers.timeZoneOverlap.rawValue) ?? .any, capacity: answers.capacity)
    }

    static func importReport(_ report: ProgramService.ImportReport, dryRun: Bool) -> Components.Schemas.ImportReport {
        .init(
            dryRun: dryRun, rows: report.lines.count, valid: report.validCount, invalid: report.errorCount,
            created: report.outcome?.created, updated: report.outcome?.updated, enrolled: report.outcome?.enrolled,
            lines: report.lines.map {
                .init(line: $0.line, email: $0.email, ok: $0.row != nil, errors: $0.errors, warnings: report.outcome?.warnings[$0.line] ?? [])
            })
    }

    static func round(_ round: StoredRound, detail: ProgramService.RoundDetail?) -> Components.Schemas.Round {
        let matched = detail?.matched ?? []
        let scores = matched.map(\.score).sorted()
        func rule(_ r: RoundRule) -> Components.Schemas.PairRule { .init(menteeId: r.menteeId.uuidString, mentorId: r.mentorId.uuidString) }
        let names = detail?.names ?? [:]
        return .init(
            id: round.id.uuidString, programId: round.programId.uuidString, status: round.status == .published ? .published : .draft,
            fairnessFloor: round.fairnessFloor, objective: round.objective, provenOptimal: round.provenOptimal, gapBound: round.gapBound,
            menteeCount: round.menteeCount, mentorCount: round.mentorCount, matchedCount: detail?.matched.count ?? 0,
            worstScore: scores.first, medianScore: scores.isEmpty ? nil : scores[scores.count / 2], createdAt: round.createdAt,
            publishedAt: round.publishedAt, pins: round.pins.map(rule), forbids: round.forbids.map(rule),
            pairs: detail.map { _ in
                matched.map {
                    .init(
                        menteeId: $0.menteeId.uuidString, menteeName: names[$0.menteeId] ?? "", mentorId: $0.mentorId?.uuidString,
                        mentorName: $0.mentorId.flatMap { names[$0] }, score: $0.score, reasons: $0.reasons, pinned: $0.pinned,
                        mentorshipId: $0.mentorshipId?.uuidString)
                }
            },
            unmatched: detail.map {
                $0.unmatched.map { .init(menteeId: $0.menteeId.uuidString, menteeName: names[$0.menteeId] ?? "", reason: $0.unmatchedReason ?? "") }
            },
            groups: detail.map { detail in
                let kind: Components.Schemas.Group.KindPayload? = switch detail.program.details.kind {
                case .peer: .peerCircle
                case .groupCoaching: .cohort
                default: nil
                }
                return detail.groups.map { group in
                    .init(
                        kind: kind,
                        coach: group.coachId.map { .init(personId: $0.uuidString, name: names[$0] ?? "A member") },
                        members: group.members.map { .init(personId: $0.uuidString, name: names[$0] ?? "A member") },
                        score: group.score, reasons: group.reasons, conflicted: group.conflicted)
                }
            })
    }
}
