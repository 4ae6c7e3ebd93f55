/// A table of the dashboard that stacks on a phone: each cell carries its column's title (`data-label`),
/// which the narrow layout shows beside the value (one block per cell) instead of the header row.
struct HTMLTable {
    /// A column: its title, whether its values are numbers (right-aligned), and whether a phone leaves it out.
    struct Column {
        var title: String
        var numeric = false
        var wide = false
    }

    let columns: [Column]
    /// Cells as HTML, already escaped, one array per row.
    let rows: [[String]]

    func html() -> String {
        func attributes(_ column: Column) -> String {
            let classes = [column.numeric ? "n" : nil, column.wide ? "hide-narrow" : nil].compactMap { $0 }
            return classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
        }
        let head = columns.map { "<th\(attributes($0))>\(HTMLPage.escape($0.title))</th>" }.joined()
        let body = rows.map { cells in
            "<tr>" + zip(columns, cells).map { "<td\(attributes($0)) data-label=\"\(HTMLPage.escape($0.title))\"><div>\($1)</div></td>" }.joined() + "</tr>"
        }.joined()
        return "<table class=\"stack\"><thead><tr>\(head)</tr></thead><tbody>\(body)</tbody></table>"
    }
}
