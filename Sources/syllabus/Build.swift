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

      A build keeps what it parsed and rendered in .syllabus-cache/ beside content/, and \
      the next build re-does only what an edit changed. The cache is safe to delete; \
      --no-cache builds from scratch without it.

      Examples:
        syllabus build
        syllabus build --content guide/content --output site --strict
        syllabus build --quiet

      \(ExitStatus.helpSection)
      """
  )

  @OptionGroup var guide: GuideOptions

  @Option(help: "Where to write the site (default: public/ beside content/). Replaced as a whole, only if syllabus created it.")
  var output: String?

  @Flag(help: "Treat warnings as errors.")
  var strict = false

  @Flag(help: "Print how long each stage took, and the peak memory while it ran.")
  var timings = false

  @OptionGroup var cache: CacheOptions

  @OptionGroup var verbosity: Verbosity

  func run() throws {
    let (content, templates, root) = guide.resolve()
    var settings = BuildSettings(
      content: content, templates: templates,
      output: output.map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent("public"), strict: strict,
      cache: cache.location(root: root))
    settings.parseWorker = ParseWorkerCommand.invocation
    let report = Pipeline.build(settings)
    let console = Console(quiet: verbosity.quiet)
    console.report(report.diagnostics, warningsFail: strict)
    console.summary(report.summary, failed: report.failed)
    if timings {
      for stage in report.stages {
        let peak = stage.peakBytes.map { String(format: "  %6.1f MiB peak", Double($0) / 1_048_576) } ?? ""
        console.write(String(format: "  %-24@ %7.1f ms", stage.name as NSString, stage.seconds * 1000) + peak)
      }
      if let use = report.cacheUse {
        console.write("  build cache: \(use.documents) bodies not parsed again, \(use.pages) pages not rendered again")
      }
    }
    if report.failed { throw ExitStatus.failure.exitCode }
  }
}
