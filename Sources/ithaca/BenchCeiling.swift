import ArgumentParser
import Hummingbird

extension Bench {
    /// `ithaca bench ceiling`: the fastest this stack answers on this machine, for `benchmarks/load` to compare with.
    struct Ceiling: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve a minimal Hummingbird hello world (no middleware, no database) until stopped: the ceiling the load benchmark compares Ithaca's paths with.")

        @Option(help: "Address to listen on.") var host = "127.0.0.1"
        @Option(help: "Port to listen on.") var port = 8090

        func run() async throws {
            let router = Router()
            router.get("/") { _, _ in "Hello, world!" }
            let app = Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "Ithaca-ceiling"))
            try await app.runService()
        }
    }
}
