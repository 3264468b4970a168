import ArgumentParser
import Foundation
import SyllabusBuild
import SyllabusModel

struct Check: ParsableCommand {
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  static let configuration = CommandConfiguration(
    abstract: "Validate the guide without writing anything.",
    discussion: """
      Runs every check of `build` (front matter, ids, the topic graph, study paths, links and \
      #anchors, templates and the partials they use) plus the content lints: \
      \(LintRules.all.map { "\($0.summary) (`\($0.id)`)" }.joined(separator: "; ")). Each finding \
      names its lint; `lints: {name: off}` in guide.yml switches one off, `warning` or `error` \
      sets its severity (an `error` lint fails `build` too), `on` keeps its default.

      Examples:
        syllabus check
        syllabus check --strict --format json > report.json

      \(ExitStatus.helpSection)
      """
  )

  @OptionGroup var guide: GuideOptions
  @Flag(help: "Exit non-zero on warnings too.") var strict = false
  @Option(help: "Output format: text (path:line:column: …) or json.") var format: Format = .text
  @OptionGroup var verbosity: Verbosity

  func run() throws {
    // No build cache: `check` writes nothing, not even there.
    let settings = guide.settings()
    let checked = Pipeline.check(settings)
    let diagnostics = (checked.diagnostics + Pipeline.lint(checked, settings)).normalized()
    let errors = diagnostics.filter { $0.severity == .error }.count
    let warnings = diagnostics.count - errors
    let failed = errors > 0 || (strict && warnings > 0)
    switch format {
    case .text:
      let console = Console(quiet: verbosity.quiet)
      console.report(diagnostics, warningsFail: strict)
      console.summary("checked: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")", failed: failed)
    case .json:
      let items: [[String: Any]] = diagnostics.map {
        var item: [String: Any] = [
          "file": $0.location.file, "line": $0.location.line, "column": $0.location.column, "severity": $0.severity.rawValue, "message": $0.message,
        ]
        item["lint"] = $0.lint
        return item
      }
      let data = try JSONSerialization.data(withJSONObject: ["diagnostics": items, "errors": errors, "warnings": warnings], options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
      FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
    if failed { throw ExitStatus.failure.exitCode }
  }
}
