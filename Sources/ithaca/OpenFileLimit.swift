#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every connection is an open file. The usual soft limit (1,024) lets about a thousand silent clients take every
/// descriptor, and then no one, `/healthz` included, can connect until the idle timeout frees some. The hard limit is
/// what the administrator allows, so the server raises its soft limit to it at start-up (as Go's runtime does).
enum OpenFileLimit {
    /// The soft limit before and after, or nil if it could not be read or changed.
    static func raiseToHardLimit() -> (before: UInt64, after: UInt64)? {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0 else { return nil }
        let before = UInt64(limit.rlim_cur)
        guard limit.rlim_cur < limit.rlim_max else { return (before, before) }
        limit.rlim_cur = limit.rlim_max
        guard setrlimit(resource, &limit) == 0 else { return nil }
        return (before, UInt64(limit.rlim_cur))
    }
}
