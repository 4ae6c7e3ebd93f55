import AsyncHTTPClient
import Foundation
import HelpdeskFake
import QuimbiHelpdesk
import QuimbiResilience
import QuimbiResilienceTesting
import Testing

@Suite("Note sender against a Zendesk stand-in: request shape, retries and refusals")
struct NoteSenderTests {
    static let note = HelpdeskNote(
        eventID: "escalation:zendesk:1:42", ticketID: "42", body: "Quimbi escalation\n\nquimbi-event: escalation:zendesk:1:42",
        escalation: .init(priority: .high, tags: ["quimbi_escalated", "quimbi_service_failure"]))

    /// Runs `body` with a sender (on `clock`, retrying without jitter from 1 s) into a Zendesk stand-in.
    func withSender(
        clock: ManualClock = ManualClock(), token: String = "token", bound: Duration = .seconds(120),
        _ body: (NoteSender<ManualClock>, FakeZendesk, FakeHelpdeskServer) async throws -> Void
    ) async throws {
        let zendesk = FakeZendesk(email: "agent@shop.example", token: "token", tickets: 1...100)
        let server = try await FakeHelpdeskServer.start(zendesk)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let sender = NoteSender(
            writer: ZendeskNoteWriter(),
            transport: HelpdeskHTTPTransport(client: client, connection: .zendesk(url: server.baseURL, email: "agent@shop.example", token: token)),
            retry: RetryPolicy(maxAttempts: .max, initialBackoff: .seconds(1), maximumBackoff: .seconds(8), jitter: .none),
            bound: bound, clock: clock)
        do {
            try await body(sender, zendesk, server)
        } catch {
            try await client.shutdown()
            try await server.stop()
            throw error
        }
        try await client.shutdown()
        try await server.stop()
    }

    @Test("an escalation is one PUT of an internal comment with the priority and added tags")
    func requestShape() async throws {
        try await withSender { sender, zendesk, server in
            try await sender.deliver(Self.note)
            #expect(zendesk.comments == [FakeZendesk.Comment(
                ticketID: 42, body: Self.note.body, isPublic: false, priority: "high", tags: ["quimbi_escalated", "quimbi_service_failure"])])
            #expect(server.requestCount == 1)
        }
    }

    @Test("a 429 is retried no sooner than its Retry-After, a 503 after the back-off")
    func retries() async throws {
        let clock = ManualClock()
        try await withSender(clock: clock) { sender, zendesk, server in
            server.inject([FakeHelpdeskAnswer(status: 429, retryAfter: "30"), FakeHelpdeskAnswer(status: 503)])
            let delivery = Task { try await sender.deliver(Self.note) }
            await clock.waitForSleepers(1)
            clock.advance(by: .seconds(29))
            #expect(server.requestCount == 1)
            clock.advance(by: .seconds(1))
            await clock.waitForSleepers(1)
            #expect(server.requestCount == 2)
            clock.advance(by: .seconds(2))
            try await delivery.value
            #expect(server.requestCount == 3)
            #expect(zendesk.comments.count == 1)
        }
    }

    @Test("a helpdesk down for over a minute gets the note once it is back, within the bound")
    func downForAMinute() async throws {
        let clock = ManualClock()
        try await withSender(clock: clock) { sender, zendesk, server in
            // Ten failures wait 1 + 2 + 4 + 7 × 8 = 63 s in all.
            server.inject(Array(repeating: FakeHelpdeskAnswer(status: 503), count: 10))
            let delivery = Task { try await sender.deliver(Self.note) }
            for _ in 0..<10 {
                await clock.waitForSleepers(1)
                clock.advance(by: .seconds(8))
            }
            try await delivery.value
            #expect(server.requestCount == 11)
            #expect(zendesk.comments.count == 1)
        }
    }

    @Test("an outage longer than the bound ends in helpdesk_unavailable")
    func outage() async throws {
        let clock = ManualClock()
        try await withSender(clock: clock, bound: .seconds(5)) { sender, zendesk, server in
            server.inject(Array(repeating: FakeHelpdeskAnswer(status: 502), count: 10))
            let delivery = Task { try await sender.deliver(Self.note) }
            await clock.waitForSleepers(1)
            clock.advance(by: .seconds(1))
            await clock.waitForSleepers(1)
            clock.advance(by: .seconds(2))
            // The next wait (4 s) would end past the 5 s bound: no further attempt.
            let result = await delivery.result
            #expect(throws: DeliveryError(.unavailable, "the helpdesk answered 502")) { try result.get() }
            #expect(server.requestCount == 3)
            #expect(zendesk.comments.isEmpty)
        }
    }

    @Test("the ticket's notes are read for the marker: absent before the note, present after; a 503 read is retried")
    func markerCheck() async throws {
        let clock = ManualClock()
        try await withSender(clock: clock) { sender, zendesk, server in
            #expect(try await sender.isDelivered(Self.note) == false)
            try await sender.deliver(Self.note)
            server.inject([FakeHelpdeskAnswer(status: 503)])
            let check = Task { try await sender.isDelivered(Self.note) }
            await clock.waitForSleepers(1)
            clock.advance(by: .seconds(1))
            #expect(try await check.value)
            #expect(server.requestCount == 4)
            var other = Self.note
            other.eventID += "0"
            #expect(try await sender.isDelivered(other) == false)
            #expect(zendesk.comments.count == 1)
        }
    }

    @Test("401, 404 and a non-numeric ticket id are not retried", arguments: [
        ("wrong-token", "42", "helpdesk_unauthorized"), ("token", "4242", "ticket_not_found"), ("token", "T-42", "invalid_ticket_id"),
    ])
    func refusals(token: String, ticketID: String, code: String) async throws {
        try await withSender(token: token) { sender, zendesk, server in
            var note = Self.note
            note.ticketID = ticketID
            do throws(DeliveryError) {
                try await sender.deliver(note)
                Issue.record("delivered")
            } catch {
                #expect(error.code == code)
            }
            #expect(server.requestCount == (code == "invalid_ticket_id" ? 0 : 1))
            #expect(zendesk.comments.isEmpty)
        }
    }
}
