import FluentKit
import Foundation
import IthacaDomain
import SQLKit

public struct StoredEvent: Sendable, Equatable {
    public let id: UUID
    public let details: EventDetails
    public let hostId: UUID?
    public let going: Int
    public let waitlisted: Int
    public var cancelled: Bool = false
}

/// A booked office-hours slot.
public struct StoredSlotBooking: Sendable, Equatable {
    public let personId: UUID
    public let slotStart: Date
}

/// Events and RSVPs. Answering and cancelling run in a critical section, so seats are never given twice and the
/// first person on the waitlist moves up exactly once when a seat frees.
public struct EventStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    public func create(_ details: EventDetails, host: UUID, now: Date) async throws -> UUID {
        let id = UUID()
        try await database.db.sql.insert(into: "events")
            .columns("id", "title", "description", "kind", "starts_at", "ends_at", "location", "capacity", "host_id", "created_at", "slot_minutes")
            .values(SQLBind(id), SQLBind(details.title), SQLBind(details.description), SQLBind(details.kind.rawValue), SQLBind(details.start),
                    SQLBind(details.end), SQLBind(details.location), SQLBind(details.capacity), SQLBind(host), SQLBind(now),
                    SQLBind(details.slotMinutes))
            .run()
        return id
    }

    // For office hours, "going" counts the booked slots.
    static let select = """
        SELECT e.*, (SELECT COUNT(*) FROM event_rsvps r WHERE r.event_id = e.id AND r.status = 'going')
            + (SELECT COUNT(*) FROM office_hour_bookings b WHERE b.event_id = e.id) AS going,
          (SELECT COUNT(*) FROM event_rsvps r WHERE r.event_id = e.id AND r.status = 'waitlisted') AS waitlisted FROM events e
        """

    /// Events that have not ended, soonest first.
    public func upcoming(after now: Date, offset: Int = 0, limit: Int) async throws -> [StoredEvent] {
        try await database.db.sql.raw("""
            \(unsafeRaw: Self.select) WHERE e.ends_at > \(bind: now) AND e.cancelled_at IS NULL ORDER BY e.starts_at, e.id LIMIT \(bind: limit) OFFSET \(bind: offset)
            """).all().map(Self.event)
    }

    public func event(_ id: UUID) async throws -> StoredEvent? {
        try await database.db.sql.raw("\(unsafeRaw: Self.select) WHERE e.id = \(bind: id)").first().map(Self.event)
    }

    static func event(_ row: any SQLRow) throws -> StoredEvent {
        StoredEvent(
            id: try row.decode(column: "id", as: UUID.self),
            details: EventDetails(
                title: try row.decode(column: "title", as: String.self), description: try row.decode(column: "description", as: String.self),
                kind: EventKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .meetup,
                start: try row.decode(column: "starts_at", as: Date.self), end: try row.decode(column: "ends_at", as: Date.self),
                location: try row.decode(column: "location", as: String.self), capacity: try row.decode(column: "capacity", as: Int.self),
                slotMinutes: try row.decode(column: "slot_minutes", as: Int?.self)),
            hostId: try row.decode(column: "host_id", as: UUID?.self), going: try row.decode(column: "going", as: Int.self),
            waitlisted: try row.decode(column: "waitlisted", as: Int.self), cancelled: try row.decode(column: "cancelled_at", as: Date?.self) != nil)
    }

    /// The person's answer and, when waitlisted, their place in line (1 = next).
    public func rsvp(of person: UUID, to event: UUID) async throws -> (status: RSVPStatus, position: Int?)? {
        let rows = try await database.db.sql.raw("""
            SELECT person_id, status FROM event_rsvps WHERE event_id = \(bind: event) ORDER BY created_at, id
            """).all()
        var position = 0
        for row in rows {
            let status = RSVPStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .waitlisted
            if status == .waitlisted { position += 1 }
            if try row.decode(column: "person_id", as: UUID.self) == person { return (status, status == .waitlisted ? position : nil) }
        }
        return nil
    }

    /// Answers "I'm coming": a seat if one is free, else the end of the waitlist. Answering twice changes nothing.
    public func answer(_ event: UUID, person: UUID, capacity: Int, now: Date) async throws -> RSVPStatus {
        try await database.criticalSection(key: LockKeys.events) { db in
            if let existing = try await db.sql.select().column("status").from("event_rsvps").where("event_id", .equal, event)
                .where("person_id", .equal, person).first() {
                return RSVPStatus(rawValue: try existing.decode(column: "status", as: String.self)) ?? .waitlisted
            }
            let going = try await Self.goingCount(event, db)
            let status = RSVPRule.status(going: going, capacity: capacity)
            try await db.sql.insert(into: "event_rsvps").columns("id", "event_id", "person_id", "status", "created_at")
                .values(SQLBind(UUID()), SQLBind(event), SQLBind(person), SQLBind(status.rawValue), SQLBind(now)).run()
            return status
        }
    }

    /// Withdraws an answer; when it freed a seat, the first waitlisted people move up. Returns who moved up.
    public func cancel(_ event: UUID, person: UUID, capacity: Int) async throws -> [UUID] {
        try await database.criticalSection(key: LockKeys.events) { db in
            try await db.sql.delete(from: "event_rsvps").where("event_id", .equal, event).where("person_id", .equal, person).run()
            let going = try await Self.goingCount(event, db)
            let waitlist = try await db.sql.raw("""
                SELECT person_id FROM event_rsvps WHERE event_id = \(bind: event) AND status = 'waitlisted' ORDER BY created_at, id
                """).all().map { try $0.decode(column: "person_id", as: UUID.self) }
            let promoted = RSVPRule.promotions(going: going, capacity: capacity, waitlist: waitlist)
            if !promoted.isEmpty {
                try await db.sql.update("event_rsvps").set("status", to: RSVPStatus.going.rawValue)
                    .where("event_id", .equal, event).where("person_id", .in, promoted).run()
            }
            return promoted
        }
    }

    static func goingCount(_ event: UUID, _ db: any Database) async throws -> Int {
        try await db.sql.raw("SELECT COUNT(*) AS n FROM event_rsvps WHERE event_id = \(bind: event) AND status = 'going'")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    // MARK: Office hours and calling events off

    public func bookings(of event: UUID) async throws -> [StoredSlotBooking] {
        try await database.db.sql.raw("""
            SELECT person_id, slot_start FROM office_hour_bookings WHERE event_id = \(bind: event) ORDER BY slot_start
            """).all().map {
            StoredSlotBooking(personId: try $0.decode(column: "person_id", as: UUID.self), slotStart: try $0.decode(column: "slot_start", as: Date.self))
        }
    }

    /// Books the slot for the person (moving their earlier booking, since it is one slot each); false when the slot
    /// is someone else's already.
    public func book(_ event: UUID, person: UUID, slot: Date, now: Date) async throws -> Bool {
        try await database.criticalSection(key: LockKeys.events) { db in
            let holder = try await db.sql.select().column("person_id").from("office_hour_bookings").where("event_id", .equal, event)
                .where("slot_start", .equal, SQLBind(slot)).first().map { try $0.decode(column: "person_id", as: UUID.self) }
            if let holder { return holder == person }
            try await db.sql.delete(from: "office_hour_bookings").where("event_id", .equal, event).where("person_id", .equal, person).run()
            try await db.sql.insert(into: "office_hour_bookings").columns("id", "event_id", "person_id", "slot_start", "created_at")
                .values(SQLBind(UUID()), SQLBind(event), SQLBind(person), SQLBind(slot), SQLBind(now)).run()
            return true
        }
    }

    public func cancelBooking(_ event: UUID, person: UUID) async throws {
        try await database.db.sql.delete(from: "office_hour_bookings").where("event_id", .equal, event).where("person_id", .equal, person).run()
    }

    /// Calls the event off; returns everyone who had a seat, a place on the waitlist or a slot.
    public func callOff(_ event: UUID, now: Date) async throws -> [UUID] {
        try await database.db.sql.update("events").set("cancelled_at", to: SQLBind(now)).where("id", .equal, event).run()
        let answered = try await database.db.sql.select().column("person_id").from("event_rsvps").where("event_id", .equal, event).all()
        return try answered.map { try $0.decode(column: "person_id", as: UUID.self) } + (try await bookings(of: event)).map(\.personId)
    }
}
