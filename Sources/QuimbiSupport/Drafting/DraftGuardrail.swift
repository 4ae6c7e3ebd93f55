import QuimbiCore

/// Checks an LLM draft against the policy's decision. The LLM never decides: a draft that offers a
/// different discount, offers one when there is none, offers free shipping or any refund, credit
/// or other compensation that was not decided, leaks the prompt, or states a number (an order
/// number, a date, a tracking number, a phone number) that is not in the facts it was given, is rejected.
struct DraftGuardrail: Sendable {
    /// Why a draft was rejected; the code goes into the draft event's `fallback_reason`.
    enum Rejection: String, Sendable, Hashable {
        case discountMismatch = "guardrail_discount_mismatch"
        case unapprovedDiscount = "guardrail_unapproved_discount"
        case unapprovedShipping = "guardrail_unapproved_shipping"
        case unapprovedCompensation = "guardrail_unapproved_compensation"
        case promptLeak = "guardrail_prompt_leak"
        case unsupportedFact = "guardrail_unsupported_fact"
    }

    static let percentWords: Set<String> = ["%", "percent", "pct", "prozent", "porciento"]
    static let discountPhrases = [
        "discount", "discounts", "coupon", "voucher", "promo code", "discount code", "off your next", "off your order",
        "descuento", "cupon", "reduction", "remise", "code promo", "rabatt", "gutschein",
    ]
    static let freeShippingPhrases = [
        "free shipping", "free delivery", "free expedited", "free express", "ship it free", "shipping is on us",
        "envio gratis", "envio gratuito", "envio urgente gratuito", "livraison gratuite", "livraison offerte",
        "livraison express offerte", "kostenloser versand", "kostenlosen versand", "kostenlosen expressversand", "versandkostenfrei",
    ]
    static let compensationPhrases = [
        "refund", "refunded", "refunding", "reimburse", "reimbursed", "reimbursement", "money back", "store credit",
        "account credit", "credit your account", "gift card", "giftcard", "free gift", "free replacement", "compensation",
        "compensate", "on the house", "reembolso", "reembolsar", "reembolsaremos", "rembourser", "remboursement",
        "rembourse", "erstattung", "erstatten", "ruckerstattung", "gutschrift",
    ]
    /// Text that only the prompt contains.
    static let leakMarkers = [PromptBuilder.fenceTag, "DECISION:", String(PromptBuilder.system.prefix(48))]

    private static let trie: PhraseTrie<Rejection> = {
        var trie = PhraseTrie<Rejection>()
        for phrase in discountPhrases { trie.insert(phrase, payload: .unapprovedDiscount) }
        for phrase in freeShippingPhrases { trie.insert(phrase, payload: .unapprovedShipping) }
        for phrase in compensationPhrases { trie.insert(phrase, payload: .unapprovedCompensation) }
        return trie
    }()

    /// Nil when `text` says nothing beyond `decision` and, when given, no number beyond `facts`
    /// (the prompt's facts); else the first violation found.
    func check(_ text: String, against decision: Recommendation, facts: String? = nil) -> Rejection? {
        if Self.leakMarkers.contains(where: { text.contains($0) }) { return .promptLeak }
        let tokens = TokenizedText(text).tokens
        let percents = Self.percentages(in: tokens)
        if decision.offerDiscount {
            if percents.contains(where: { $0 != decision.discountPercent }) { return .discountMismatch }
        } else if !percents.isEmpty {
            return .unapprovedDiscount
        }
        for match in Self.trie.matches(in: tokens) {
            switch match.payload {
            case .unapprovedDiscount where !decision.offerDiscount: return .unapprovedDiscount
            case .unapprovedShipping where !decision.freeShipping: return .unapprovedShipping
            case .unapprovedCompensation: return .unapprovedCompensation
            default: continue
            }
        }
        if let facts, !Self.numbers(in: text).isSubset(of: Self.numbers(in: facts)) { return .unsupportedFact }
        return nil
    }

    /// Every run of letters and digits in `text` that holds a digit, lower-cased; whole numbers
    /// without leading zeros, so that "3 February" matches "2026-02-03".
    static func numbers(in text: String) -> Set<String> {
        Set(text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).compactMap { run in
            guard run.contains(where: \.isNumber) else { return nil }
            guard run.allSatisfy(\.isNumber) else { return String(run) }
            let digits = run.drop(while: { $0 == "0" })
            return digits.isEmpty ? "0" : String(digits)
        })
    }

    /// Every number written as a percentage: `15%`, `15 %`, `15 percent`, `15 por ciento`, `15 pour cent`.
    static func percentages(in tokens: [String]) -> [Int] {
        var found: [Int] = []
        for index in tokens.indices.dropLast() {
            guard let number = Int(tokens[index]) else { continue }
            let next = tokens[index + 1]
            let pair = index + 2 < tokens.count ? next + tokens[index + 2] : next
            if percentWords.contains(next) || pair == "porciento" || pair == "pourcent" { found.append(number) }
        }
        return found
    }
}
