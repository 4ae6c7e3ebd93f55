import Foundation
import QuimbiOutcomes
import QuimbiStore

/// The managers' dashboard: churn-risk distribution, archetypes ranked by value at risk with their
/// strategies, escalations of the last days by priority, and what the retention offers bought, each
/// uplift with its 95 % interval, or "not enough data yet" where the report says so.
struct DashboardPage {
    let churn: ChurnReport
    let retention: RetentionReport
    /// The session's CSRF token, carried by the logout form.
    let csrfToken: String

    func html() -> String {
        """
        <header><div><h1>Quimbi — churn and retention</h1>\
        <div class="muted">as of \(HTMLPage.escape(DashboardFormat.date(churn.asOf))) · \(churn.customers) customers</div></div>\
        <form method="post" action="/dashboard/logout"><input type="hidden" name="csrf_token" value="\(HTMLPage.escape(csrfToken))">\
        <button type="submit">Sign out</button></form></header>
        <div class="grid">\(distribution())\(escalations())</div>
        \(archetypes())
        \(offers())
        """
    }

    private func distribution() -> String {
        let total = max(churn.customers, 1)
        let tiles = churn.bands.map { band in
            "<div class=\"tile\"><span>\(HTMLPage.escape(band.band ?? "")) risk</span><b>\(band.customers)</b>"
                + "<span class=\"muted\">\(DashboardFormat.percent(Double(band.customers) / Double(total))) · from \(DashboardFormat.percent(band.from))</span></div>"
        }.joined()
        let bars = churn.histogram.map {
            SVGCharts.Bar(label: "\(Int(($0.from * 100).rounded()))–\(Int(($0.to * 100).rounded()))", value: Double($0.customers), shown: String($0.customers))
        }
        return "<section id=\"churn-distribution\"><h2>Churn-risk distribution</h2><div class=\"tiles\">\(tiles)</div>"
            + SVGCharts.columns(bars, title: "Customers by churn risk, in percent") + "<div class=\"muted\">churn risk, %</div></section>"
    }

    private func escalations() -> String {
        let total = churn.escalations.reduce(0) { $0 + $1.escalations }
        let chart = churn.escalations.isEmpty
            ? "<p class=\"muted\">No escalations.</p>"
            : SVGCharts.rows(churn.escalations.map { .init(label: $0.priority, value: Double($0.escalations), shown: String($0.escalations)) }, title: "Escalations by priority")
        return "<section id=\"escalations\"><h2>Escalations, last \(churn.escalationDays) days</h2>"
            + "<div class=\"tiles\"><div class=\"tile\"><span>escalated tickets</span><b>\(total)</b></div></div>\(chart)</section>"
    }

    private func archetypes() -> String {
        let bars = churn.archetypes.map { SVGCharts.Bar(label: $0.label, value: $0.valueAtRisk, shown: DashboardFormat.money($0.valueAtRisk)) }
        let table = HTMLTable(
            columns: [.init(title: "#", numeric: true), .init(title: "archetype"), .init(title: "members", numeric: true), .init(title: "churn risk", numeric: true),
                      .init(title: "lifetime value", numeric: true), .init(title: "value at risk", numeric: true), .init(title: "strategy")],
            rows: churn.archetypes.enumerated().map { index, archetype in
                ["\(index + 1)", "<b>\(HTMLPage.escape(archetype.label))</b><div class=\"muted\">\(HTMLPage.escape(archetype.archetypeID))</div>",
                 "\(archetype.members)", DashboardFormat.percent(archetype.meanChurnRisk), DashboardFormat.money(archetype.meanLifetimeValue),
                 DashboardFormat.money(archetype.valueAtRisk), "<ul>" + archetype.strategy.map { "<li>\(HTMLPage.escape($0))</li>" }.joined() + "</ul>"]
            })
        let chart = bars.isEmpty ? "" : SVGCharts.rows(bars, title: "Value at risk by archetype")
        return "<section id=\"archetypes\"><h2>Archetypes by value at risk (members × churn risk × lifetime value)</h2>\(chart)\(table.html())</section>"
    }

    private func offers() -> String {
        let effects = [retention.overall] + retention.byOffer + retention.byChurnBand.map { (effect: OfferEffect) -> OfferEffect in
            var named = effect
            named.group = "churn band: \(effect.group)"
            return named
        }
        let extent = max(0.05, effects.compactMap { $0.uplift.map { max(abs($0.lower), abs($0.upper)) } }.max() ?? 0)
        let table = HTMLTable(
            columns: [.init(title: "offer"), .init(title: "offered (ordered)", numeric: true), .init(title: "held out (ordered)", numeric: true),
                      .init(title: "uplift, 95 % interval", numeric: true), .init(title: "interval (dashed: no effect)", wide: true),
                      .init(title: "net per decision", numeric: true), .init(title: "verdict")],
            rows: effects.map { offerCells($0, extent: extent) })
        return "<section id=\"offers\"><h2>Offer effectiveness: next order within \(retention.windowDays) days, against the holdout</h2>\(table.html())"
            + "<p class=\"muted\">Uplift in percentage points of the share of customers who ordered again; an arm needs \(retention.minimumPerArm) "
            + "decisions with a closed window before a rate is shown. Pending decisions are still inside their window. "
            + "Net revenue deducts the discount each next order carried; where an order does not say (older data), the offer is assumed redeemed.</p></section>"
    }

    /// Under the offered arm's counts: how many next orders used a discount, and how many discounts were assumed.
    private func discountNote(_ use: DiscountUse) -> String {
        let parts = (use.observed > 0 ? ["\(use.redeemed) of \(use.observed) used a discount"] : [])
            + (use.assumed > 0 ? ["\(use.assumed) assumed"] : [])
        return parts.isEmpty ? "" : "<div class=\"muted\">\(parts.joined(separator: ", "))</div>"
    }

    private func offerCells(_ effect: OfferEffect, extent: Double) -> [String] {
        let leading = [
            "\(HTMLPage.escape(effect.group))<div class=\"muted\">\(effect.pending) pending</div>",
            "\(effect.treated.decisions) (\(effect.treated.conversions))\(discountNote(effect.discountUse))",
            "\(effect.control.decisions) (\(effect.control.conversions))",
        ]
        guard let uplift = effect.uplift else {
            return leading + ["<span class=\"unsure\">not enough data yet</span>", "", "—", "<span class=\"unsure\">\(HTMLPage.escape(effect.verdict))</span>"]
        }
        let figures = "\(DashboardFormat.points(uplift.uplift)) (\(DashboardFormat.points(uplift.lower)) to \(DashboardFormat.points(uplift.upper)))"
        let chart = SVGCharts.interval(uplift: uplift.uplift, lower: uplift.lower, upper: uplift.upper, extent: extent, title: "\(effect.group): \(figures)")
        return leading + [figures, chart, effect.netRevenuePerDecision.map(DashboardFormat.money) ?? "—", HTMLPage.escape(effect.verdict)]
    }
}
