import Foundation

// An order's own JSON (see ``JSONWritable``), as its `Encodable` conformance writes it.

extension Order: JSONWritable {
    func writeJSON(to json: inout JSONByteWriter) throws {
        try json.object { json in
            json.member("id", id)
            json.member("name", ifPresent: name)
            try json.member("total", total)
            json.member("currency", currency)
            try json.member("tracking", tracking)
            json.member("customer_id", customerID)
            json.member("created_at", createdAt)
            try json.member("discount_total", ifPresent: discountTotal)
            json.member("financial_status", financialStatus)
            json.member("fulfillment_status", fulfillmentStatus)
            try json.member("line_items", lineItems)
        }
    }
}

extension LineItem: JSONWritable {
    func writeJSON(to json: inout JSONByteWriter) throws {
        try json.object { json in
            json.member("title", title)
            json.member("variant", ifPresent: variant)
            json.member("sku", ifPresent: sku)
            json.member("quantity", quantity)
            try json.member("unit_price", unitPrice)
        }
    }
}

extension Tracking: JSONWritable {
    func writeJSON(to json: inout JSONByteWriter) {
        json.object { json in
            json.member("company", ifPresent: company)
            json.member("number", ifPresent: number)
            json.member("url", ifPresent: url)
        }
    }
}
