import Foundation
import QuimbiCore
import Testing

/// The worker's ticket validation and the published JSON Schema must agree on every event.
@Suite struct TicketSchemaAgreementTests {
    static func variant(_ change: (inout [String: Any]) -> Void) -> Data {
        var object: [String: Any] = [
            "event_id": "e1", "ticket_id": "T-1", "customer_id": "7415378247935", "channel": "email",
            "message": "Where is my order?", "created_at": "2026-11-25T06:57:10Z",
        ]
        change(&object)
        return try! JSONSerialization.data(withJSONObject: object)
    }

    static let corpus: [Data] = [
        variant { _ in },
        variant { $0["customer_id"] = nil; $0["customer_email"] = "jo@example.com" },
        variant { $0["customer_id"] = nil },
        variant { $0["customer_id"] = NSNull(); $0["customer_email"] = "jo@example.com" },
        variant { $0["customer_id"] = NSNull() },
        variant { $0["customer_email"] = "no-at-sign" },
        variant { $0["message"] = "" },
        variant { $0["message"] = String(repeating: "x", count: 20_000) },
        variant { $0["message"] = String(repeating: "x", count: 20_001) },
        variant { $0["message"] = 5 },
        variant { $0["message"] = nil },
        variant { $0["ticket_id"] = 12 },
        variant { $0["ticket_id"] = String(repeating: "t", count: 129) },
        variant { $0["event_id"] = "" },
        variant { $0["customer_id"] = "7415378247935\u{0}" },
        variant { $0["ticket_id"] = "T-1\n" },
        variant { $0["customer_id"] = nil; $0["customer_email"] = "jo@exa\u{7}mple.com" },
        variant { $0["event_id"] = "e1\u{85}" },
        variant { $0["customer_id"] = "клиент-7" },
        variant { $0["channel"] = "pigeon" },
        variant { $0["channel"] = "sms" },
        variant { $0["created_at"] = "not a date" },
        variant { $0["created_at"] = "2026-11-25T06:57:10.5+02:00" },
        variant { $0["created_at"] = 1_764_000_000 },
        variant { $0["subject"] = NSNull() },
        variant { $0["subject"] = String(repeating: "s", count: 1_001) },
        variant { $0["language"] = "es" },
        variant { $0["language"] = "e" },
        variant { $0["tags"] = ["vip", "repeat"] },
        variant { $0["tags"] = [1, 2] },
        variant { $0["tags"] = Array(repeating: "t", count: 51) },
        variant { $0["tags"] = [""] },
        variant { $0["source"] = ["system": "gorgias", "account": "threads"] },
        variant { $0["source"] = ["system": 5] },
        variant { $0["source"] = "gorgias" },
        variant { $0["unknown_field"] = ["nested": true] },
        Data("[]".utf8),
        Data("{}".utf8),
        Data("null".utf8),
    ]

    @Test func theDecoderAndTheSchemaGiveTheSameVerdicts() throws {
        let schemaVerdicts = try SchemaValidator.validate(Self.corpus, schema: "ticket-created.v1.json")
        let decoder = TicketDecoder()
        for (index, document) in Self.corpus.enumerated() {
            let accepted = (try? decoder.decode(Array(document))) != nil
            #expect(accepted == (schemaVerdicts[index] == nil),
                    "document \(index): decoder \(accepted ? "accepts" : "rejects"), schema says \(schemaVerdicts[index] ?? "ok"): \(String(decoding: document.prefix(200), as: UTF8.self))")
        }
        #expect(schemaVerdicts.contains(nil) && schemaVerdicts.contains { $0 != nil }, "the corpus has both valid and invalid events")
    }
}
