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

    fileprivate static let lineItemKeys = PlainKeys<LineItem.CodingKeys>()
    fileprivate static let trackingKeys = PlainKeys<TrackingKey>()

    /// The keys of a shipment.
    fileprivate enum TrackingKey: String, CaseIterable, Sendable {
        case company, number, url
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
        let read = members(of: PlainOrderJSON.lineItemKeys) { key, cursor in
            switch key {
            case .title:
                title = cursor.string()
                return title != nil
            case .variant: return cursor.optionalString(into: &variant)
            case .sku: return cursor.optionalString(into: &sku)
            case .quantity:
                quantity = cursor.integer()
                return quantity != nil
            case .unitPrice:
                unitPrice = cursor.double()
                return unitPrice != nil
            }
        }
        guard read, let title, let quantity, let unitPrice else { return nil }
        return LineItem(title: title, variant: variant, sku: sku, quantity: quantity, unitPrice: unitPrice)
    }

    /// A shipment: `company`, `number` and `url`, each a string, `null` or absent.
    fileprivate mutating func tracking() -> Tracking? {
        var tracking = Tracking()
        let read = members(of: PlainOrderJSON.trackingKeys) { key, cursor in
            switch key {
            case .company: cursor.optionalString(into: &tracking.company)
            case .number: cursor.optionalString(into: &tracking.number)
            case .url: cursor.optionalString(into: &tracking.url)
            }
        }
        return read ? tracking : nil
    }
}
