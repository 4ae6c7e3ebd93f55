import Foundation
import QuimbiCore
import QuimbiSupport
import QuimbiWorker
import Testing

/// `quimbi bench --pass-through` answers every ticket with one draft made before: each copy must be addressed
/// to its own ticket (the benchmark's reader matches drafts to tickets by key) and timed from its own receipt.
struct PassThroughProcessorTests {
    static let tickets = SampleTickets.generated(count: 2, customerIDs: ["c1", "c2"], seed: 7, createdAt: Date(timeIntervalSince1970: 1_800_000_000))

    static func payload(_ ticket: TicketCreated) throws -> [UInt8] {
        Array(try QuimbiJSON.makeEncoder().encode(ticket))
    }

    struct SampleNotDrafted: Error {}

    /// A processor over an empty store, and its draft of the first sample ticket.
    static func processorAndTemplate() async throws -> (TicketProcessor, DraftResponse) {
        let data = InMemoryCustomerData(customers: [], orders: [], profiles: [], archetypes: [])
        let processor = TicketProcessor(profiles: data, orders: data, archetypes: data, desk: SupportDesk())
        guard case .drafted(let template, _) = await processor.process(try payload(tickets[0])) else {
            throw SampleNotDrafted()
        }
        return (processor, template)
    }

    @Test func eachTicketGetsTheDraftReaddressedToItAndTimedFromItsReceipt() async throws {
        let (_, template) = try await Self.processorAndTemplate()
        let passThrough = PassThroughProcessor(template: template)
        let received = Date()

        guard case .drafted(let draft, let escalation) = await passThrough.process(try Self.payload(Self.tickets[1]), receivedAt: received) else {
            Issue.record("the ticket was not drafted")
            return
        }

        let ticket = Self.tickets[1]
        #expect(draft.ticketID == ticket.ticketID && draft.ticketID != template.ticketID)
        #expect(draft.ticketEventID == ticket.eventID)
        #expect(draft.eventID == "draft:\(ticket.eventID)")
        #expect(draft.customerID == ticket.customerID)
        #expect(draft.timing.receivedAt == received && draft.timing.completedAt >= received)
        #expect(draft.timing.ticketCreatedAt == ticket.createdAt)
        #expect(draft.draft == template.draft, "the work itself is not redone")
        #expect(escalation == nil)
    }

    @Test func aPayloadThatIsNoTicketIsRejectedAsTheProcessorRejectsIt() async throws {
        let (processor, template) = try await Self.processorAndTemplate()
        let garbage = Array("{\"ticket_id\": 12".utf8)

        let passedThrough = await PassThroughProcessor(template: template).process(garbage, receivedAt: Date())
        let processed = await processor.process(garbage)

        guard case .rejected(let rejection) = passedThrough, case .rejected(let expected) = processed else {
            Issue.record("a malformed payload was drafted: \(passedThrough)")
            return
        }
        #expect(rejection.code == expected.code)
    }
}
