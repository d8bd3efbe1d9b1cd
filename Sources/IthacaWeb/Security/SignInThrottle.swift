import Foundation

/// Limits on failed sign-in attempts, per account and per client address, in fixed windows.
/// Only failures count, so a busy office behind one address is not locked out by its own successful sign-ins.
public struct SignInThrottle: Sendable, Equatable {
    public var failuresPerAccount: Int
    public var attemptsPerAddress: Int
    public var window: TimeInterval

    public init(failuresPerAccount: Int, attemptsPerAddress: Int, window: TimeInterval) {
        self.failuresPerAccount = failuresPerAccount
        self.attemptsPerAddress = attemptsPerAddress
        self.window = window
    }

    /// ASVS asks to slow guessing without locking people out for long: 5 failures per account, 30 per address, per 15 minutes.
    public static let standard = SignInThrottle(failuresPerAccount: 5, attemptsPerAddress: 30, window: 15 * 60)
}
