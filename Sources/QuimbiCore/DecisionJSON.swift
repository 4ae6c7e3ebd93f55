import Foundation

// The reading, the decision and the escalation event as their own JSON (see ``JSONWritable``), as
// their `Encodable` conformances write them.

extension Intent: JSONWritable {
    func writeJSON(to json: inout JSONByteWriter) throws {
        try json.object { json in
            json.member("label", label)
            try json.member("confidence", confidence)
            json.member("signals", signals)
            json.member("secondary", secondary)
            json.member("reader", reader)
        }
    }
}

extension Sentiment: JSONWritable {
    func writeJSON(to json: inout JSONByteWriter) throws {
        try json.object { json in
            json.member("label", label)
            try json.member("score", score)
        }
    }
}

extension Recommendation: JSONWritable {
    func writeJSON(to json: inout JSONByteWriter) throws {
        try json.object { json in
            json.member("escalate", escalate)
            json.member("priority", priority)
            json.member("reasons", reasons)
            json.member("actions", actions)
            json.member("holdout", ifPresent: holdout)
            try json.member("withheld_offer", ifPresent: withheldOffer)
            json.member("offer_discount", offerDiscount)
            json.member("discount_percent", discountPercent)
            json.member("free_shipping", freeShipping)
            json.member("follow_up_required", followUpRequired)
        }
    }
}

extension WithheldOffer: JSONWritable {
    func writeJSON(to json: inout JSONByteWriter) {
        json.object { json in
            json.member("discount_percent", discountPercent)
            json.member("free_shipping", freeShipping)
        }
    }
}

extension Escalation: JSONWritable {
    /// The event's JSON, as the worker publishes it: the bytes its `Encodable` conformance writes.
    ///
    /// - Throws: `EncodingError.invalidValue` for a number JSON cannot hold (NaN or an infinity).
    public func jsonBytes() throws -> [UInt8] {
        try encodedJSON()
    }

    func writeJSON(to json: inout JSONByteWriter) throws {
        try json.object { json in
            json.member("priority", priority)
            json.member("reasons", reasons)
            json.member("summary", summary)
            json.member("intent", intent)
            try json.member("recommendation", recommendation)
            json.member("event_id", eventID)
            json.member("ticket_id", ticketID)
            json.member("customer_id", ifPresent: customerID)
            json.member("created_at", createdAt)
            try json.member("lifetime_value", ifPresent: lifetimeValue)
            try json.member("churn_risk_score", ifPresent: churnRiskScore)
            json.member("churn_level", ifPresent: churnLevel)
            json.member("value_tier", ifPresent: valueTier)
            json.member("draft_event_id", draftEventID)
        }
    }
}
