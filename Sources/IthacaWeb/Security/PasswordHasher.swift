import Crypto
import Foundation
import NIOCore
import NIOPosix
import _CryptoExtras

/// scrypt password hashing (no 72-byte truncation, unlike bcrypt). Encoded as `scrypt$logN$r$p$salt$hash`.
public struct PasswordHasher: Sendable, Equatable {
    /// log2 of scrypt's N: 15 costs about 32 MiB and tens of milliseconds per hash.
    public var logN: Int
    public var blockSize: Int
    public var parallelism: Int

    public init(logN: Int, blockSize: Int = 8, parallelism: Int = 1) {
        self.logN = logN
        self.blockSize = blockSize
        self.parallelism = parallelism
    }

    public static let standard = PasswordHasher(logN: 15)

    /// Threads for hashing only: scrypt is deliberately slow, and on the shared pool it would also
    /// hold up SQLite, whose calls run on `NIOThreadPool.singleton`.
    static let threads: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: max(1, System.coreCount))
        pool.start()
        return pool
    }()

    /// Hashes off the async executors and off the database threads.
    public func hash(_ password: String) async throws -> String {
        try await Self.threads.runIfActive { try self.hashNow(password) }
    }

    /// Verifies in constant time. Parameters come from the stored hash, so old hashes keep working after a cost change.
    public func verify(_ password: String, against encoded: String) async -> Bool {
        (try? await Self.threads.runIfActive { self.verifyNow(password, against: encoded) }) ?? false
    }

    /// Spends the same effort as a real check, so unknown emails take as long as known ones.
    public func verifyDummy(_ password: String) async {
        _ = try? await hash(password)
    }

    func hashNow(_ password: String) throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = generator.next() }
        let key = try derive(password, salt: salt, logN: logN, r: blockSize, p: parallelism)
        return ["scrypt", "\(logN)", "\(blockSize)", "\(parallelism)", Data(salt).base64EncodedString(),
                Data(key).base64EncodedString()].joined(separator: "$")
    }

    func verifyNow(_ password: String, against encoded: String) -> Bool {
        let parts = encoded.split(separator: "$").map(String.init)
        guard parts.count == 6, parts[0] == "scrypt",
              let logN = Int(parts[1]), (10...20).contains(logN),
              let r = Int(parts[2]), let p = Int(parts[3]),
              let salt = Data(base64Encoded: parts[4]), let expected = Data(base64Encoded: parts[5]),
              let key = try? derive(password, salt: Array(salt), logN: logN, r: r, p: p)
        else { return false }
        return constantTimeEquals(key, Array(expected))
    }

    private func derive(_ password: String, salt: [UInt8], logN: Int, r: Int, p: Int) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(
            from: Array(password.utf8), salt: salt, outputByteCount: 32, rounds: 1 << logN, blockSize: r, parallelism: p)
        return key.withUnsafeBytes { Array($0) }
    }
}

/// Compares secrets without leaking where they differ through timing.
func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in a.indices { difference |= a[index] ^ b[index] }
    return difference == 0
}

func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    constantTimeEquals(Array(a.utf8), Array(b.utf8))
}
