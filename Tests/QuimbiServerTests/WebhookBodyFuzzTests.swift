import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import QuimbiCore
import Synchronization
import Testing

/// The signed webhooks with valid signatures and fuzzed bodies (so the bodies are exercised, not only
/// the signature refusals): every answer is a status the OpenAPI document gives the route, with a JSON
/// body, whatever the body holds.
struct WebhookBodyFuzzTests {
    static let awkwardStrings = ["", " ", "\u{0}", "\u{1F}", "é", "🧵", "\"", "\\", "<script>", "a\nb", String(repeating: "x", count: 70_000), "-1", "1e999", "null"]

    /// A JSON value of a random kind: strings (empty, control, emoji, huge), numbers, booleans, null, arrays, objects.
    static func value(_ random: inout SplitMix64, depth: Int = 0) -> Any {
        switch random.next(below: depth > 1 ? 5 : 7) {
        case 0: return awkwardStrings[random.next(below: awkwardStrings.count)]
        case 1: return [Int.min, -1, 0, 1, Int.max][random.next(below: 5)]
        case 2: return [0.5, -0.0, 1e300][random.next(below: 3)]
        case 3: return random.next(below: 2) == 0
        case 4: return NSNull()
        case 5: return (0..<random.next(below: 3)).map { _ in value(&random, depth: depth + 1) }
        default: return ["k\(random.next(below: 3))": value(&random, depth: depth + 1)]
        }
    }

    /// `valid` with one to three fields (at any depth) replaced by random values or removed, or cut short.
    static func mutate(_ valid: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        if random.next(below: 10) == 0 { return Array(valid.prefix(random.next(below: valid.count))) }
        guard var object = try? JSONSerialization.jsonObject(with: Data(valid)) as? [String: Any] else { return valid }
        for _ in 0...random.next(below: 3) { object = mutate(object, &random) }
        return Array((try? JSONSerialization.data(withJSONObject: object)) ?? Data(valid))
    }

    static func mutate(_ object: [String: Any], _ random: inout SplitMix64) -> [String: Any] {
        var object = object
        let keys = object.keys.sorted()
        guard !keys.isEmpty else { return object }
        let key = keys[random.next(below: keys.count)]
        if let nested = object[key] as? [String: Any], random.next(below: 2) == 0 {
            object[key] = mutate(nested, &random)
        } else if random.next(below: 4) == 0 {
            object[key] = nil
        } else {
            object[key] = value(&random)
        }
        return object
    }

    /// Each webhook route, a valid body, and how to sign a body for it.
    static let routes: [(path: String, valid: [UInt8], sign: @Sendable ([UInt8]) -> HTTPFields)] = [
        ("/webhooks/tickets", try! APIFixture.ticket(), { APIFixture.signed($0) }),
        ("/webhooks/zendesk", APIFixture.zendeskTicket(), { APIFixture.zendeskSigned($0) }),
        ("/webhooks/freshdesk", APIFixture.zendeskTicket(), { _ in APIFixture.secretHeaders(for: "freshdesk") }),
        ("/webhooks/gorgias", APIFixture.zendeskTicket(), { _ in APIFixture.secretHeaders(for: "gorgias") }),
        ("/webhooks/chatwoot", APIFixture.chatwootMessage(), { APIFixture.chatwootSigned($0) }),
    ]

    @Test(arguments: 0..<5)
    func validlySignedFuzzedBodiesGetDocumentedAnswers(route index: Int) async throws {
        let route = Self.routes[index]
        let documented = OpenAPIConformanceTests.documentedStatuses(try OpenAPIConformanceTests.document(), path: route.path, method: "post")
        var random = SplitMix64(state: UInt64(index + 1))
        let bodies = (0..<150).map { _ in Self.mutate(route.valid, &random) }
        let counts = Mutex<[Int: Int]>([:])
        try await APIFixture().live { client in
            for body in bodies {
                let response = try await client.execute(uri: route.path, method: .post, headers: route.sign(body), body: ByteBuffer(bytes: body))
                counts.withLock { $0[Int(response.status.code), default: 0] += 1 }
                #expect(documented.contains(response.status.code), "\(route.path) answered undocumented \(response.status.code) to \(String(decoding: body.prefix(300), as: UTF8.self))")
                if response.status.code >= 400 {
                    #expect((try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])?["error"] != nil)
                }
            }
        }
        let seen = counts.withLock { $0 }
        // The fuzzing reached past the signature check: both accepted and refused bodies.
        #expect(seen.keys.contains { $0 >= 200 && $0 < 300 } && seen.keys.contains(400), "\(route.path): \(seen)")
        #expect(seen[401] == nil, "\(route.path): a validly signed body was refused as unsigned: \(seen)")
    }
}
