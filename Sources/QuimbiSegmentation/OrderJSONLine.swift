import Foundation
import QuimbiCore

/// Decodes one JSON Lines order straight from its bytes, without Foundation's `JSONDecoder`
/// (which costs several microseconds an order). It accepts only what it is sure `JSONDecoder` would
/// decode to the same ``Order``; for anything else (a syntax error, a missing or mistyped field, a
/// repeated key, a number it does not read the same way) it returns `nil`, and the caller decodes the
/// line with `JSONDecoder`, which then decides and words the rejection.
struct OrderJSONLine {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The order on `line`, or `nil` when `JSONDecoder` must decide.
    static func order(_ line: UnsafeBufferPointer<UInt8>) -> Order? {
        var reader = OrderJSONLine(line)
        guard let order = reader.order() else { return nil }
        reader.skipWhitespace()
        return reader.index == line.count ? order : nil
    }

    private mutating func order() -> Order? {
        var id, customerID, currency, financialStatus, fulfillmentStatus: String?
        var name: String??
        var createdAt: Date?
        var total: Double?
        var discountTotal: Double??
        var lineItems: [LineItem]?
        var tracking: [Tracking]?
        let complete = object { key, reader in
            switch key {
            case "id": return Self.once(&id, reader.string())
            case "name": return Self.once(&name, reader.optional { $0.string() })
            case "customer_id": return Self.once(&customerID, reader.string())
            case "created_at": return Self.once(&createdAt, reader.string().flatMap(RFC3339.date(from:)))
            case "total": return Self.once(&total, reader.double())
            case "discount_total": return Self.once(&discountTotal, reader.optional { $0.double() })
            case "currency": return Self.once(&currency, reader.string())
            case "financial_status": return Self.once(&financialStatus, reader.string())
            case "fulfillment_status": return Self.once(&fulfillmentStatus, reader.string())
            case "line_items": return Self.once(&lineItems, reader.array { $0.lineItem() })
            case "tracking": return Self.once(&tracking, reader.array { $0.tracking() })
            default: return reader.skipValue()
            }
        }
        guard complete, let id, let customerID, let createdAt, let total, let currency, let financialStatus,
              let fulfillmentStatus, let lineItems, let tracking else { return nil }
        return Order(id: id, name: name ?? nil, customerID: customerID, createdAt: createdAt, total: total,
                     discountTotal: discountTotal ?? nil, currency: currency,
                     financialStatus: financialStatus, fulfillmentStatus: fulfillmentStatus, lineItems: lineItems, tracking: tracking)
    }

    private mutating func lineItem() -> LineItem? {
        var title: String?
        var variant, sku: String??
        var quantity: Int?
        var unitPrice: Double?
        let complete = object { key, reader in
            switch key {
            case "title": return Self.once(&title, reader.string())
            case "variant": return Self.once(&variant, reader.optional { $0.string() })
            case "sku": return Self.once(&sku, reader.optional { $0.string() })
            case "quantity": return Self.once(&quantity, reader.integer())
            case "unit_price": return Self.once(&unitPrice, reader.double())
            default: return reader.skipValue()
            }
        }
        guard complete, let title, let quantity, let unitPrice else { return nil }
        return LineItem(title: title, variant: variant ?? nil, sku: sku ?? nil, quantity: quantity, unitPrice: unitPrice)
    }

    private mutating func tracking() -> Tracking? {
        var company, number, url: String??
        let complete = object { key, reader in
            switch key {
            case "company": return Self.once(&company, reader.optional { $0.string() })
            case "number": return Self.once(&number, reader.optional { $0.string() })
            case "url": return Self.once(&url, reader.optional { $0.string() })
            default: return reader.skipValue()
            }
        }
        guard complete else { return nil }
        return Tracking(company: company ?? nil, number: number ?? nil, url: url ?? nil)
    }

    /// Stores a field's value; false when it is missing or the key came before (`JSONDecoder` may
    /// treat repeated keys otherwise).
    private static func once<T>(_ slot: inout T?, _ value: T?) -> Bool {
        guard slot == nil, let value else { return false }
        slot = value
        return true
    }

    // MARK: JSON

    private mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
            index += 1
        }
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// `{ "key": value, … }`, each member read by `member`; false at the first problem.
    private mutating func object(_ member: (Key, inout OrderJSONLine) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        repeat {
            guard let key = plainString(), key.isASCII || String(validating: key.text, as: UTF8.self) != nil,
                  take(UInt8(ascii: ":")), member(Key(bytes: key.text), &self) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}"))
    }

    private mutating func array<T>(_ element: (inout OrderJSONLine) -> T?) -> [T]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var elements: [T] = []
        if take(UInt8(ascii: "]")) { return elements }
        repeat {
            guard let value = element(&self) else { return nil }
            elements.append(value)
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]")) ? elements : nil
    }

    /// `null` as `.some(nil)`, else the value read by `value`.
    private mutating func optional<T>(_ value: (inout OrderJSONLine) -> T?) -> T?? {
        if literal("null") { return .some(nil) }
        return value(&self).map { .some($0) }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        skipWhitespace()
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// A string without escapes (the usual case); `nil` for anything else, escapes included.
    private mutating func string() -> String? {
        guard let string = plainString() else { return nil }
        return string.isASCII ? String(decoding: string.text, as: UTF8.self) : String(validating: string.text, as: UTF8.self)
    }

    /// The bytes between the quotes of a string without escapes or control characters.
    private mutating func plainString() -> (text: UnsafeBufferPointer<UInt8>, isASCII: Bool)? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        var isASCII = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return (UnsafeBufferPointer(rebasing: bytes[start..<index - 1]), isASCII)
            }
            guard byte >= 0x20, byte != UInt8(ascii: "\\") else { return nil }
            if byte >= 0x80 { isASCII = false }
            index += 1
        }
        return nil
    }

    /// A member name, matched against names by its bytes (no string is made).
    private struct Key {
        let bytes: UnsafeBufferPointer<UInt8>

        static func ~= (name: StaticString, key: Key) -> Bool {
            guard name.utf8CodeUnitCount == key.bytes.count else { return false }
            for offset in 0..<key.bytes.count where name.utf8Start[offset] != key.bytes[offset] { return false }
            return true
        }
    }

    /// The JSON number's text: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`, and whether it is a plain integer.
    private mutating func number() -> (text: UnsafeBufferPointer<UInt8>, isInteger: Bool)? {
        skipWhitespace()
        let start = index
        func digits(_ reader: inout OrderJSONLine) -> Int {
            let first = reader.index
            while reader.index < reader.bytes.count, (0x30...0x39).contains(reader.bytes[reader.index]) { reader.index += 1 }
            return reader.index - first
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerDigits = digits(&self)
        guard integerDigits > 0, integerDigits == 1 || bytes[index - integerDigits] != 0x30 else { return nil }
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else { return nil }
            isInteger = false
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits(&self) > 0 else { return nil }
            isInteger = false
        }
        return (UnsafeBufferPointer(rebasing: bytes[start..<index]), isInteger)
    }

    private mutating func double() -> Double? {
        guard let number = number() else { return nil }
        return Double(String(decoding: number.text, as: UTF8.self)).flatMap { $0.isFinite ? $0 : nil }
    }

    /// A plain integer that fits an `Int`; fractions and exponents are left to `JSONDecoder`.
    private mutating func integer() -> Int? {
        guard let number = number(), number.isInteger else { return nil }
        return Int(String(decoding: number.text, as: UTF8.self))
    }

    /// Any valid JSON value, skipped.
    private mutating func skipValue() -> Bool {
        skipWhitespace()
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case UInt8(ascii: "{"): return object { _, reader in reader.skipValue() }
        case UInt8(ascii: "["): return array { $0.skipValue() ? true : nil } != nil
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return number() != nil
        }
    }
}
