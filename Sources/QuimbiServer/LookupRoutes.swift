import Foundation
import Hummingbird
import QuimbiCore
import QuimbiMetrics

/// `GET /api/mcp/customer/{customer_id}`, `GET /api/archetypes/{archetype_id}` and
/// `GET /api/customers/{customer_id}/context`.
struct LookupRoutes: Sendable {
    let dependencies: ServerDependencies
    let recentOrderLimit: Int

    func customer(_ id: String) async throws(APIError) -> Response {
        let profile = try await profile(id)
        return try APIError.jsonResponse(ProfileSnapshot(profile: profile, asOf: Date()))
    }

    func archetype(_ id: String) async throws(APIError) -> Response {
        guard IdentifierRules.isValid(id) else { throw Self.invalidID }
        let found: Archetype?
        do { found = try await dependencies.archetypes.archetype(id: id) } catch { throw Self.unavailable(error) }
        guard let found else { throw APIError(code: "archetype_not_found", message: "no archetype with this id", status: .notFound) }
        return try APIError.jsonResponse(found)
    }

    func context(_ id: String) async throws(APIError) -> Response {
        let profile = try await profile(id)
        let reference = CustomerReference(customerID: profile.customerID, email: nil)
        do {
            async let orders = dependencies.orders.recentOrders(for: reference, limit: recentOrderLimit)
            async let archetype = dependencies.archetypes.archetype(id: profile.archetypeID)
            let insight = dependencies.desk.policy.insight(for: profile.snapshot(asOf: Date()))
            return try APIError.jsonResponse(CustomerContext(customer: insight, archetype: try await archetype, recentOrders: try await orders))
        } catch let error as APIError {
            throw error
        } catch {
            throw Self.unavailable(error)
        }
    }

    private func profile(_ id: String) async throws(APIError) -> CustomerProfile {
        guard IdentifierRules.isValid(id) else { throw Self.invalidID }
        let found: CustomerProfile?
        do { found = try await dependencies.profiles.profile(for: CustomerReference(customerID: id, email: nil)) } catch { throw Self.unavailable(error) }
        guard let found else { throw APIError(code: "customer_not_found", message: "no customer with this id", status: .notFound) }
        return found
    }

    static let invalidID = APIError(code: "invalid_id", message: "ids are 1-128 characters of A-Z a-z 0-9 _ - . @ +", status: .badRequest)

    static func unavailable(_ error: any Error) -> APIError {
        let code = (error as? any QuimbiError)?.code ?? "lookup_failed"
        return APIError(code: code, message: "the data source did not answer", status: .serviceUnavailable, retryAfterSeconds: 1)
    }
}
