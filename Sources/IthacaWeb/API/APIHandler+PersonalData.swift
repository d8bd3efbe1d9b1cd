import Foundation
import IthacaAPI
import IthacaDomain
import OpenAPIRuntime

/// A member's own data through the JSON API: the export zip, streamed.
extension APIHandler {
    func exportMyData(_ input: Operations.ExportMyData.Input) async throws -> Operations.ExportMyData.Output {
        let file = try await services.personalData.export(for: try viewer())
        return .ok(.init(body: .applicationZip(HTTPBody(file.chunks(), length: .known(Int64(file.size)), iterationBehavior: .single))))
    }
}

extension APIHandler {
    func deleteMe(_ input: Operations.DeleteMe.Input) async throws -> Operations.DeleteMe.Output {
        var password: String?
        if case .json(let body) = input.body { password = body.password }
        try await services.erasure.erase(try viewer(), password: password)
        return .noContent(.init())
    }
}
