import Foundation
import Hummingbird
import IthacaDomain
import IthacaStorage

/// Programs: the list (site admins create them), a program's page (enrol, recommendations), and the program
/// admin's pages (participants import, matching rounds: preview, pin, forbid, publish, export).
struct ProgramsController {
    let services: AppServices
    let cookies: SessionCookies

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteRoute.programs)) { _, context in try await programs(context) }
        router.post(RouterPath(SiteRoute.programs)) { request, context in try await create(request, context) }
        router.get(RouterPath(SiteRoute.programPattern)) { _, context in try await program(context) }
        router.post(RouterPath(SiteRoute.programEnrolPattern)) { request, context in try await enrol(request, context) }
        router.post(RouterPath(SiteRoute.programLeavePattern)) { _, context in try await leave(context) }
        router.get(RouterPath(SiteRoute.programAdminPattern)) { _, context in try await admin(context) }
        router.post(RouterPath(SiteRoute.programEnrolmentStatePattern)) { request, context in try await setEnrolment(request, context) }
        router.post(RouterPath(SiteRoute.programImportPattern)) { request, context in try await importParticipants(request, context) }
        router.post(RouterPath(SiteRoute.programRoundsPattern)) { request, context in try await runRound(request, context) }
        router.get(RouterPath(SiteRoute.roundExportPattern)) { _, context in try await export(context) }
        router.get(RouterPath(SiteRoute.roundPattern)) { _, context in try await round(context) }
        router.post(RouterPath(SiteRoute.roundRulePattern)) { request, context in try await roundAction(request, context) }
    }

    // MARK: Programs

    func programs(_ context: AppRequestContext, form: FormState = FormState(), status: HTTPResponse.Status = .ok) async throws -> Response {
        let viewer = try context.signedIn()
        let items = try await services.programs.programs(for: viewer).map { entry -> ViewModel in
            let details = entry.program.details
            return ["name": details.name, "url": SiteRoute.program(entry.program.id), "kind": details.kind.label,
                    "dates": "\(details.startDate) to \(details.endDate)", "role": entry.role?.label ?? "",
                    "open": details.enrolmentOpen, "isAdmin": entry.isAdmin]
        }
        var values = form.values
        if values.isEmpty { values = Self.defaultProgramValues(today: CalendarDay.of(services.configuration.clock.now())) }
        var formModel = form.model
        formModel["values"] = values
        let model: ViewModel = [
            "programs": items, "hasPrograms": !items.isEmpty, "isAdmin": viewer.isAdmin, "url": SiteRoute.programs, "form": formModel,
            "siteInvitationsUrl": SiteRoute.siteInvitations, "auditUrl": SiteRoute.audit, "siteDashboardUrl": SiteRoute.siteDashboard,
            "kinds": ProgramKind.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": (values["kind"] as? String) == $0.rawValue] as ViewModel },
            "modes": MatchingMode.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": (values["matchingMode"] as? String) == $0.rawValue] as ViewModel },
        ]
        return services.pages.page("programs", model, title: "Programs", context: context, nav: .programs, status: status)
    }

    static func defaultProgramValues(today: String) -> ViewModel {
        let policies = ProgramPolicies()
        return ["kind": ProgramKind.oneToOne.rawValue, "matchingMode": MatchingMode.both.rawValue, "startDate": today,
                "endDate": CalendarDay.adding(months: 6, to: today) ?? today, "enrolmentOpen": true,
                "minimumNoticeHours": String(policies.minimumNoticeHours), "lateCancelHours": String(policies.lateCancelHours),
                "cadenceWeeks": String(policies.cadence.everyWeeks), "cadenceMinutes": String(policies.cadence.minutes),
                "requestExpiryDays": String(policies.requestExpiryDays)]
    }

    func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let form = try await request.form()
        let fields = ["name", "description", "kind", "startDate", "endDate", "minimumNoticeHours", "lateCancelHours", "cadenceWeeks",
                      "cadenceMinutes", "requestExpiryDays", "matchingMode", "admins"]
        var typed: ViewModel = Dictionary(uniqueKeysWithValues: fields.map { ($0, form.text($0) as Any) })
        typed["enrolmentOpen"] = form.isChecked("enrolmentOpen")
        do {
            func number(_ field: String) -> Int { Int(form.text(field).trimmingCharacters(in: .whitespaces)) ?? -1 }
            let details = ProgramDetails(
                name: form.text("name"), description: form.text("description"),
                kind: ProgramKind(rawValue: form.text("kind")) ?? .oneToOne, startDate: form.text("startDate").trimmingCharacters(in: .whitespaces),
                endDate: form.text("endDate").trimmingCharacters(in: .whitespaces),
                policies: ProgramPolicies(
                    minimumNoticeHours: number("minimumNoticeHours"), lateCancelHours: number("lateCancelHours"),
                    cadence: Cadence(everyWeeks: number("cadenceWeeks"), minutes: number("cadenceMinutes")),
                    requestExpiryDays: number("requestExpiryDays")),
                enrolmentOpen: form.isChecked("enrolmentOpen"), matchingMode: MatchingMode(rawValue: form.text("matchingMode")) ?? .both)
            let admins = try await adminIds(form.text("admins"))
            let program = try await services.programs.create(details, admins: admins, by: viewer)
            return cookies.redirect(SiteRoute.program(program.id), .programCreated)
        } catch let error as IthacaError {
            if case .forbidden = error { throw error }
            return try await programs(context, form: FormState(error, typed: typed), status: Problem(error).status)
        }
    }

    /// Program admins named by email, one per line or comma.
    func adminIds(_ text: String) async throws -> [UUID] {
        var ids: [UUID] = []
        for raw in SkillTag.parseList(text) {
            guard let email = try? EmailAddress.normalized(raw), let id = try await services.accounts.userId(email: email) else {
                throw IthacaError.invalid("admins", "No member has the email “\(raw.prefix(60))”. Program admins need an account first.")
            }
            ids.append(id)
        }
        return ids
    }

    // MARK: One program

    func program(_ context: AppRequestContext, form: FormState = FormState(), status: HTTPResponse.Status = .ok) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("programId", "program")
        let overview = try await services.programs.overview(id, for: viewer)
        let details = overview.program.details
        let answers = overview.myEnrolment?.answers
        var values = form.values
        if values.isEmpty {
            let role = answers?.role ?? details.kind.roles.first ?? .mentee
            values = ["role": role.rawValue, "goals": answers?.goals ?? "", "skillsOffered": answers?.skillsOffered.joined(separator: ", ") ?? "",
                      "skillsWanted": answers?.skillsWanted.joined(separator: ", ") ?? "", "capacity": String(max(answers?.capacity ?? 2, 1)),
                      "mentorGender": answers?.genderPreference.rawValue ?? "any", "mentorOrganisation": answers?.organisationPreference.rawValue ?? "either",
                      "timeZoneOverlap": answers?.timeZoneOverlap.rawValue ?? "any"]
        }
        var formModel = form.model
        formModel["values"] = values
        func options<T: RawRepresentable>(_ all: [T], _ field: String, _ label: (T) -> String) -> [ViewModel] where T.RawValue == String {
            all.map { ["value": $0.rawValue, "label": label($0), "selected": (values[field] as? String) == $0.rawValue] }
        }
        var recommendations: [ViewModel] = []
        var recommendationRole = ""
        if let answers, answers.role != .peer, details.matchingMode.showsRecommendations {
            let found = try await services.programs.recommendations(in: id, viewer: viewer)
            recommendationRole = found.role == .mentee ? "Mentors who fit you" : "Mentees who might fit you"
            recommendations = found.people.map {
                ["name": $0.name, "url": SiteRoute.person($0.personId), "score": $0.score, "reasons": $0.reasons] as ViewModel
            }
        }
        let (circles, circleNames) = try await services.programs.circles(in: id, viewer: viewer)
        let circleModels = circles.map { circle -> ViewModel in
            ["title": circle.name, "circleUrl": SiteRoute.circle(circle.id),
             "coach": circle.coachId.flatMap { circleNames[$0] } ?? "",
             "members": circle.members.filter { $0 != viewer.id }.map { ["name": circleNames[$0] ?? "A member", "url": SiteRoute.person($0)] as ViewModel },
             "reasons": circle.reasons]
        }
        let policies = details.policies
        let model: ViewModel = [
            "circles": circleModels, "hasCircles": !circleModels.isEmpty,
            "name": details.name, "description": details.description, "kind": details.kind.label,
            "dates": "\(details.startDate) to \(details.endDate)", "mode": details.matchingMode.label,
            "open": details.enrolmentOpen, "isAdmin": overview.isAdmin, "adminUrl": SiteRoute.programAdmin(id), "dashboardUrl": SiteRoute.programDashboard(id),
            "admins": try await services.programs.adminNames(of: id).joined(separator: ", "),
            "policies": [
                "notice": "\(policies.minimumNoticeHours) hours", "lateCancel": "\(policies.lateCancelHours) hours",
                "cadence": policies.cadence.label, "expiry": "\(policies.requestExpiryDays) days",
            ] as ViewModel,
            "counts": "\(overview.counts[.mentee] ?? 0) mentees · \(overview.counts[.mentor] ?? 0) mentors · \(overview.counts[.peer] ?? 0) peers",
            "enrolled": overview.myEnrolment != nil, "myRole": answers?.role.label ?? "",
            "canEnrol": details.enrolmentOpen || overview.myEnrolment != nil || overview.isAdmin,
            "enrolUrl": SiteRoute.program(id) + "/enrol", "leaveUrl": SiteRoute.program(id) + "/leave",
            "roles": options(details.kind.roles, "role") { (role: EnrolmentRole) in role.label },
            "genders": options(Array(MentorGenderPreference.allCases), "mentorGender") { (value: MentorGenderPreference) in value.label },
            "organisations": options(Array(MentorOrganizationPreference.allCases), "mentorOrganisation") { (value: MentorOrganizationPreference) in value.label },
            "overlaps": options(Array(TimeZoneOverlapNeed.allCases), "timeZoneOverlap") { (value: TimeZoneOverlapNeed) in value.label },
            "recommendations": recommendations, "hasRecommendations": !recommendations.isEmpty, "recommendationTitle": recommendationRole,
            "showsRecommendations": answers != nil && answers?.role != .peer && details.matchingMode.showsRecommendations,
            "form": formModel,
        ]
        return services.pages.page("program", model, title: details.name, context: context, nav: .programs, status: status)
    }

    func enrol(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("programId", "program")
        let form = try await request.form()
        let typed: ViewModel = Dictionary(uniqueKeysWithValues: ["role", "goals", "skillsOffered", "skillsWanted", "capacity", "mentorGender",
                                                                  "mentorOrganisation", "timeZoneOverlap"].map { ($0, form.text($0) as Any) })
        let answers = EnrolmentAnswers(
            role: EnrolmentRole(rawValue: form.text("role")) ?? .mentee, goals: form.text("goals"),
            skillsOffered: SkillTag.parseList(form.text("skillsOffered")), skillsWanted: SkillTag.parseList(form.text("skillsWanted")),
            genderPreference: MentorGenderPreference(rawValue: form.text("mentorGender")) ?? .any,
            organisationPreference: MentorOrganizationPreference(rawValue: form.text("mentorOrganisation")) ?? .either,
            timeZoneOverlap: TimeZoneOverlapNeed(rawValue: form.text("timeZoneOverlap")) ?? .any,
            capacity: Int(form.text("capacity").trimmingCharacters(in: .whitespaces)) ?? 0)
        do {
            _ = try await services.programs.enrol(in: id, viewer: viewer, answers: answers)
            return cookies.redirect(SiteRoute.program(id), .enrolled)
        } catch let error as IthacaError {
            return try await program(context, form: FormState(error, typed: typed), status: Problem(error).status)
        }
    }

    func leave(_ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("programId", "program")
        try await services.programs.leave(id, viewer: viewer)
        return cookies.redirect(SiteRoute.program(id), .enrolmentLeft)
    }

    // MARK: Program admin

    func admin(
        _ context: AppRequestContext, report: ProgramService.ImportReport? = nil, dryRun: Bool = false, importError: String? = nil,
        roundError: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("programId", "program")
        let program = try await services.programs.program(id)
        let (enrolments, names) = try await services.programs.enrolments(in: id, viewer: viewer)
        let rounds = try await services.programs.rounds(in: id, viewer: viewer).map { round -> ViewModel in
            ["url": SiteRoute.round(round.id), "when": Format.timestamp(round.createdAt), "status": round.status == .published ? "Published" : "Draft",
             "objective": round.objective, "people": "\(round.menteeCount) mentees, \(round.mentorCount) mentors"]
        }
        let states = try await services.invitations.states(of: enrolments.map(\.personId))
        let notJoined = states.values.filter { if case .joined = $0.state { false } else { true } }.count
        let shown = enrolments.prefix(200).map { enrolment -> ViewModel in
            let state = states[enrolment.personId]?.state ?? .notInvited
            var invitation = state.label
            var joined = false
            switch state {
            case .notInvited: break
            case .invited(let at, let expires):
                invitation = expires > services.configuration.clock.now() ? "Invited \(Format.timestamp(at))" : "Invitation expired (sent \(Format.timestamp(at)))"
            case .joined: joined = true
            }
            return ["name": names[enrolment.personId] ?? "A member", "url": SiteRoute.person(enrolment.personId), "role": enrolment.answers.role.label,
                    "skills": (enrolment.answers.role == .mentor ? enrolment.answers.skillsOffered : enrolment.answers.skillsWanted).joined(separator: ", "),
                    "capacity": enrolment.answers.role == .mentor ? String(enrolment.answers.capacity) : "",
                    "personId": enrolment.personId.uuidString.lowercased(), "invitation": invitation, "joined": joined,
                    "wasInvited": state != .notInvited && !joined]
        }
        var reportModel: ViewModel?
        if let report {
            let problems = report.lines.filter { !$0.errors.isEmpty || !(report.outcome?.warnings[$0.line] ?? []).isEmpty }
            reportModel = [
                "dryRun": dryRun, "hasInvalid": report.errorCount > 0, "rows": report.lines.count, "valid": report.validCount, "invalid": report.errorCount,
                "created": report.outcome?.created ?? 0, "updated": report.outcome?.updated ?? 0, "applied": report.outcome != nil,
                "lines": report.lines.prefix(500).map { line -> ViewModel in
                    ["line": line.line, "email": line.email, "ok": line.row != nil, "errors": line.errors,
                     "warnings": report.outcome?.warnings[line.line] ?? [],
                     // Keys the page's own model lacks: an empty cell must not show the program's name instead.
                     "personRole": line.row?.role.label ?? "", "personName": line.row?.name ?? ""]
                },
                "problemCount": problems.count, "truncated": report.lines.count > 500,
            ]
        }
        let model: ViewModel = [
            "name": program.details.name, "programUrl": SiteRoute.program(id), "importUrl": SiteRoute.program(id) + "/imports",
            "enrolmentOpen": program.details.enrolmentOpen, "enrolmentStateUrl": SiteRoute.program(id) + "/enrolment-state",
            "roundsUrl": SiteRoute.program(id) + "/rounds", "participants": shown, "participantCount": enrolments.count,
            "moreParticipants": enrolments.count > 200, "rounds": rounds, "hasRounds": !rounds.isEmpty,
            "report": reportModel as Any, "importError": importError as Any, "roundError": roundError as Any,
            "allowsRounds": program.details.matchingMode.allowsRounds, "isPeer": program.details.kind == .peer,
            "groupSizes": ProgramService.groupSizes.map { ["value": $0, "label": $0 == 2 ? "Pairs" : "Circles of \($0)", "selected": $0 == 4] as ViewModel },
            "columns": ParticipantImport.Column.allCases.map(\.rawValue).joined(separator: ", "),
            "invitationsUrl": SiteRoute.programInvitations(id), "invitationsCsvUrl": SiteRoute.programInvitationsCSV(id),
            "dashboardUrl": SiteRoute.programDashboard(id),
            "notJoinedCount": notJoined, "hasNotJoined": notJoined > 0,
        ]
        return services.pages.page("program-admin", model, title: "Run \(program.details.name)", context: context, nav: .programs, status: status)
    }

    /// Opens or closes enrolment.
    func setEnrolment(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("programId", "program")
        var details = try await services.programs.program(id).details
        details.enrolmentOpen = try await request.form().text("open") == "true"
        _ = try await services.programs.update(id, details: details, by: viewer)
        return cookies.redirect(SiteRoute.programAdmin(id), .programSaved)
    }

    func importParticipants(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("programId", "program")
        let form = try await request.multipartForm()
        let dryRun = form.text("mode") != "apply"
        let csv = form.text("file").isEmpty ? form.text("csv") : form.text("file")
        do {
            let report = try await services.programs.importParticipants(into: id, csv: csv, dryRun: dryRun, viewer: viewer)
            return try await admin(context, report: report, dryRun: dryRun)
        } catch IthacaError.validation(let errors) {
            return try await admin(context, importError: errors.map(\.message).joined(separator: " "), status: .unprocessableContent)
        }
    }

    func runRound(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("programId", "program")
        let form = try await request.form()
        do {
            let round = try await services.programs.runRound(
                in: id, viewer: viewer, fairnessFloor: form.isChecked("fairnessFloor"), pins: [], forbids: [],
                groupSize: Int(form.text("groupSize")) ?? 2)
            return cookies.redirect(SiteRoute.round(round.id), .roundComputed)
        } catch let error as IthacaError {
            switch error {
            case .conflict, .validation: return try await admin(context, roundError: Problem(error).detail, status: Problem(error).status)
            default: throw error
            }
        }
    }

    // MARK: Rounds

    func round(_ context: AppRequestContext, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let viewer = try context.signedIn()
        let detail = try await services.programs.round(try context.id("roundId", "round"), viewer: viewer)
        let round = detail.round
        let names = detail.names
        let isDraft = round.status == .draft
        let matched = detail.matched
        let scores = matched.map(\.score).sorted()
        let pairs = matched.map { pair -> ViewModel in
            let mentor = pair.mentorId!
            return ["mentee": names[pair.menteeId] ?? "A member", "menteeUrl": SiteRoute.person(pair.menteeId),
                    "mentor": names[mentor] ?? "A member", "mentorUrl": SiteRoute.person(mentor), "score": pair.score, "reasons": pair.reasons,
                    "pinned": pair.pinned, "menteeId": pair.menteeId.uuidString, "mentorId": mentor.uuidString,
                    "mentorshipUrl": pair.mentorshipId.map(SiteRoute.mentorship) ?? ""]
        }
        let unmatched = detail.unmatched.map { ["name": names[$0.menteeId] ?? "A member", "url": SiteRoute.person($0.menteeId), "reason": $0.unmatchedReason ?? ""] as ViewModel }
        let groups = detail.groups.enumerated().map { index, group -> ViewModel in
            ["number": index + 1, "coach": group.coachId.flatMap { names[$0] } ?? "",
             "members": group.members.map { ["name": names[$0] ?? "A member", "url": SiteRoute.person($0)] as ViewModel },
             "score": group.score, "reasons": group.reasons, "conflicted": group.conflicted]
        }
        let isPeer = detail.program.details.kind == .peer
        let base = SiteRoute.round(round.id)
        let model: ViewModel = [
            "groups": groups, "hasGroups": !groups.isEmpty, "isPeer": isPeer, "hasPairs": !pairs.isEmpty,
            "groupTitle": isPeer ? "Circles" : "Cohorts", "peopleLabel": isPeer ? "\(round.menteeCount) peers in \(groups.count) circles" : "",
            "program": detail.program.details.name, "programAdminUrl": SiteRoute.programAdmin(round.programId),
            "when": Format.timestamp(round.createdAt), "isDraft": isDraft, "published": Format.timestamp(round.publishedAt),
            "objective": round.objective, "optimal": round.provenOptimal, "fairness": round.fairnessFloor,
            "hasGap": !round.provenOptimal && round.gapBound != nil, "gapBound": round.gapBound ?? 0,
            "unproven": !round.provenOptimal && round.gapBound == nil && !isPeer,
            "matchedCount": matched.count, "menteeCount": round.menteeCount, "mentorCount": round.mentorCount,
            "distribution": Self.distribution(scores), "hasScores": !scores.isEmpty,
            "lowest": scores.first ?? 0, "median": scores.isEmpty ? 0 : scores[scores.count / 2], "highest": scores.last ?? 0,
            "pairs": pairs, "unmatched": unmatched, "hasUnmatched": !unmatched.isEmpty,
            "pins": round.pins.map { ["mentee": names[$0.menteeId] ?? "A member", "mentor": names[$0.mentorId] ?? "A member",
                                      "menteeId": $0.menteeId.uuidString, "mentorId": $0.mentorId.uuidString] as ViewModel },
            "forbids": round.forbids.map { ["mentee": names[$0.menteeId] ?? "A member", "mentor": names[$0.mentorId] ?? "A member"] as ViewModel },
            "pinUrl": base + "/pin", "forbidUrl": base + "/forbid", "unpinUrl": base + "/unpin", "publishUrl": base + "/publish",
            "exportUrl": base + "/pairs.csv", "error": error as Any, "hasPins": !round.pins.isEmpty, "hasForbids": !round.forbids.isEmpty,
        ]
        return services.pages.page("round", model, title: "Matching round", context: context, nav: .programs, status: status)
    }

    /// Score bands for a small bar chart: how many pairs fall in each fifth of the range.
    static func distribution(_ sorted: [Int]) -> [ViewModel] {
        guard let low = sorted.first, let high = sorted.last else { return [] }
        let bands = 5
        let width = max((high - low + bands) / bands, 1)
        var counts = [Int](repeating: 0, count: bands)
        for score in sorted { counts[min((score - low) / width, bands - 1)] += 1 }
        let most = max(counts.max() ?? 1, 1)
        return counts.enumerated().map { index, count in
            ["label": "\(low + index * width)–\(low + (index + 1) * width - 1)", "count": count, "percent": count * 100 / most]
        }
    }

    func roundAction(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("roundId", "round")
        let form = try await request.form()
        let rule = UUID(uuidString: form.text("menteeId")).flatMap { mentee in
            UUID(uuidString: form.text("mentorId")).map { RoundRule(menteeId: mentee, mentorId: $0) }
        }
        do {
            switch context.parameters.get("rule") {
            case "publish":
                let round = try await services.programs.publish(id, viewer: viewer)
                return cookies.redirect(SiteRoute.round(round.id), .roundPublished)
            case "pin", "forbid", "unpin":
                guard let rule else { throw IthacaError.badRequest("Choose a pair from the round.") }
                let action = context.parameters.get("rule")
                let round = try await services.programs.rerun(
                    id, viewer: viewer, pin: action == "pin" ? rule : nil, forbid: action == "forbid" ? rule : nil, unpin: action == "unpin" ? rule : nil)
                return cookies.redirect(SiteRoute.round(round.id), .roundComputed)
            default:
                throw IthacaError.notFound("page")
            }
        } catch let error as IthacaError {
            switch error {
            case .validation, .conflict: return try await round(context, error: Problem(error).detail, status: Problem(error).status)
            default: throw error
            }
        }
    }

    func export(_ context: AppRequestContext) async throws -> Response {
        let viewer = try context.signedIn()
        let id = try context.id("roundId", "round")
        let csv = try await services.programs.exportCSV(id, viewer: viewer)
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"round-\(id.uuidString.lowercased().prefix(8)).csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: csv)))
    }
}
