import QuimbiCore
import QuimbiSupport
import Testing

/// Robustness of the reading: case, punctuation, typos, negation, sarcasm, long messages, subjects.
struct TicketReadingTests {
    private let desk = SupportDesk()

    private func read(_ message: String, subject: String? = nil, language: String? = nil) -> TicketAnalysis {
        var ticket = Fixtures.ticket(message, language: language)
        ticket.subject = subject
        return desk.analyze(ticket)
    }

    @Test func caseAndPunctuationDoNotMatter() {
        let plain = read("where is my order")
        for variant in ["WHERE IS MY ORDER?!", "Where... is my order??", "where's my order", "Where’s my order"] {
            #expect(read(variant).intent.label == plain.intent.label, "\(variant)")
        }
        #expect(plain.intent.label == .orderStatus)
    }

    @Test func commonTyposAreCorrected() {
        #expect(read("my thred arived damagd").intent.label == .serviceComplaint)
        #expect(read("I'd like a refnd").intent.label == .refundReturn)
        #expect(read("can you recomend a colour").intent.label == .productQuestion)
        #expect(read("pls cancle my order").intent.label == .cancelOrder)
    }

    @Test func negationFlipsSentimentAndVoidsNegatedCues() {
        #expect(read("I am not happy with this at all").sentiment.label == .negative)
        #expect(read("The thread is good").sentiment.label == .positive)
        #expect(read("Not bad, the thread is fine").sentiment.label != .negative)
        let notDamaged = read("The box was not damaged. Where is my second parcel?")
        #expect(notDamaged.intent.label == .orderStatus)
        #expect(!notDamaged.intent.signals.contains("damaged"))
        #expect(read("It never arrived.").intent.label == .serviceComplaint)
    }

    @Test func plainSarcasmIsNegative() {
        for message in ["Oh great, the order is late again.", "Thanks for nothing.", "Yeah right, 'fast shipping'.",
                        "Wonderful service, my parcel has been lost for a month."] {
            #expect(read(message).sentiment.label == .negative, "\(message)")
        }
    }

    @Test func multiLabelReportsSecondaryIntentsAndFlags() {
        let result = read("The parcel arrived damaged and I want a refund, or I will open a dispute with my bank.")
        #expect(result.intent.label == .serviceComplaint)
        #expect(result.intent.secondary.contains(.refundReturn))
        #expect(result.intent.signals.contains("chargeback"))
        #expect(result.intent.confidence > 0.3 && result.intent.confidence <= 1)
    }

    @Test func noCueIsGeneralWithLowConfidence() {
        let result = read("Hello, I have a question.")
        #expect(result.intent.label == .general && result.intent.confidence <= 0.3 && result.intent.signals.isEmpty)
    }

    @Test func theSubjectCountsToo() {
        #expect(read("See below, thanks.", subject: "Wrong item in my order").intent.label == .serviceComplaint)
    }

    @Test func aLongRantIsReadInFullAndStaysBounded() {
        let filler = String(repeating: "I have been sewing for twenty years and I know my threads. ", count: 300)
        let result = read(filler + "Anyway, the parcel never arrived and I am furious.")
        #expect(result.intent.label == .serviceComplaint)
        #expect(result.sentiment.label == .negative && result.sentiment.score >= -1)
    }

    @Test func languageFallsBackToTheHelpdeskTagThenEnglish() {
        #expect(read("ok", language: "fr-CA").language == "fr")
        #expect(read("ok").language == "en")
        #expect(read("Hola, ¿dónde está mi pedido?", language: "en").language == "es")
        #expect(read("", language: "x").language == "en")
    }
}
