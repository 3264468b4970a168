import ArgumentParser
import Foundation
import SyllabusBuild

/// `syllabus parse-worker`: not for people. The build starts one per core beyond the first
/// and talks to it over its standard input and output (see ParseWorker in SyllabusBuild).
struct ParseWorkerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "parse-worker", abstract: "Parse Markdown bodies for a running build (started by the build itself).", shouldDisplay: false)

  /// How a build starts a worker: this very executable (on Linux, /proc/self/exe is it even
  /// when the file was replaced since it started) with this subcommand.
  static var invocation: [String] {
    let me = FileManager.default.isExecutableFile(atPath: "/proc/self/exe") ? "/proc/self/exe" : CommandLine.arguments[0]
    return [me, "parse-worker"]
  }

  @Option(help: "Parse threads.") var threads = 1

  func run() throws {
    let status = ParseWorker.serve(threads: threads)
    if status != 0 { throw ExitCode(status) }
  }
}
