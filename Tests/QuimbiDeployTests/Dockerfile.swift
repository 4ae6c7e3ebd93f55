/// Deploy/Dockerfile as a list of instructions (continuation lines joined, comments dropped).
struct Dockerfile {
    struct Instruction {
        let keyword: String
        let arguments: String
    }

    let instructions: [Instruction]

    init(text: String) {
        var logicalLines: [String] = []
        var pending = ""
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("#") { continue }
            if trimmed.hasSuffix("\\") {
                pending += trimmed.dropLast() + " "
            } else {
                logicalLines.append(pending + trimmed)
                pending = ""
            }
        }
        instructions = logicalLines.filter { !$0.isEmpty }.map { line in
            let parts = line.split(separator: " ", maxSplits: 1)
            return Instruction(keyword: parts[0].uppercased(), arguments: parts.count > 1 ? String(parts[1]) : "")
        }
    }

    /// The instructions of each stage, in order; a stage starts at `FROM`.
    var stages: [[Instruction]] {
        var stages: [[Instruction]] = []
        for instruction in instructions {
            if instruction.keyword == "FROM" { stages.append([]) }
            if !stages.isEmpty { stages[stages.count - 1].append(instruction) }
        }
        return stages
    }

    /// The image a stage starts from (`FROM image AS name` → `image`).
    static func baseImage(of stage: [Instruction]) -> String? {
        stage.first.flatMap { $0.arguments.split(separator: " ").first.map(String.init) }
    }

    /// The packages an `apt-get install` in `stage` installs.
    static func aptPackages(of stage: [Instruction]) -> Set<String> {
        var packages: Set<String> = []
        for run in stage where run.keyword == "RUN" {
            for command in run.arguments.split(separator: "&&") {
                let words = command.split(separator: " ").map(String.init)
                guard let install = words.firstIndex(of: "install"), words[..<install].contains("apt-get") else { continue }
                packages.formUnion(words[(install + 1)...].filter { !$0.hasPrefix("-") })
            }
        }
        return packages
    }
}
