import Foundation
import Yams

/// Control and bidirectional-formatting characters in a pack's YAML values: C0 controls other
/// than tab and line feed, DEL and the C1 controls, and the bidi embeddings, overrides, isolates
/// and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F). YAML lets a double-quoted `"\u202E"`
/// or `"\x07"` write them; they would reach pages (invalid HTML), print footers and terminals, and
/// a bidi override makes text read differently from what it holds. Every YAML file of a pack
/// (front matter included) is checked once, where it is composed: each value holding one is an
/// error at that value, and nothing is stripped behind the writer's back.
enum ControlCharacters {
    static func isHostile(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// The first hostile character of `text`, named for a message: `U+202E`.
    static func firstHostile(in text: String) -> String? {
        text.unicodeScalars.first(where: isHostile).map { String(format: "U+%04X", $0.value) }
    }

    /// One diagnostic per scalar (key or value) of `node` that holds a hostile character.
    /// Each list or mapping is walked once (`YAMLWalk`), however many aliases name it.
    static func check(_ node: Node, in context: DecodingContext) {
        YAMLWalk.scalars(of: node, keys: true) { scalar in
            guard let name = firstHostile(in: scalar.scalar?.string ?? "") else { return }
            context.error(.controlCharacter,
                          "this value holds the control character \(name), which would reach pages, print footers and terminals; remove it",
                          at: scalar)
        }
    }
}
