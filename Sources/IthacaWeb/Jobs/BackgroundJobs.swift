import Foundation
import IthacaStorage
import Logging
import ServiceLifecycle

/// A background job: its name (the lease key), how often it is due, and what it does.
struct BackgroundJob: Sendable {
    let name: String
    let every: TimeInterval
    let work: @Sendable () async throws -> Void
}

/// Runs the jobs that every server process runs but each job runs once at a time: reminders, request expiry,
/// digests, the session sweep. A job is claimed in the database with a lease (a conditional UPDATE), so two
/// processes never run it together, and a crashed process's claim is taken over when its lease runs out. The outbox
/// is delivered on every tick by every process: its messages are claimed one by one.
struct JobRunner: Sendable {
    let leases: JobLeaseStore
    let jobs: [BackgroundJob]
    let delivery: OutboxDelivery
    let clock: AppClock
    let owner: String
    let logger: Logger
    /// A job that takes longer than this loses its claim (and may run again elsewhere): keep jobs shorter.
    static let lease: TimeInterval = 300

    /// Runs every due job once, then delivers the outbox. Failures are logged; the next tick tries again.
    func runDue() async {
        for job in jobs {
            do {
                guard try await leases.claim(job.name, owner: owner, now: clock.now(), lease: Self.lease, every: job.every) else { continue }
            } catch {
                logger.warning("job claim failed", metadata: ["job": "\(job.name)", "error": "\(error)"])
                continue
            }
            do {
                try await job.work()
                try await leases.finish(job.name, owner: owner, now: clock.now())
            } catch {
                logger.warning("job failed", metadata: ["job": "\(job.name)", "error": "\(error)"])
                try? await leases.release(job.name, owner: owner)
            }
        }
        do {
            try await delivery.deliverDue()
        } catch {
            logger.warning("outbox delivery failed", metadata: ["error": "\(error)"])
        }
    }

    /// "host-pid-random": who holds a lease, in logs and in the database.
    static func processOwner() -> String {
        let host = ProcessInfo.processInfo.hostName.prefix(40)
        return "\(host)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8).lowercased())"
    }
}

/// Ticks the job runner until the server shuts down (run by `DatabaseLifecycle`, before it closes the pools).
struct BackgroundJobsService: Sendable {
    let runner: JobRunner
    let interval: Duration

    func run() async {
        // Cancellation (another service failed) ends the loop too: the cancelled sleep returns at once, so checking only
        // for graceful shutdown would spin, and query a database that is being shut down.
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            await runner.runDue()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
        }
    }
}
