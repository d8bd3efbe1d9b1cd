import FluentKit
import SQLKit

/// Office hours are booked by individuals, one slot each (`slot_minutes` long); hosts can call an event off.
struct M026OfficeHoursAndEventCancelling: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("events").field("slot_minutes", .int).update()
        try await database.schema("events").field("cancelled_at", .datetime).update()
        try await database.schema("office_hour_bookings")
            .id()
            .field("event_id", .uuid, .required, .references("events", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("slot_start", .datetime, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "event_id", "slot_start")
            .unique(on: "event_id", "person_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("office_hour_bookings").delete()
        try await database.schema("events").deleteField("cancelled_at").update()
        try await database.schema("events").deleteField("slot_minutes").update()
    }
}
