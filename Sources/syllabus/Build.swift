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

  @OptionGroup var guide: GuideOptions

  @Option(help: "Where to write the site (default: public/ beside content/). Replaced as a whole, only if syllabus created it.")
  var output: String?

  @Flag(help: "Treat warnings as errors.")
  var strict = false

  @Flag(help: "Print how long each stage took.")
  var timings = false

  func run() throws {
    let (content, templates, root) = guide.resolve()
    let settings = BuildSettings(
      content: content, templates: templates,
      output: output.map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent("public"), strict: strict)
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
