import Foundation
import IthacaDomain

/// The field errors `body` threw as `.validation`, or [] if it succeeded; any other error is returned as a marker.
func fieldErrors<T>(_ body: () throws(IthacaError) -> T) -> [FieldError] {
    do {
        _ = try body()
        return []
    } catch {
        if case .validation(let errors) = error { return errors }
        return [FieldError(field: "<unexpected>", message: "\(error)")]
    }
}

/// A fixed instant from an ISO 8601 string such as "2025-01-15T12:00:00Z".
func instant(_ iso: String) -> Date {
    try! Date(iso, strategy: .iso8601)
}
