import Testing
@testable import PGHAKit

/// `ByteScan` reads eight bytes at a time; it must answer what a byte-by-byte scan answers, wherever in a word (or
/// in the tail after the last whole word) the byte that decides is.
@Suite struct ByteScanTests {
    static let buffers: [[UInt8]] = {
        var generator = TestSupport.SeededGenerator(state: 0xB17E5)
        var result: [[UInt8]] = [[], [0], [0x80], [0x7F], [1, 0, 1], Array(repeating: 0x01, count: 8), Array(repeating: 0xFF, count: 8)]
        for length in 0..<40 {
            let ascii = (0..<length).map { _ in UInt8.random(in: 1...0x7F, using: &generator) }
            result.append(ascii)
            for position in 0..<length {
                for byte: UInt8 in [0, 0x01, 0x7F, 0x80, 0xC3, 0xFF] {
                    var changed = ascii
                    changed[position] = byte
                    result.append(changed)
                }
            }
        }
        for _ in 0..<2_000 {
            result.append((0..<Int.random(in: 0...70, using: &generator)).map { _ in
                [UInt8(0), 0x01, 0x7F, 0x80, 0xFF, UInt8.random(in: 0...255, using: &generator)].randomElement(using: &generator)!
            })
        }
        return result
    }()

    @Test func zeroBytesAreFoundWhereverTheyAre() {
        for bytes in Self.buffers {
            #expect(bytes.withUnsafeBytes(ByteScan.containsZero) == bytes.contains(0), "\(bytes)")
        }
    }

    @Test func printableASCIIIsWhatEveryByteFrom0x20To0x7EIs() {
        var generator = TestSupport.SeededGenerator(state: 0x20_7E)
        var buffers = Self.buffers
        for length in 0..<40 {
            let printable = (0..<length).map { _ in UInt8.random(in: 0x20...0x7E, using: &generator) }
            buffers.append(printable)
            for position in 0..<length {
                for byte: UInt8 in [0x00, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0xFF] {
                    var changed = printable
                    changed[position] = byte
                    buffers.append(changed)
                }
            }
        }
        for bytes in buffers {
            #expect(bytes.withUnsafeBytes(ByteScan.isPrintableASCII) == bytes.allSatisfy { $0 >= 0x20 && $0 <= 0x7E }, "\(bytes)")
        }
    }

    @Test func asciiIsWhatEveryByteBelow0x80Is() {
        for bytes in Self.buffers {
            #expect(bytes.withUnsafeBytes(ByteScan.isASCII) == bytes.allSatisfy { $0 < 0x80 }, "\(bytes)")
        }
    }
}
