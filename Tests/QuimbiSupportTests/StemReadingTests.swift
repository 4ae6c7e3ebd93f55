import QuimbiCore
import QuimbiSupport
import Testing

/// The second stage of intent reading: single-word stems when no phrase cue fires.
struct StemReadingTests {
    private let desk = SupportDesk()

    private func intent(_ message: String) -> Intent {
        desk.analyze(Fixtures.ticket(message)).intent
    }

    @Test func inflectedAndCompoundWordsAreRead() {
        #expect(intent("Has the parcel been shipped?").label == .orderStatus)
        #expect(intent("Wo kann ich das Paket verfolgen?").label == .orderStatus)
        #expect(intent("Gibt es bald Rabattaktionen?").label == .discountRequest)
        #expect(intent("Meine Rechnungsadresse hat sich geändert.").label == .account)
    }

    @Test func negatedArrivalIsAComplaintAndNegatedDamageIsNot() {
        #expect(intent("Nothing was received and it's been two weeks.").label == .serviceComplaint)
        let undamaged = intent("The spools were not scratched at all, lovely.")
        #expect(undamaged.label == .praise)
        #expect(!undamaged.signals.contains("damaged"))
    }

    @Test func thinEvidenceEarnsNoOffer() {
        for message in ["Do you ship thread to Norway?", "My parcel with the needles", "The price of shipping?", "I got the spools."] {
            #expect(!IntentMisreadings.offerIntents.contains(intent(message).label), "\(message)")
        }
    }

    @Test func stemReadingsAreLessSureThanPhraseReadings() {
        let stems = intent("I see two debits from your shop on my card.")
        let phrases = intent("I was charged twice for the same order.")
        #expect(stems.label == .billing && phrases.label == .billing)
        #expect(stems.confidence < 0.5 && stems.confidence < phrases.confidence)
    }

    @Test func probeTicketsAreReadWithoutOffersFromThinEvidence() {
        let reading = IntentMisreadings(StemProbeTickets.all, name: "probe", desk: desk)
        #expect(reading.accuracy >= 0.8, "probe intent accuracy \(reading.accuracy)")
        #expect(reading.couldEarnAnOffer * 20 <= StemProbeTickets.all.count, "misreadings that could earn an offer: \(reading.couldEarnAnOffer)")
    }
}
