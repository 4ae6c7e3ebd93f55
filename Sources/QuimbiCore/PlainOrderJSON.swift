/// Reads an order's line items and shipments as the store keeps them (PostgreSQL's `jsonb` text)
/// without Foundation's `JSONDecoder`: every ticket's recent orders pass through here on the
/// PostgreSQL path, where `JSONDecoder` took a fifth of the worker's CPU.
///
/// "Plain" means an array of objects holding only the type's own keys (written without escapes, each
/// once), with strings or `null` for the optional members, a quantity written as an integer and a
/// unit price as a JSON number. For anything else it returns `nil` and leaves the verdict to
/// `JSONDecoder`, so what it reads is exactly what `JSONDecoder` decodes.
///
/// The bytes must be valid UTF-8 (Swift strings are).
public enum PlainOrderJSON {
    /// The line items in `utf8`, or `nil` when the text is not of the plain shape.
    public static func lineItems(_ utf8: UnsafeBufferPointer<UInt8>) -> [LineItem]? {
        read(utf8) { $0.lineItem() }
    }

    /// The shipments in `utf8`, or `nil` when the text is not of the plain shape.
    public static func tracking(_ utf8: UnsafeBufferPointer<UInt8>) -> [Tracking]? {
        read(utf8) { $0.tracking() }
    }

    private static func read<Element>(_ utf8: UnsafeBufferPointer<UInt8>, _ element: (inout JSONCursor) -> Element?) -> [Element]? {
        var elements: [Element]?
        return JSONCursor.isWhole(utf8, reading: { cursor in
            elements = cursor.array(element)
            return elements != nil
        }) ? elements : nil
    }
}

extension JSONCursor {
    /// A line item: `title`, `quantity` and `unit_price` required; `variant` and `sku` a string, `null` or absent.
    fileprivate mutating func lineItem() -> LineItem? {
        var title: String?, variant: String?, sku: String?, quantity: Int?, unitPrice: Double?
        var seen = KeysSeen()
        let read = members { key, cursor in
            switch LineItem.CodingKeys(rawValue: key) {
            case .title? where seen.first(0):
                title = cursor.string()
                return title != nil
            case .variant? where seen.first(1): return cursor.optionalString(into: &variant)
            case .sku? where seen.first(2): return cursor.optionalString(into: &sku)
            case .quantity? where seen.first(3):
                quantity = cursor.integer()
                return quantity != nil
            case .unitPrice? where seen.first(4):
                unitPrice = cursor.double()
                return unitPrice != nil
            default: return false
            }
        }
        guard read, let title, let quantity, let unitPrice else { return nil }
        return LineItem(title: title, variant: variant, sku: sku, quantity: quantity, unitPrice: unitPrice)
    }

    /// A shipment: `company`, `number` and `url`, each a string, `null` or absent.
    fileprivate mutating func tracking() -> Tracking? {
        var tracking = Tracking()
        var seen = KeysSeen()
        let read = members { key, cursor in
            switch key {
            case "company" where seen.first(0): return cursor.optionalString(into: &tracking.company)
            case "number" where seen.first(1): return cursor.optionalString(into: &tracking.number)
            case "url" where seen.first(2): return cursor.optionalString(into: &tracking.url)
            default: return false
            }
        }
        return read ? tracking : nil
    }
}
