import Metrics
import Prometheus

/// Points swift-metrics at Prometheus once per test process, as `ithaca serve` does at start-up.
/// `MetricsSystem.bootstrap` may run only once, so every test that needs metrics goes through this.
enum TestMetrics {
    private static let bootstrapped: Void = MetricsSystem.bootstrap(PrometheusMetricsFactory())

    static func bootstrap() { _ = bootstrapped }
}
