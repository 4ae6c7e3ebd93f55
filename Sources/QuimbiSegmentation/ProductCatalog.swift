/// The products of the sample thread-and-notions shop.
enum ProductCatalog {
    struct Product {
        var title: String
        var variant: String
        var sku: String
        var price: Double
    }

    /// Thread colours; cotton and polyester thread come in each, in this order (cotton first).
    static let colours = ["cream", "silver", "navy", "scarlet", "forest green", "charcoal", "blush pink", "gold", "ivory", "sky blue", "black", "white"]

    /// Colour pairs customers keep to (by index into ``colours``): cream and silver, navy and white, …
    static let palettes: [[Int]] = [[0, 1], [2, 11], [3, 10], [4, 8], [5, 9], [6, 7]]

    /// The product `drawn` as a customer keeping to `palette` buys it: a cotton or polyester thread
    /// takes one of the palette's colours (same kind, same price) unless its colour is the sixth of
    /// its run of six, which stays as drawn (about one thread in six strays from the palette).
    static func index(_ drawn: Int, palette: Int) -> Int {
        let threads = colours.count * 2
        guard drawn < threads else { return drawn }
        let (colour, kind) = drawn.quotientAndRemainder(dividingBy: 2)
        guard colour % 6 != 5 else { return drawn }
        let pair = palettes[palette % palettes.count]
        return pair[colour % pair.count] * 2 + kind
    }

    static let products: [Product] = {
        var result: [Product] = []
        for (index, colour) in colours.enumerated() {
            result.append(Product(title: "Cotton thread — \(colour)", variant: "500 m spool", sku: "CT-500-\(index)", price: 12.99))
            result.append(Product(title: "Polyester thread — \(colour)", variant: "1000 m spool", sku: "PT-1000-\(index)", price: 9.49))
        }
        result.append(Product(title: "Metallic thread — silver", variant: "500 m spool", sku: "MT-500-SIL", price: 10.42))
        result.append(Product(title: "Metallic thread — gold", variant: "500 m spool", sku: "MT-500-GLD", price: 10.42))
        result.append(Product(title: "Variegated quilting thread", variant: "1000 m cone", sku: "VQ-1000", price: 18.50))
        result.append(Product(title: "Universal machine needles", variant: "size 80/12, pack of 10", sku: "NE-80-10", price: 6.75))
        result.append(Product(title: "Hand sewing needles assortment", variant: "pack of 30", sku: "NE-HAND-30", price: 4.95))
        result.append(Product(title: "Class 15 bobbins", variant: "pack of 25", sku: "BOB-15-25", price: 8.99))
        result.append(Product(title: "Quilting pins with glass heads", variant: "box of 100", sku: "PIN-Q-100", price: 7.49))
        result.append(Product(title: "Rotary cutter blades", variant: "45 mm, pack of 5", sku: "RC-45-5", price: 16.99))
        result.append(Product(title: "Cotton fabric fat quarter bundle", variant: "10 pieces", sku: "FAB-FQ-10", price: 29.90))
        result.append(Product(title: "Seam ripper", variant: "ergonomic", sku: "SR-ERGO", price: 5.25))
        return result
    }()
}
