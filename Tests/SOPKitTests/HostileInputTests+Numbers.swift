import Foundation
import Testing

/// Numbers in a pack that would overflow an Int.
extension HostileInputTests {
    @Test func reviewCadenceOfAbsurdLength() throws {
        let outcome = try build { root in
            let sop = PackFiles.sop(body: "x\n")["procedures/guide.md"]!
                .replacingOccurrences(of: "review_cadence: monthly", with: "review_cadence: every 300000000000000000 years")
            try write(Array(sop.utf8), to: "procedures/guide.md", in: root)
        }
        expectRefused(outcome, "procedures/guide.md:6:17: error: review_cadence 'every 300000000000000000 years' is longer than a century; write how often the SOP is reviewed, like 'every 2 years' [invalid-value]")
    }
}
