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
      #anchors, templates and the partials they use) plus content lints: a question with no \
      answer, a chapter without a cheat sheet or with one too long to print on a page, an \
      orphan Markdown file, a tag used only once (in a guide of 30 questions or more), an image \
      without alt text. Each warning names its lint; `lints: {name: off}` in guide.yml switches \
      one off, `on` forces it.

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
    var diagnostics = checked.diagnostics
    if let site = checked.site {
      diagnostics += ContentLints.run(site: site, documents: checked.documents, contentRoot: settings.content, displayRoot: Pipeline.displayPath(settings.content))
    }
    diagnostics = diagnostics.normalized()
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
        ["file": $0.location.file, "line": $0.location.line, "column": $0.location.column, "severity": $0.severity.rawValue, "message": $0.message]
      }
      let data = try JSONSerialization.data(withJSONObject: ["diagnostics": items, "errors": errors, "warnings": warnings], options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
      FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
    if failed { throw ExitStatus.failure.exitCode }
  }
}
