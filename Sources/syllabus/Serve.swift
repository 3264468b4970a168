import ArgumentParser
import Foundation
import SyllabusBuild
import SyllabusServer

struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Serve the guide locally and rebuild it as you edit.",
    discussion: """
      Builds in memory (public/ is not touched), serves the site, watches content/ and
      templates/, and reloads open pages once a rebuild has finished. A build error shows
      over the last good page with file:line:column, and clears when fixed.

      Examples:
        syllabus serve
        syllabus serve --port 9000 --open
      """
  )

  @OptionGroup var guide: GuideOptions
  @Option(help: "Port to listen on (0 picks a free one).") var port: UInt16 = 8000
  @Option(help: "Address to bind. Only change it if you mean to share the site on your network.") var host = "127.0.0.1"
  @Flag(help: "Open the site in the default browser.") var open = false

  func run() async throws {
    let settings = guide.settings()
    let server = DevServer(settings: settings, options: .init(host: host, port: port))
    server.onRebuild = { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
    let bound = try await server.start()
    let display = host.contains(":") ? "[\(host)]" : host
    print("Serving on http://\(display):\(bound)/ (Ctrl-C to stop)")
    fflush(stdout)
    if open {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["xdg-open", "http://\(display):\(bound)/"]
      try? process.run()
    }
    while true { try await Task.sleep(nanoseconds: 3_600_000_000_000) }
  }
}
