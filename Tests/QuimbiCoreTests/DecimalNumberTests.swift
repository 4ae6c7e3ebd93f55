import Testing
@testable import QuimbiCore

/// ``DecimalNumber`` reads every text as `Double(String)` does, and takes its own exact path for the amounts and
/// dates the stores hold.
@Suite struct DecimalNumberTests {
    private static func read(_ text: String) -> Double? {
        DecimalNumber.double(text)
    }

    private static func exactPath(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { DecimalNumber.exactlyRounded($0) }
    }

    /// The same value, or both `nil`; `-0.0` and `0.0` told apart.
    private static func same(_ read: Double?, _ expected: Double?) -> Bool {
        switch (read, expected) {
        case (nil, nil): return true
        case let (read?, expected?): return read.bitPattern == expected.bitPattern || (read.isNaN && expected.isNaN)
        default: return false
        }
    }

    @Test func readsGeneratedDecimalsAsDoubleStringDoes() {
        var random = SplitMix64(state: 7)
        var exact = 0
        for round in 0..<20_000 {
            let text = Self.randomDecimal(&random)
            #expect(Self.same(Self.read(text), Double(text)), "round \(round): \(text)")
            if let value = Self.exactPath(text) {
                exact += 1
                #expect(Self.same(value, Double(text)), "round \(round): \(text)")
            }
        }
        // Most generated texts have few digits and a small exponent: the exact path must have read them.
        #expect(exact > 10_000)
    }

    @Test func takesTheExactPathForAmountsAndDates() {
        for text in ["12.99", "0", "-0", "0.1", "1700000000.123456", "1e22", "123.456e-7", "007", "4.5E+3", "-250.75"] {
            #expect(Self.exactPath(text) != nil, "\(text)")
            #expect(Self.same(Self.read(text), Double(text)), "\(text)")
        }
    }

    @Test func leavesTheRestToDoubleString() {
        let others = [
            "9007199254740993", "1e23", "1e-23", "12345678901234567890123", "0.1234567890123456789", "NaN", "Infinity",
            "-Infinity", "inf", "1.", ".5", "+5", "1e", "1e+", "-", "", " 1", "1 ", "0x1p3", "1,5", "1e99999999999999999999",
        ]
        for text in others {
            #expect(Self.exactPath(text) == nil, "\(text)")
            #expect(Self.same(Self.read(text), Double(text)), "\(text)")
        }
    }

    @Test func readsIntegersAsIntStringDoes() {
        let texts = [
            "0", "-0", "+5", "007", "42", "-42", String(Int.max), String(Int.min), "9223372036854775808", "-9223372036854775809",
            "18446744073709551616", "99999999999999999999999", "", "-", "+", "1e3", "1.0", " 1", "1 ", "--1", "+-1", "0x10",
        ]
        for text in texts {
            var bytes = text
            #expect(bytes.withUTF8 { DecimalNumber.integer($0) } == Int(text), "\(text)")
        }
        var random = SplitMix64(state: 5)
        for _ in 0..<5_000 {
            let text = String(Int(bitPattern: UInt(random.next())) >> random.next(below: 64))
            var bytes = text
            #expect(bytes.withUTF8 { DecimalNumber.integer($0) } == Int(text), "\(text)")
        }
    }

    @Test func keepsTheSignOfZero() {
        #expect(Self.read("-0")?.sign == .minus)
        #expect(Self.read("-0.000e5")?.sign == .minus)
        #expect(Self.read("0e400") == 0)
    }

    /// A decimal of the shapes amounts, dates and other numbers take: up to 20 digits around an optional point, an
    /// optional exponent, now and then a sign or a stray character.
    private static func randomDecimal(_ random: inout SplitMix64) -> String {
        let digits = Array("0123456789")
        func run(_ count: Int) -> String { String((0..<count).map { _ in digits[random.next(below: 10)] }) }
        var text = random.next(below: 4) == 0 ? "-" : ""
        text += run(1 + random.next(below: random.next(below: 3) == 0 ? 20 : 10))
        if random.next(below: 2) == 0 { text += "." + run(1 + random.next(below: 8)) }
        if random.next(below: 5) == 0 {
            text += ["e", "E", "e+", "e-", "E-"][random.next(below: 5)] + String(random.next(below: random.next(below: 2) == 0 ? 30 : 400))
        }
        if random.next(below: 50) == 0 { text.insert(["x", " ", ".", "e"][random.next(below: 4)], at: text.index(text.startIndex, offsetBy: random.next(below: text.count))) }
        return text
    }
}
