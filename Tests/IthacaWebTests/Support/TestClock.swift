import Foundation
import IthacaTestSupport
import IthacaWeb

extension TestClock {
    /// The app's source of "now", driven by this clock.
    var appClock: AppClock { AppClock(now: function) }
}
