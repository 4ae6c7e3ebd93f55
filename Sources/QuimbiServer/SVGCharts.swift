import Foundation

/// Charts of the dashboard as inline SVG, drawn on the server: no scripts, no external files. Every
/// label is escaped; every chart carries its figures as text too (`aria-label`, `<title>`).
enum SVGCharts {
    /// One bar of a bar chart.
    struct Bar {
        var label: String
        var value: Double
        /// The value as shown next to the bar.
        var shown: String
    }

    /// Vertical bars of equal width with their labels below and values above (a histogram).
    static func columns(_ bars: [Bar], title: String) -> String {
        let width = 400.0, height = 190.0, plotTop = 18.0, plotBottom = 160.0
        let largest = max(bars.map(\.value).max() ?? 0, 1)
        let slot = width / Double(max(bars.count, 1))
        var shapes = ""
        for (index, bar) in bars.enumerated() {
            let barHeight = (plotBottom - plotTop) * bar.value / largest
            let x = Double(index) * slot
            shapes += """
                <g><title>\(HTMLPage.escape("\(bar.label): \(bar.shown)"))</title>\
                <rect x="\(fixed(x + slot * 0.1))" y="\(fixed(plotBottom - barHeight))" width="\(fixed(slot * 0.8))" height="\(fixed(barHeight))" fill="\(shade(index, of: bars.count))"/>\
                <text x="\(fixed(x + slot / 2))" y="\(fixed(plotBottom - barHeight - 4))" font-size="10" text-anchor="middle">\(HTMLPage.escape(bar.shown))</text>\
                <text x="\(fixed(x + slot / 2))" y="176" font-size="9" text-anchor="middle">\(HTMLPage.escape(bar.label))</text></g>
                """
        }
        return svg(width: width, height: height, title: title, shapes + "<line x1=\"0\" y1=\"\(plotBottom)\" x2=\"\(width)\" y2=\"\(plotBottom)\" stroke=\"#888\"/>")
    }

    /// Horizontal bars, one per row, labels on the left and values on the right.
    static func rows(_ bars: [Bar], title: String) -> String {
        let width = 480.0, rowHeight = 26.0, labelWidth = 170.0, valueWidth = 100.0
        let largest = max(bars.map(\.value).max() ?? 0, 1)
        var shapes = ""
        for (index, bar) in bars.enumerated() {
            let y = Double(index) * rowHeight
            let length = (width - labelWidth - valueWidth) * bar.value / largest
            shapes += """
                <g><title>\(HTMLPage.escape("\(bar.label): \(bar.shown)"))</title>\
                <text x="0" y="\(fixed(y + 17))" font-size="12">\(HTMLPage.escape(bar.label.count > 26 ? bar.label.prefix(25) + "…" : bar.label))</text>\
                <rect x="\(labelWidth)" y="\(fixed(y + 5))" width="\(fixed(max(length, 1)))" height="16" fill="#2f6aa3"/>\
                <text x="\(fixed(labelWidth + length + 6))" y="\(fixed(y + 17))" font-size="12">\(HTMLPage.escape(bar.shown))</text></g>
                """
        }
        return svg(width: width, height: max(Double(bars.count) * rowHeight, rowHeight), title: title, shapes)
    }

    /// An uplift with its 95 % interval on a scale from `-extent` to `extent`, zero marked.
    static func interval(uplift: Double, lower: Double, upper: Double, extent: Double, title: String) -> String {
        let width = 200.0
        func x(_ value: Double) -> String { fixed(width / 2 + (width / 2 - 6) * max(-1, min(1, value / extent))) }
        let colour = lower > 0 ? "#1f7a3a" : (upper < 0 ? "#a3222f" : "#5b6673")
        let shapes = """
            <line x1="\(fixed(width / 2))" y1="2" x2="\(fixed(width / 2))" y2="22" stroke="#999" stroke-dasharray="2 2"/>\
            <line x1="\(x(lower))" y1="12" x2="\(x(upper))" y2="12" stroke="\(colour)" stroke-width="3"/>\
            <circle cx="\(x(uplift))" cy="12" r="5" fill="\(colour)"/>
            """
        return svg(width: width, height: 24, title: title, shapes)
    }

    private static func svg(width: Double, height: Double, title: String, _ shapes: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(fixed(width)) \(fixed(height))" width="\(fixed(width))" \
        role="img" aria-label="\(HTMLPage.escape(title))"><title>\(HTMLPage.escape(title))</title>\(shapes)</svg>
        """
    }

    /// Green through amber to red along the bars, for a risk scale.
    private static func shade(_ index: Int, of count: Int) -> String {
        let palette = ["#2e8540", "#5a9a3c", "#8aa83a", "#b5a933", "#d39b2c", "#e08a27", "#e07025", "#d65424", "#c43b26", "#a3222f"]
        return palette[min(palette.count - 1, index * palette.count / max(count, 1))]
    }

    /// A coordinate with one decimal.
    private static func fixed(_ value: Double) -> String { String(format: "%.1f", value) }
}
