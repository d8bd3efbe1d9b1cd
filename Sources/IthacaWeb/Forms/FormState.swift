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

extension FormState {
    /// Field problems under the names the page uses (a page with two fields of one name renames one).
    static func renamed(_ errors: [FieldError], _ renaming: [String: String]) -> [FieldError] {
        renaming.isEmpty ? errors : errors.map { FieldError(field: renaming[$0.field] ?? $0.field, message: $0.message) }
    }

    /// A form a mentoring rule refused: field problems next to their fields (renamed where a page has two fields
    /// of one name), anything else as one message above the form.
    init(_ rule: MentoringRuleViolation, typed: ViewModel, renaming: [String: String] = [:]) {
        if case .invalidFields(let errors) = rule {
            self.init(values: typed, errors: Self.renamed(errors, renaming))
        } else {
            self.init(values: typed, formError: rule.message)
        }
    }

    /// A form a community rule refused, the same way.
    init(_ rule: CommunityRuleViolation, typed: ViewModel, renaming: [String: String] = [:]) {
        if case .invalidFields(let errors) = rule {
            self.init(values: typed, errors: Self.renamed(errors, renaming))
        } else {
            self.init(values: typed, formError: rule.message)
        }
    }
}

extension FormState {
    /// A form the services refused: field problems next to their fields, anything else (closed enrolment,
    /// not allowed) as one message above the form.
    init(_ error: IthacaError, typed: ViewModel, renaming: [String: String] = [:]) {
        if case .validation(let errors) = error {
            self.init(values: typed, errors: Self.renamed(errors, renaming))
        } else {
            self.init(values: typed, formError: Problem(error).detail)
        }
    }
}
