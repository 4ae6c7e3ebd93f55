import ArgumentParser
import QuimbiHelpdesk

/// `--escalation-group <helpdesk>=<id>`: the group or team a helpdesk's escalated tickets are assigned to.
struct EscalationGroup: ExpressibleByArgument {
    var system: HelpdeskSystem
    var id: UInt64

    init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let system = HelpdeskSystem(rawValue: parts[0]), let id = UInt64(parts[1]), id > 0 else { return nil }
        self.system = system
        self.id = id
    }

    /// The environment variable naming `system`'s escalation group, e.g. `QUIMBI_ZENDESK_ESCALATION_GROUP`.
    static func variable(of system: HelpdeskSystem) -> String {
        "QUIMBI_\(system.rawValue.uppercased())_ESCALATION_GROUP"
    }
}
