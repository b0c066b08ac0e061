/// Reads `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` (RFC 3339, section 5.6), checking each field's range.
enum RFC3339Time: Equatable {
    case valid
    /// A valid date and time with no zone: CloudNativePG accepts it and takes it as UTC.
    case withoutZone
    case invalid

    init(_ text: String) {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<start + count] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        func byte(_ index: Int, is character: Character) -> Bool {
            index < bytes.count && bytes[index] == character.asciiValue
        }
        guard let year = number(0, 4), byte(4, is: "-"), let month = number(5, 2), byte(7, is: "-"), let day = number(8, 2),
              byte(10, is: "T"), let hour = number(11, 2), byte(13, is: ":"), let minute = number(14, 2), byte(16, is: ":"),
              let second = number(17, 2), (1...12).contains(month), (1...Self.days(inMonth: month, of: year)).contains(day),
              hour < 24, minute < 60, second < 60
        else { self = .invalid; return }
        var index = 19
        if byte(index, is: ".") {
            index += 1
            let digits = bytes[index...].prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }.count
            guard digits > 0 else { self = .invalid; return }
            index += digits
        }
        if index == bytes.count { self = .withoutZone; return }
        if byte(index, is: "Z") && index + 1 == bytes.count { self = .valid; return }
        guard byte(index, is: "+") || byte(index, is: "-"), index + 6 == bytes.count, let offsetHours = number(index + 1, 2),
              byte(index + 3, is: ":"), let offsetMinutes = number(index + 4, 2), offsetHours < 24, offsetMinutes < 60
        else { self = .invalid; return }
        self = .valid
    }

    private static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
