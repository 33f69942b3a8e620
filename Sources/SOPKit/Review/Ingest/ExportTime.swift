/// ISO 8601 date-times as exports write them: `2026-11-02T09:15:00+01:00`, `…Z`, `…+0100`, a space
/// for the `T`, optional fractions of a second (dropped). A time without an offset takes
/// `defaultOffset` (the `review.utc_offset` setting) or is refused: a wall-clock time without a zone
/// is not an instant.
enum ExportTime {
    enum Problem: Error, Equatable {
        case notISO8601
        case noOffset
        case outOfRange
    }

    static func parse(_ text: String, defaultOffset: Int32?) -> Result<(time: Int64, offset: Int32), Problem> {
        var text = text
        return text.withUTF8 { parse($0, defaultOffset: defaultOffset) }
    }

    /// The same, read from UTF-8 bytes (what the CSV reader holds): no text is made.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, defaultOffset: Int32?) -> Result<(time: Int64, offset: Int32), Problem> {
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for index in start..<(start + count) {
                let byte = bytes[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard bytes.count >= 19, let year = number(0, 4), bytes[4] == 0x2D, let month = number(5, 2), bytes[7] == 0x2D,
              let dayOfMonth = number(8, 2), bytes[10] == 0x54 || bytes[10] == 0x20 || bytes[10] == 0x74,
              let hour = number(11, 2), bytes[13] == 0x3A, let minute = number(14, 2), bytes[16] == 0x3A,
              let second = number(17, 2) else { return .failure(.notISO8601) }
        // What CalendarDate reads: a real day of a year it takes.
        guard (1...12).contains(month), CalendarDate.years.contains(year),
              (1...CalendarDate.daysIn(month: month, year: year)).contains(dayOfMonth) else { return .failure(.outOfRange) }
        let day = CalendarDate.daysSinceEpoch(year: year, month: month, day: dayOfMonth)
        guard hour < 24, minute < 60, second < 61 else { return .failure(.outOfRange) }
        var index = 19
        if index < bytes.count, bytes[index] == 0x2E || bytes[index] == 0x2C {
            index += 1
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            guard index > start else { return .failure(.notISO8601) }
        }
        var offset: Int32
        if index == bytes.count {
            guard let defaultOffset else { return .failure(.noOffset) }
            offset = defaultOffset
        } else if bytes[index] == 0x5A || bytes[index] == 0x7A, index + 1 == bytes.count {
            offset = 0
        } else if bytes[index] == 0x2B || bytes[index] == 0x2D {
            let sign: Int32 = bytes[index] == 0x2D ? -1 : 1
            guard let hours = number(index + 1, 2) else { return .failure(.notISO8601) }
            var minutes = 0
            if index + 3 == bytes.count {
                minutes = 0
            } else if bytes.count == index + 6, bytes[index + 3] == 0x3A, let value = number(index + 4, 2) {
                minutes = value
            } else if bytes.count == index + 5, let value = number(index + 3, 2) {
                minutes = value
            } else {
                return .failure(.notISO8601)
            }
            guard hours <= 14, minutes < 60 else { return .failure(.outOfRange) }
            offset = sign * Int32(hours * 3600 + minutes * 60)
        } else {
            return .failure(.notISO8601)
        }
        let local = Int64(day) * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
        return .success((local - Int64(offset), offset))
    }

    /// `+01:00`, `-05:30`, `Z`: the form `review.utc_offset` takes.
    static func offset(_ text: String) -> Int32? {
        if text == "Z" || text == "+00:00" { return 0 }
        guard case .success(let parsed) = parse("2000-01-01T00:00:00" + text, defaultOffset: nil) else { return nil }
        return parsed.offset
    }

    /// The time as written back for people: `2026-11-02 09:15` in the event's own offset.
    static func local(_ time: Int64, offset: Int32) -> String {
        let local = time + Int64(offset)
        let day = CalendarDate(secondsSince1970: Int(local))
        let seconds = Int(local - Int64(day.day) * 86_400)
        return "\(day) \(CalendarDate.padded(seconds / 3600, 2)):\(CalendarDate.padded(seconds % 3600 / 60, 2))"
    }

    /// `+01:00` for an offset in seconds.
    static func offsetText(_ offset: Int32) -> String {
        let sign = offset < 0 ? "-" : "+"
        let magnitude = Int(abs(offset))
        return "\(sign)\(CalendarDate.padded(magnitude / 3600, 2)):\(CalendarDate.padded(magnitude % 3600 / 60, 2))"
    }
}
