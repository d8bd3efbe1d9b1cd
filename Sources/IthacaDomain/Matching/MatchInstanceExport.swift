import Foundation

/// Writes a scored round in a form other solvers read (the Python comparison in `benchmarks/`).
///
/// One line of JSON (`format`, `mentees`, `mentors`, `capacities`, `forbidden`), a newline, then the score matrix:
/// `mentees × mentors` little-endian 32-bit integers, row by mentee, `forbidden` (−1) where the pair is ruled out.
public enum MatchInstanceExport {
    public static let format = "ithaca-match-v1"

    public static func data(_ matrix: ScoreMatrix, capacities: [Int]) -> Data {
        let header = "{\"format\":\"\(format)\",\"mentees\":\(matrix.menteeCount),\"mentors\":\(matrix.mentorCount),"
            + "\"forbidden\":\(ScoreMatrix.forbidden),\"capacities\":[\(capacities.map(String.init).joined(separator: ","))]}\n"
        var data = Data(header.utf8)
        data.reserveCapacity(data.count + matrix.values.count * 4)
        matrix.values.withUnsafeBufferPointer { values in
            for chunkStart in stride(from: 0, to: values.count, by: 1 << 16) {
                let chunk = values[chunkStart..<min(chunkStart + (1 << 16), values.count)].map { $0.littleEndian }
                chunk.withUnsafeBytes { data.append(contentsOf: $0) }
            }
        }
        return data
    }
}
