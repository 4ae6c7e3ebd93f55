import QuimbiCore
import QuimbiSupport
import Testing

/// Accuracy on the labelled set. The thresholds are the levels claimed in the issue note; the
/// test prints every miss so that a regression is easy to read.
struct IntentAccuracyTests {
    static let claimedIntentAccuracy = 0.95
    static let claimedLanguageAccuracy = 0.95
    static let claimedSentimentAccuracy = 0.85

    private let desk = SupportDesk()

    private func analysis(_ ticket: LabelledTicket) -> TicketAnalysis {
        desk.analyze(Fixtures.ticket(ticket.message))
    }

    @Test func theLabelledSetIsLargeAndVaried() {
        #expect(LabelledTickets.all.count >= 60)
        #expect(Set(LabelledTickets.all.map(\.language)).isSuperset(of: ["en", "es", "fr", "de", "pt"]))
        #expect(Set(LabelledTickets.all.map(\.intent)) == Set(IntentLabel.allCases))
    }

    @Test func intentAccuracyOnSupportedLanguages() {
        let supported = LabelledTickets.all.filter { ["en", "es", "fr", "de"].contains($0.language) }
        let misses = supported.filter { analysis($0).intent.label != $0.intent }
        for miss in misses { print("intent miss: expected \(miss.intent.rawValue), got \(analysis(miss).intent.label.rawValue): \(miss.message.prefix(80))") }
        let accuracy = 1 - Double(misses.count) / Double(supported.count)
        print("intent accuracy \(accuracy) on \(supported.count) tickets")
        #expect(accuracy >= Self.claimedIntentAccuracy, "intent accuracy \(accuracy)")
    }

    @Test func languageAccuracy() {
        let misses = LabelledTickets.all.filter { analysis($0).language != $0.language }
        for miss in misses { print("language miss: expected \(miss.language), got \(analysis(miss).language): \(miss.message.prefix(80))") }
        let accuracy = 1 - Double(misses.count) / Double(LabelledTickets.all.count)
        #expect(accuracy >= Self.claimedLanguageAccuracy, "language accuracy \(accuracy)")
    }

    @Test func sentimentAccuracyWhereTheToneIsPlain() {
        let labelled = LabelledTickets.all.filter { $0.sentiment != nil }
        let misses = labelled.filter { analysis($0).sentiment.label != $0.sentiment }
        for miss in misses { print("sentiment miss: expected \(miss.sentiment!.rawValue), got \(analysis(miss).sentiment): \(miss.message.prefix(80))") }
        let accuracy = 1 - Double(misses.count) / Double(labelled.count)
        #expect(accuracy >= Self.claimedSentimentAccuracy, "sentiment accuracy \(accuracy)")
    }

    @Test(arguments: LabelledTickets.all.filter { !["en", "es", "fr", "de"].contains($0.language) })
    func unsupportedLanguagesAreSaidSo(ticket: LabelledTicket) {
        let result = analysis(ticket)
        #expect(result.language == ticket.language && !result.languageSupported)
    }
}

/// Accuracy on tickets never used to tune the lexicon (reported in the issue note).
struct HeldOutAccuracyTests {
    /// The fourth (blind) round measured 0.5625 (45 of 80) with the phrase lexicon alone, and 0.625 (50 of 80)
    /// once the stem stage was added; rounds one to three measured 0.47 to 0.53 with phrases alone.
    static let claimedHeldOutAccuracy = 0.6

    @Test func heldOutIntentAccuracy() {
        let reading = IntentMisreadings(HeldOutTickets.all, name: "held-out")
        #expect(reading.accuracy >= Self.claimedHeldOutAccuracy, "held-out intent accuracy \(reading.accuracy)")
        #expect(reading.couldEarnAnOffer * 10 <= HeldOutTickets.all.count, "misreadings that could earn an offer: \(reading.couldEarnAnOffer)")
    }
}
