import QuimbiCore

/// How one profile is looked up: by customer id or by e-mail address (case-insensitive).
public enum ProfileKey: Hashable, Sendable {
    case id(String)
    case email(String)

    /// The key for a ticket's customer reference: the id when present, else the e-mail; `nil` when neither.
    public init?(_ reference: CustomerReference) {
        if let id = reference.customerID, !id.isEmpty {
            self = .id(id)
        } else if let email = reference.email, !email.isEmpty {
            self = .email(email.lowercased())
        } else {
            return nil
        }
    }

    /// The id, or the lower-cased e-mail address: the text a query compares.
    var text: String {
        switch self {
        case .id(let id): id
        case .email(let email): email
        }
    }

    func cacheKey(prefix: String, generation: Int64) -> String {
        switch self {
        case .id(let id): "\(prefix):profile:g\(generation):id:\(id)"
        case .email(let email): "\(prefix):profile:g\(generation):email:\(email)"
        }
    }
}
