import Foundation
import Hummingbird
import IthacaAPI
import Prometheus

/// Operational endpoints outside the API contract: the OpenAPI document and Prometheus metrics.
struct OperationsController {
    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: try OpenAPIDocument.yaml())))
        }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: PrometheusMetricsFactory.defaultRegistry.emitToString())))
        }
    }
}
