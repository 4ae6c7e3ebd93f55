import Foundation

/// The request body of an OpenAI-compatible chat completion.
struct ChatCompletionRequest: Encodable {
    struct Message: Encodable {
        var role: String
        var content: String
    }

    struct ResponseFormat: Encodable {
        struct JSONSchema: Encodable {
            var name = "support_draft"
            var strict = true
            var schema = DraftSchema()
        }

        var type = "json_schema"
        var jsonSchema = JSONSchema()

        enum CodingKeys: String, CodingKey {
            case type
            case jsonSchema = "json_schema"
        }
    }

    /// `{"text": string, "tone": string}`, nothing else.
    struct DraftSchema: Encodable {
        struct Property: Encodable { var type = "string" }
        var type = "object"
        var properties = ["text": Property(), "tone": Property()]
        var required = ["text", "tone"]
        var additionalProperties = false
    }

    var model: String
    var messages: [Message]
    var temperature: Double
    var maxTokens: Int
    var responseFormat: ResponseFormat?

    enum CodingKeys: String, CodingKey {
        case model, messages, temperature
        case maxTokens = "max_tokens"
        case responseFormat = "response_format"
    }
}

/// The parts of a chat-completion response the drafter reads.
struct ChatCompletionResponse: Decodable {
    struct Choice: Decodable {
        struct Message: Decodable { var content: String? }
        var message: Message
    }

    struct Usage: Decodable {
        var promptTokens: Int
        var completionTokens: Int

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
        }
    }

    var model: String?
    var choices: [Choice]
    var usage: Usage?
}

/// The structured answer the prompt asks for.
struct StructuredDraft: Decodable {
    var text: String
    var tone: String?
}
