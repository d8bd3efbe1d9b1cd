import Foundation
import IthacaDomain
import IthacaStorage

/// The booking rules a mentorship follows: its program's notice and late-cancel window when a program's round
/// proposed it, the site's defaults otherwise.
struct BookingPolicies: Sendable {
    let programs: ProgramStore

    func policy(for mentorship: MentorshipRecord) async throws -> BookingPolicy {
        guard let id = mentorship.programId, let program = try await programs.program(id) else { return .standard }
        return program.details.policies.bookingPolicy
    }
}
