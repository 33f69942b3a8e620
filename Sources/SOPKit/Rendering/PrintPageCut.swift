import Foundation
import GFM

/// A role's print page rendered with its SOPs left out, as the text around them
/// (`ThemeLibrary.segments`): what a streamed print page holds while the writer goes through its
/// SOPs. Each SOP's header is left out as well as its print view, so a page holds only the bits
/// of template between them (a few dozen bytes an SOP instead of the header's kilobyte; the
/// headers are held once, for every page). A theme that does not write each header once,
/// unescaped, before its SOP's body gets the headers rendered into the segments instead.
struct PrintPageCut: Sendable {
    /// The text between the fragments left out, in order, and after the last.
    let segments: [Data]
    /// Whether the headers were left out (two fragments an SOP) or are in the segments (one).
    let leavesOutHeaders: Bool

    /// The pieces an SOP takes in a streamed page: segment, header, segment, print view (the
    /// first two empty when the headers are in the segments).
    static let piecesPerSOP = 4

    /// `page(headers, bodies)` renders the page with those fragments for its `count` SOPs
    /// (`headers` nil: each SOP's own header); nil when the theme does not write each body once,
    /// unescaped, and the page must be rendered whole.
    init?(theme: ThemeLibrary, count: Int, page: (_ headers: [SafeHTML]?, _ bodies: [SafeHTML]) -> Page<PrintPage>) {
        let both = theme.segments(of: { fragments in
            page(stride(from: 0, to: fragments.count, by: 2).map { fragments[$0] },
                 stride(from: 1, to: fragments.count, by: 2).map { fragments[$0] })
        }, leavingOut: 2 * count)
        if let both {
            segments = both
            leavesOutHeaders = true
        } else if let bodies = theme.segments(of: { page(nil, $0) }, leavingOut: count) {
            segments = bodies
            leavesOutHeaders = false
        } else {
            return nil
        }
    }

    /// Piece `piece` (0 ..< `piecesPerSOP`) of the SOP at `ordinal` among the page's SOPs.
    func piece(_ piece: Int, ofSOPAt ordinal: Int, header: () -> Data, body: () -> Data) -> Data {
        if leavesOutHeaders {
            switch piece {
            case 0: segments[2 * ordinal]
            case 1: header()
            case 2: segments[2 * ordinal + 1]
            default: body()
            }
        } else {
            switch piece {
            case 2: segments[ordinal]
            case 3: body()
            default: Data()
            }
        }
    }

    /// The text after the last SOP.
    var last: Data { segments[segments.count - 1] }
}
