/// A Kubernetes resource quantity (`500m`, `2`, `8Gi`, `1e3`), parsed as Kubernetes parses it.
struct Quantity: Equatable {
    /// The value in base units (cores, bytes).
    let value: Double

    private static let binarySuffixes: [String: Double] = [
        "Ki": 1024, "Mi": 1_048_576, "Gi": 1_073_741_824, "Ti": 1_099_511_627_776,
        "Pi": 1_125_899_906_842_624, "Ei": 1_152_921_504_606_846_976,
    ]
    private static let decimalSuffixes: [String: Double] = [
        "n": 1e-9, "u": 1e-6, "m": 1e-3, "": 1, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18,
    ]

    /// Parses `text`; nil when it is not a non-negative quantity.
    init?(_ text: String) {
        let bytes = Array(text.utf8)
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") { index += 1 }
        let numberStart = index
        var digits = 0
        while index < bytes.count, NameRules.isDigit(bytes[index]) { index += 1; digits += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, NameRules.isDigit(bytes[index]) { index += 1; digits += 1 }
        }
        guard digits > 0, let number = Double(String(decoding: bytes[numberStart..<index], as: UTF8.self)) else {
            return nil
        }
        let suffix = String(decoding: bytes[index...], as: UTF8.self)
        if let multiplier = Quantity.binarySuffixes[suffix] ?? Quantity.decimalSuffixes[suffix] {
            value = number * multiplier
        } else if let first = suffix.first, first == "e" || first == "E",
                  let exponent = Int(suffix.dropFirst()), abs(exponent) <= 18 {
            value = number * Quantity.pow10(exponent)
        } else {
            return nil
        }
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }
}

/// The units a byte count is written in: Kubernetes' (`8Gi`) or PostgreSQL's (`8GB`, which means GiB).
enum ByteUnits {
    case kubernetes, postgres

    var names: [String] { self == .kubernetes ? ["Ti", "Gi", "Mi", "Ki"] : ["TB", "GB", "MB", "kB"] }
}

/// Formats a byte count for messages in the largest unit that divides it (`8Gi`, `512Mi`, `1536Ki`; `2GB`).
func formatBytes(_ bytes: Double, units: ByteUnits = .kubernetes) -> String {
    for (suffix, size) in zip(units.names, [1_099_511_627_776.0, 1_073_741_824.0, 1_048_576.0, 1024.0])
    where bytes >= size && (bytes / size).rounded() == bytes / size {
        return "\(Int(bytes / size))\(suffix)"
    }
    return "\(Int(bytes))B"
}
