/// The topics a topic-creation script creates, with their partition counts.
enum TopicScript {
    /// Lines such as `create support.drafts 12` (the compose job's helper) or
    /// `kafka-topics.sh … --topic support.drafts … --partitions 12`.
    static func partitions(in script: String) -> [String: Int] {
        var result: [String: Int] = [:]
        for match in script.matches(of: /(?m)^\s*create\s+([A-Za-z0-9._-]+)\s+([0-9]+)\s*$/) {
            result[String(match.output.1)] = Int(match.output.2)
        }
        for match in script.matches(of: /--topic\s+([A-Za-z0-9._-]+)\s+--partitions\s+([0-9]+)/) {
            result[String(match.output.1)] = Int(match.output.2)
        }
        return result
    }
}
