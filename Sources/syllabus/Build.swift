import ArgumentParser
import Foundation
import SyllabusBuild
import SyllabusModel

struct Build: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Render the guide into static HTML.",
    discussion: """
      Diagnostics are printed as `path:line:column: error: message`. A build with errors (or,
      with --strict, warnings) exits non-zero and leaves the previous output untouched.

      Examples:
        syllabus build
        syllabus build --content guide/content --output site --strict
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

  func run() throws {
    let settings = BuildSettings(
      content: URL(fileURLWithPath: content), templates: URL(fileURLWithPath: templates),
      output: URL(fileURLWithPath: output), strict: strict)
    let report = Pipeline.build(settings)
    for diagnostic in report.diagnostics {
      FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
    }
    FileHandle.standardError.write(Data((report.summary + "\n").utf8))
    if timings {
      for stage in report.stages {
        FileHandle.standardError.write(Data(String(format: "  %-24@ %7.1f ms\n", stage.name as NSString, stage.seconds * 1000).utf8))
      }
    }
    if report.failed { throw ExitCode(1) }
  }
}
