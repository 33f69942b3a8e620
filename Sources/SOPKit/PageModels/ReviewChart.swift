/// A bar chart the review page draws as inline SVG (`review.mustache`): geometry already computed,
/// so the template only writes `<rect>` and `<text>` elements, every label escaped. No script,
/// nothing loaded: the chart prints like the text around it.
struct ReviewChart: Sendable {
    struct Bar: Sendable {
        var x: Int
        var y: Int
        var width: Int
        var height: Int
        /// `series-N`: the colour of the Nth series, from the page's style.
        var series: String
        /// The exact figure, shown on hover and read by screen readers.
        var title: String
    }

    struct Label: Sendable {
        var x: Int
        var y: Int
        var text: String
        var anchor: String
    }

    /// A trend line (`stroke-<severity>` colours it), its points as SVG `points` text.
    struct Line: Sendable {
        var series: String
        var points: String
        var title: String
    }

    struct LegendItem: Sendable {
        var series: String
        var name: String
    }

    var id: String
    var title: String
    /// What the chart shows, in words (the SVG's accessible description; the table below has the figures).
    var summary: String
    var width: Int
    var height: Int
    var bars: [Bar]
    var labels: [Label]
    var legend: [LegendItem]
    var isEmpty: Bool
    var lines: [Line] = []

    /// Vertical stacked bars: one column per category, one segment per series.
    static func stackedColumns(id: String, title: String, summary: String, categories: [String], series: [(name: String, values: [Int])]) -> ReviewChart {
        let width = 680, height = 260, left = 40, bottom = 40, top = 16
        let plot = height - bottom - top
        let totals = categories.indices.map { index in series.reduce(0) { $0 + ($1.values.indices.contains(index) ? $1.values[index] : 0) } }
        let maximum = max(totals.max() ?? 0, 1)
        let slot = categories.isEmpty ? 0 : (width - left - 10) / categories.count
        let barWidth = max(slot * 6 / 10, 4)
        var bars: [Bar] = []
        var labels: [Label] = [Label(x: left - 6, y: top + 4, text: "\(maximum)", anchor: "end"),
                               Label(x: left - 6, y: top + plot, text: "0", anchor: "end")]
        for (index, category) in categories.enumerated() {
            let x = left + index * slot + (slot - barWidth) / 2
            var y = top + plot
            for (number, entry) in series.enumerated() {
                let value = entry.values.indices.contains(index) ? entry.values[index] : 0
                guard value > 0 else { continue }
                let segment = max(value * plot / maximum, 1)
                y -= segment
                bars.append(Bar(x: x, y: y, width: barWidth, height: segment, series: "series-\(number % 8)",
                                title: "\(category): \(entry.name) \(value)"))
            }
            labels.append(Label(x: x + barWidth / 2, y: height - bottom + 16, text: category, anchor: "middle"))
        }
        return ReviewChart(id: id, title: title, summary: summary, width: width, height: height, bars: bars, labels: labels,
                           legend: series.enumerated().map { LegendItem(series: "series-\($0.offset % 8)", name: $0.element.name) },
                           isEmpty: totals.allSatisfy { $0 == 0 })
    }

    /// Lines over categories (windows, oldest first): one line per series, a square marker at
    /// each point carrying its figure. `classes` names each series' colour class suffix.
    static func lines(id: String, title: String, summary: String, categories: [String], series: [(name: String, values: [Int])],
                      classes: [String]) -> ReviewChart {
        let width = 680, height = 240, left = 40, bottom = 40, top = 16
        let plot = height - bottom - top
        let maximum = max(series.flatMap(\.values).max() ?? 0, 1)
        let slot = categories.isEmpty ? 0 : (width - left - 10) / categories.count
        var bars: [Bar] = []
        var lines: [Line] = []
        var labels: [Label] = [Label(x: left - 6, y: top + 4, text: "\(maximum)", anchor: "end"),
                               Label(x: left - 6, y: top + plot, text: "0", anchor: "end")]
        func x(_ index: Int) -> Int { left + index * slot + slot / 2 }
        for (number, entry) in series.enumerated() {
            let colour = classes[number % classes.count]
            var points: [String] = []
            for (index, category) in categories.enumerated() {
                let value = entry.values.indices.contains(index) ? entry.values[index] : 0
                let y = top + plot - value * plot / maximum
                points.append("\(x(index)),\(y)")
                bars.append(Bar(x: x(index) - 3, y: y - 3, width: 6, height: 6, series: "chart-\(colour)",
                                title: "\(category): \(entry.name) \(value)"))
            }
            lines.append(Line(series: "stroke-\(colour)", points: points.joined(separator: " "), title: entry.name))
        }
        for (index, category) in categories.enumerated() {
            labels.append(Label(x: x(index), y: height - bottom + 16, text: category, anchor: "middle"))
        }
        return ReviewChart(id: id, title: title, summary: summary, width: width, height: height, bars: bars, labels: labels,
                           legend: series.enumerated().map { LegendItem(series: "chart-\(classes[$0.offset % classes.count])", name: $0.element.name) },
                           isEmpty: categories.isEmpty, lines: lines)
    }

    /// Horizontal bars: one row per category, the series side by side within a row.
    /// `classes` names each series' colour (`severity-error`…) instead of `series-N`.
    static func groupedRows(id: String, title: String, summary: String, categories: [String], series: [(name: String, values: [Int])],
                            classes: [String]? = nil) -> ReviewChart {
        func seriesClass(_ number: Int) -> String { classes.map { $0[number % $0.count] } ?? "series-\(number % 8)" }
        let width = 680, left = 210, rowHeight = 12 * max(series.count, 1) + 12, top = 8
        let height = top + max(categories.count, 1) * rowHeight + 8
        let maximum = max(series.flatMap(\.values).max() ?? 0, 1)
        let plot = width - left - 50
        var bars: [Bar] = []
        var labels: [Label] = []
        for (index, category) in categories.enumerated() {
            let rowTop = top + index * rowHeight
            labels.append(Label(x: left - 8, y: rowTop + rowHeight / 2 + 4, text: category, anchor: "end"))
            for (number, entry) in series.enumerated() {
                let value = entry.values.indices.contains(index) ? entry.values[index] : 0
                let y = rowTop + 4 + number * 12
                if value > 0 {
                    let length = max(value * plot / maximum, 1)
                    bars.append(Bar(x: left, y: y, width: length, height: 10, series: seriesClass(number),
                                    title: "\(category): \(entry.name) \(value)"))
                    labels.append(Label(x: left + length + 4, y: y + 9, text: "\(value)", anchor: "start"))
                }
            }
        }
        return ReviewChart(id: id, title: title, summary: summary, width: width, height: height, bars: bars, labels: labels,
                           legend: series.enumerated().map { LegendItem(series: seriesClass($0.offset), name: $0.element.name) },
                           isEmpty: series.allSatisfy { $0.values.allSatisfy { $0 == 0 } })
    }
}
