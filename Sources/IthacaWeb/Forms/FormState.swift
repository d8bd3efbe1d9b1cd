import IthacaDomain

/// What a form shows after a failed submit: the values as typed and the problems, per field and as a summary.
struct FormState {
    var values: ViewModel = [:]
    var errors: [FieldError] = []
    var formError: String?

    var model: ViewModel {
        var byField: [String: [String]] = [:]
        for error in errors { byField[error.field, default: []].append(error.message) }
        return [
            "values": values,
            "errors": byField,
            "invalid": byField.mapValues { _ in true },
            "errorSummary": errors.map { ["field": $0.field, "message": $0.message] as ViewModel },
            "hasErrorSummary": !errors.isEmpty,
            "formError": formError as Any,
        ]
    }
}

extension ViewModel {
    /// Merges another model's keys into this one.
    func merging(_ other: ViewModel) -> ViewModel { merging(other) { _, new in new } }
}
