import Foundation

/// The OpenAPI document this module's types and server protocol are generated from, served as-is at /api/openapi.yaml.
public enum OpenAPIDocument {
    public static func yaml() throws -> String {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
