import Testing
@testable import SOPKit

/// `LineOrigins` keeps runs of lines, not a location per line: it must give back exactly the
/// locations it was given, and compare as they compare.
@Suite struct LineOriginsTests {
    /// Lines as an expansion makes them: runs of consecutive lines of one file, broken by another
    /// file, a jump, another column (an indented include), or a line repeated (a marker line).
    static func lines(_ random: inout SplitMix64, count: Int) -> [SOPKit.SourceLocation] {
        let paths = ["procedures/a.md", "snippets/b.md", "snippets/c.md"]
        var lines: [SOPKit.SourceLocation] = []
        var current = SOPKit.SourceLocation(path: paths[0], line: 1, column: 1)
        for _ in 0..<count {
            switch random.next() % 8 {
            case 0: current = SOPKit.SourceLocation(path: paths[Int(random.next() % 3)], line: Int(random.next() % 50) + 1, column: 1)
            case 1: current.column = Int(random.next() % 4) + 1
            case 2: current.line += Int(random.next() % 3)
            default: break
            }
            lines.append(current)
            if random.next() % 5 != 0 { current.line += 1 }
        }
        return lines
    }

    @Test func givesBackEveryLineItWasGiven() {
        var random = SplitMix64(state: 9)
        for round in 0..<2_000 {
            let lines = Self.lines(&random, count: round % 60)
            let origins = LineOrigins(lines)
            #expect(origins.count == lines.count)
            #expect(origins.locations == lines, "round \(round)")
            #expect(origins.last == lines.last)
        }
    }

    @Test func comparesAsItsLinesCompare() {
        var random = SplitMix64(state: 10)
        for round in 0..<2_000 {
            let first = Self.lines(&random, count: round % 12)
            let second = random.next() % 2 == 0 ? first : Self.lines(&random, count: round % 12)
            #expect((LineOrigins(first) == LineOrigins(second)) == (first == second), "round \(round)")
        }
    }

    @Test func anSOPBodyIsOneRunAndAnIncludeAnother() {
        var origins = LineOrigins()
        for line in 10..<110 { origins.append(SOPKit.SourceLocation(path: "procedures/a.md", line: line)) }
        for line in 1..<4 { origins.append(SOPKit.SourceLocation(path: "snippets/b.md", line: line, column: 3)) }
        #expect(origins[0] == SOPKit.SourceLocation(path: "procedures/a.md", line: 10))
        #expect(origins[99] == SOPKit.SourceLocation(path: "procedures/a.md", line: 109))
        #expect(origins[100] == SOPKit.SourceLocation(path: "snippets/b.md", line: 1, column: 3))
        #expect(origins[102] == SOPKit.SourceLocation(path: "snippets/b.md", line: 3, column: 3))
    }
}
