import ArgumentParser
import Foundation
import SyllabusBuild
import SyllabusModel

struct Build: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Render the guide into static HTML.",
    discussion: """
      Diagnostics are printed as `path:line:column: error: message`, in colour on a terminal \
      (not when piped, or when NO_COLOR is set). A build with errors (or, with --strict, \
      warnings) exits 1 and leaves the previous output untouched.

      Examples:
        syllabus build
        syllabus build --content guide/content --output site --strict
        syllabus build --quiet

      \(ExitStatus.helpSection)
      """
  )

  @Option(help: "The content folder (guide.yml, topics/, questions/, paths/, pages/).")
  var content = "content"

  @Option(help: "The templates folder (*.mustache and assets/).")
  var templates = "templates"

  @Option(help: "Where to write the site. Replaced as a whole, only if syllabus created it.")
  var output = "public"

  @Flag(help: "Treat warnings as errors.")
  var strict = false

  @Flag(help: "Print how long each stage took.")
  var timings = false

  @OptionGroup var verbosity: Verbosity

  func run() throws {
    let settings = BuildSettings(
      content: URL(fileURLWithPath: content), templates: URL(fileURLWithPath: templates),
      output: URL(fileURLWithPath: output), strict: strict)
    let report = Pipeline.build(settings)
    let console = Console(quiet: verbosity.quiet)
    console.report(report.diagnostics, warningsFail: strict)
    console.summary(report.summary, failed: report.failed)
    if timings {
      for stage in report.stages {
        console.write(String(format: "  %-24@ %7.1f ms", stage.name as NSString, stage.seconds * 1000))
      }
    }
    if report.failed { throw ExitStatus.failure.exitCode }
  }
}
