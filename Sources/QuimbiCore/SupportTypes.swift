import Foundation

/// What a ticket is about.
public enum IntentLabel: String, Codable, Sendable, CaseIterable {
    case churnThreat = "churn_threat"
    case serviceComplaint = "service_complaint"
    case orderStatus = "order_status"
    case refundReturn = "refund_return"
    case cancelOrder = "cancel_order"
    case productQuestion = "product_question"
    case discountRequest = "discount_request"
    case billing
    case account
    case praise
    case general
}

/// Who decided a ticket's intent.
public enum IntentReader: String, Codable, Sendable, CaseIterable {
    /// The phrase and stem lexicon alone (no model configured, or the model could not read in time).
    case lexicon
    /// The embedding model, against or without a lexicon reading.
    case model
    /// Both, agreeing; or the lexicon's precise cues standing where the model was unsure.
    case lexiconAndModel = "lexicon+model"
}

/// The detected intent: a primary label, how sure, and which signals fired.
public struct Intent: Codable, Sendable, Hashable {
    public var label: IntentLabel
    /// In [0, 1].
    public var confidence: Double
    /// The cues that fired, e.g. `competitor`, `price`.
    public var signals: [String]
    /// Further labels that also apply, strongest first.
    public var secondary: [IntentLabel]
    /// Who decided the label.
    public var reader: IntentReader

    public init(label: IntentLabel, confidence: Double, signals: [String], secondary: [IntentLabel] = [], reader: IntentReader = .lexicon) {
        self.label = label
        self.confidence = confidence
        self.signals = signals
        self.secondary = secondary
        self.reader = reader
    }
}

/// The tone of a ticket.
public struct Sentiment: Codable, Sendable, Hashable {
    public enum Label: String, Codable, Sendable, CaseIterable { case negative, neutral, positive }
    public var label: Label
    /// In [−1, 1]; negative is unhappy.
    public var score: Double

    public init(label: Label, score: Double) {
        self.label = label
        self.score = score
    }
}

/// How soon an agent should act.
public enum Priority: String, Codable, Sendable, CaseIterable, Comparable {
    case low, normal, high, urgent

    private var rank: Int {
        switch self {
        case .low: 0
        case .normal: 1
        case .high: 2
        case .urgent: 3
        }
    }

    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rank < rhs.rank }
}

/// The policy's decision for one ticket. Only the policy sets these; drafters must respect them.
public struct Recommendation: Codable, Sendable, Hashable {
    public var offerDiscount: Bool
    /// 0 when no discount is offered.
    public var discountPercent: Int
    public var freeShipping: Bool
    public var escalate: Bool
    public var followUpRequired: Bool
    public var priority: Priority
    /// Stable reason codes, e.g. `churn_risk_high`, `service_failure`.
    public var reasons: [String]
    /// What the agent should do, as short sentences.
    public var actions: [String]
    /// `true` when the policy's retention holdout withheld this ticket's offer (the control arm of
    /// ``SupportPolicy/holdoutPercent``); absent otherwise.
    public var holdout: Bool?
    /// The offer the holdout withheld, so outcomes can be compared per offer across both arms.
    public var withheldOffer: WithheldOffer?

    public init(
        offerDiscount: Bool, discountPercent: Int, freeShipping: Bool, escalate: Bool, followUpRequired: Bool,
        priority: Priority, reasons: [String], actions: [String], withheldOffer: WithheldOffer? = nil
    ) {
        self.offerDiscount = offerDiscount
        self.discountPercent = discountPercent
        self.freeShipping = freeShipping
        self.escalate = escalate
        self.followUpRequired = followUpRequired
        self.priority = priority
        self.reasons = reasons
        self.actions = actions
        self.holdout = withheldOffer == nil ? nil : true
        self.withheldOffer = withheldOffer
    }

    enum CodingKeys: String, CodingKey {
        case escalate, priority, reasons, actions, holdout
        case withheldOffer = "withheld_offer"
        case offerDiscount = "offer_discount"
        case discountPercent = "discount_percent"
        case freeShipping = "free_shipping"
        case followUpRequired = "follow_up_required"
    }
}

/// Which drafter wrote a draft.
public enum DraftGenerator: String, Codable, Sendable { case template, llm }

/// The reply drafted for the agent.
public struct Draft: Codable, Sendable, Hashable {
    public var text: String
    /// e.g. `empathetic`, `apologetic`, `friendly`.
    public var tone: String
    public var generator: DraftGenerator
    /// The LLM model, when `generator` is `llm`.
    public var model: String?
    /// Why an LLM draft was replaced by the template draft, when it was (a stable code).
    public var fallbackReason: String?
    /// LLM token usage, when known.
    public var usage: TokenUsage?

    public init(
        text: String, tone: String, generator: DraftGenerator, model: String? = nil,
        fallbackReason: String? = nil, usage: TokenUsage? = nil
    ) {
        self.text = text
        self.tone = tone
        self.generator = generator
        self.model = model
        self.fallbackReason = fallbackReason
        self.usage = usage
    }

    enum CodingKeys: String, CodingKey {
        case text, tone, generator, model, usage
        case fallbackReason = "fallback_reason"
    }
}

/// Tokens an LLM call used.
public struct TokenUsage: Codable, Sendable, Hashable {
    public var promptTokens: Int
    public var completionTokens: Int

    public init(promptTokens: Int, completionTokens: Int) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
    }
}

/// The two messages an LLM receives.
///
/// The user message is kept as its UTF-8 bytes: every ticket's is written piece by piece into an
/// ``OutputBuffer`` and, on the worker's path, only written out again into the draft's JSON, while making a
/// `String` of it validates every byte (4 % of a ticket's work). ``user`` makes the `String` when asked.
/// Two prompts are equal when their texts are byte for byte.
public struct Prompt: Codable, Sendable, Hashable {
    public var system: String
    /// The user message in UTF-8.
    public private(set) var userUTF8: [UInt8]

    /// The user message.
    public var user: String {
        get { String(decoding: userUTF8, as: UTF8.self) }
        set { userUTF8 = Array(newValue.utf8) }
    }

    public init(system: String, user: String) {
        self.system = system
        userUTF8 = Array(user.utf8)
    }

    /// A prompt whose user message is the text in `user`, which must have been appended as text (strings and
    /// literals, never loose bytes) so that its bytes are UTF-8.
    public init(system: String, user: borrowing OutputBuffer) {
        self.system = system
        userUTF8 = user.bytes
    }

    enum CodingKeys: String, CodingKey {
        case system, user
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        system = try container.decode(String.self, forKey: .system)
        userUTF8 = Array(try container.decode(String.self, forKey: .user).utf8)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(system, forKey: .system)
        try container.encode(user, forKey: .user)
    }
}
