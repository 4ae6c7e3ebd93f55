import Foundation

// The draft-response event's own JSON (see ``JSONWritable``): members in the order of each type's
// `CodingKeys`, as the `Encodable` conformances write them.

extension DraftResponse: JSONWritable {
    /// The event's JSON, as the worker publishes it: the bytes its `Encodable` conformance writes.
    ///
    /// - Throws: `EncodingError.invalidValue` for a number JSON cannot hold (NaN or an infinity).
    public func jsonBytes() throws -> [UInt8] {
        try encodedJSON()
    }

    func writeJSON(to json: inout JSONByteWriter) throws {
        try json.object { json in
            json.member("event_id", eventID)
            json.member("ticket_event_id", ticketEventID)
            json.member("ticket_id", ticketID)
            json.member("customer_id", ifPresent: customerID)
            json.member("created_at", createdAt)
            json.member("language", language)
            try json.member("intent", intent)
            try json.member("sentiment", sentiment)
            if let customer {
                try json.member("customer", customer)
            } else {
                json.key("customer")
                json.writeLiteral("null")
            }
            try json.member("orders", orders)
            json.member("recommended_items", ifPresent: recommendedItems)
            try json.member("recommendation", recommendation)
            try json.member("draft", draft)
            try json.member("context", context)
            try json.member("timing", timing)
        }
    }
}

extension CustomerInsight: JSONWritable {
    func writeJSON(to json: inout JSONByteWriter) throws {
        try json.object { json in
            json.member("engagement", engagement)
            json.member("customer_id", customerID)
            json.member("archetype_id", archetypeID)
            try json.member("lifetime_value", lifetimeValue)
            json.member("total_orders", totalOrders)
            try json.member("avg_order_value", avgOrderValue)
            json.member("days_since_last_purchase", daysSinceLastPurchase)
            json.member("customer_tenure_days", customerTenureDays)
            try json.member("churn_risk_score", churnRiskScore)
            json.member("value_tier", valueTier)
            json.member("purchase_pattern", purchasePattern)
            json.member("churn_level", churnLevel)
            try json.member("p_alive", ifPresent: pAlive)
            try json.member("expected_purchases_90d", ifPresent: expectedPurchases90d)
            try json.member("predicted_value_365d", ifPresent: predictedValue365d)
        }
    }
}

extension Draft: JSONWritable {
    func writeJSON(to json: inout JSONByteWriter) throws {
        try json.object { json in
            json.member("text", text)
            json.member("tone", tone)
            json.member("generator", generator)
            json.member("model", ifPresent: model)
            try json.member("usage", ifPresent: usage)
            json.member("fallback_reason", ifPresent: fallbackReason)
        }
    }
}

extension TokenUsage: JSONWritable {
    func writeJSON(to json: inout JSONByteWriter) {
        json.object { json in
            json.member("prompt_tokens", promptTokens)
            json.member("completion_tokens", completionTokens)
        }
    }
}

extension DraftContext: JSONWritable {
    func writeJSON(to json: inout JSONByteWriter) throws {
        try json.object { json in
            try json.member("prompt", prompt)
            json.member("degraded", degraded)
        }
    }
}

extension Prompt: JSONWritable {
    func writeJSON(to json: inout JSONByteWriter) {
        json.object { json in
            json.member("system", system)
            json.key("user")
            userUTF8.withUnsafeBufferPointer { json.writeString(utf8: $0) }
        }
    }
}

extension DraftTiming: JSONWritable {
    func writeJSON(to json: inout JSONByteWriter) throws {
        try json.object { json in
            json.member("ticket_created_at", ticketCreatedAt)
            json.member("received_at", receivedAt)
            json.member("completed_at", completedAt)
            try json.member("lookup_ms", lookupMs)
            try json.member("total_ms", totalMs)
        }
    }
}
