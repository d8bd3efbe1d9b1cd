import IthacaOIDC
import Testing

/// Runs `body` and checks that it fails with an `OIDCError` of the given kind.
func expectOIDCError<T>(
    _ kind: OIDCError.Kind,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> T
) async {
    do {
        let value = try await body()
        Issue.record("expected OIDCError.\(kind), got \(value)", sourceLocation: sourceLocation)
    } catch let error as OIDCError {
        #expect(error.kind == kind, "got \(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected OIDCError.\(kind), got \(error)", sourceLocation: sourceLocation)
    }
}
