import ArgumentParser
import QuimbiSegmentation

/// `--format jsonl|csv|cdnow` for the commands that read orders files.
extension OrderFileParser.Format: ExpressibleByArgument {}
