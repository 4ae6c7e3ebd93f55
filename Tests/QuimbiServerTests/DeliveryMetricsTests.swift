import QuimbiMetrics
import Testing

@Suite("Note delivery metrics exposition")
struct DeliveryMetricsTests {
    private let registry = MetricsRegistry()
    private var exposition: String { String(decoding: registry.exposition(), as: UTF8.self) }

    @Test("notes count per helpdesk and outcome, each series from its first note, dead letters by code")
    func notesPerHelpdeskAndOutcome() {
        let metrics = DeliveryMetrics(registry: registry)
        #expect(!exposition.contains("quimbi_notes_total{"))
        metrics.noteDelivered(system: "zendesk", duplicate: false)
        metrics.noteDelivered(system: "zendesk", duplicate: false)
        metrics.noteDelivered(system: "zendesk", duplicate: true)
        metrics.noteSkipped(system: "gorgias")
        metrics.noteDeadLettered(system: "freshdesk", code: "note_rejected")
        metrics.noteDeadLettered(system: "zendesk", code: "note_rejected")
        let text = exposition
        #expect(text.contains(#"quimbi_notes_total{helpdesk="zendesk",outcome="delivered"} 2"#))
        #expect(text.contains(#"quimbi_notes_total{helpdesk="zendesk",outcome="duplicate"} 1"#))
        #expect(text.contains(#"quimbi_notes_total{helpdesk="gorgias",outcome="skipped"} 1"#))
        #expect(text.contains(#"quimbi_notes_total{helpdesk="freshdesk",outcome="dead_lettered"} 1"#))
        #expect(text.contains(#"quimbi_notes_total{helpdesk="zendesk",outcome="dead_lettered"} 1"#))
        #expect(text.contains(#"quimbi_dead_letters_total{code="note_rejected"} 2"#))
        #expect(!text.contains(#"helpdesk="gorgias",outcome="delivered""#))
    }
}
