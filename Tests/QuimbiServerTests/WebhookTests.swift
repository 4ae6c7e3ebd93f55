import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import QuimbiServer
import Testing

@Suite("Webhook ingress over loopback HTTP")
struct WebhookTests {
    @Test("a signed ticket is published once and answered 202 with its event id; a replay is not published again")
    func acceptsOnce() async throws {
        let publisher = RecordingPublisher()
        try await APIFixture(publisher: publisher).live { client in
            let body = try APIFixture.ticket(eventID: "evt-1")
            for duplicate in [false, true] {
                let response = try await client.execute(uri: "/webhooks/tickets", method: .post, headers: APIFixture.signed(body), body: ByteBuffer(bytes: body))
                #expect(response.status == .accepted)
                let json = try response.json()
                #expect(json["event_id"] as? String == "evt-1")
                #expect(json["duplicate"] as? Bool == duplicate)
            }
        }
        #expect(publisher.published.map(\.eventID) == ["evt-1"])
    }

    @Test("bad, missing, wrong-secret, stale and future signatures get 401")
    func refusesBadSignatures() async throws {
        let publisher = RecordingPublisher()
        let body = try APIFixture.ticket()
        try await APIFixture(publisher: publisher).live { client in
            // Read the clock once the server is up: a slow start must not bring "now + 301" into tolerance.
            let now = Int(Date().timeIntervalSince1970)
            var tampered = APIFixture.signed(body)
            tampered[HTTPField.Name("X-Quimbi-Signature")!] = "t=\(now),v1=" + String(repeating: "0", count: 64)
            var garbage = HTTPFields()
            garbage[HTTPField.Name("X-Quimbi-Signature")!] = "v1=zz,t=abc"
            let cases: [HTTPFields] = [
                [:], tampered, garbage, APIFixture.signed(body, secret: "other"),
                APIFixture.signed(body, at: now - 301), APIFixture.signed(body, at: now + 310),
            ]
            for headers in cases {
                let response = try await client.execute(uri: "/webhooks/tickets", method: .post, headers: headers, body: ByteBuffer(bytes: body))
                #expect(response.status == .unauthorized)
            }
            let signedOther = APIFixture.signed(try APIFixture.ticket())
            let swapped = try await client.execute(uri: "/webhooks/tickets", method: .post, headers: signedOther, body: ByteBuffer(bytes: body))
            #expect(swapped.status == .unauthorized)
        }
        #expect(publisher.published.isEmpty)
    }

    @Test("a body over 256 KiB gets 413")
    func oversized() async throws {
        try await APIFixture().live { client in
            let body = [UInt8](repeating: UInt8(ascii: "a"), count: 256 * 1024 + 1)
            let response = try await client.execute(uri: "/webhooks/tickets", method: .post, headers: APIFixture.signed(body), body: ByteBuffer(bytes: body))
            #expect(response.status == .contentTooLarge)
            #expect((try response.json()["error"] as? [String: Any])?["code"] as? String == "payload_too_large")
        }
    }

    @Test("malformed bodies get 400 with the decoder's code",
          arguments: [("not json", "invalid_json"), ("[1,2]", "invalid_json"), ("{}", "missing_field")])
    func malformed(body text: String, code: String) async throws {
        try await APIFixture().live { client in
            let body = Array(text.utf8)
            let response = try await client.execute(uri: "/webhooks/tickets", method: .post, headers: APIFixture.signed(body), body: ByteBuffer(bytes: body))
            #expect(response.status == .badRequest)
            #expect((try response.json()["error"] as? [String: Any])?["code"] as? String == code)
        }
    }

    @Test("a failed publish gets 503 with Retry-After and the same event id is accepted later")
    func publishFailure() async throws {
        let publisher = RecordingPublisher(failures: 1)
        try await APIFixture(publisher: publisher).live { client in
            let body = try APIFixture.ticket(eventID: "evt-fail")
            let failed = try await client.execute(uri: "/webhooks/tickets", method: .post, headers: APIFixture.signed(body), body: ByteBuffer(bytes: body))
            #expect(failed.status == .serviceUnavailable)
            #expect(failed.headers[.retryAfter] == "5")
            #expect((try failed.json()["error"] as? [String: Any])?["code"] as? String == "broker_down")
            let retried = try await client.execute(uri: "/webhooks/tickets", method: .post, headers: APIFixture.signed(body), body: ByteBuffer(bytes: body))
            #expect(retried.status == .accepted)
            #expect(try retried.json()["duplicate"] as? Bool == false)
        }
        #expect(publisher.published.map(\.eventID) == ["evt-fail"])
    }
}
