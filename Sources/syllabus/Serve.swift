import ArgumentParser
import Foundation
import SyllabusBuild
import SyllabusServer

#if canImport(Glibc)
  import Glibc
#endif

struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Serve the guide locally and rebuild it as you edit.",
    discussion: """
      Builds in memory (public/ is not touched), serves the site, watches content/ and \
      templates/, and reloads open pages once a rebuild has finished. A build error shows \
      over the last good page with file:line:column, and clears when fixed.

      If the port is taken, serve says so and exits 1: pick another with --port N, or let \
      --port 0 choose a free one (the first line printed gives the URL).

      Examples:
        syllabus serve
        syllabus serve --port 9000 --open
        syllabus serve --port 0
      """
  )

  @OptionGroup var guide: GuideOptions
  @Option(help: "Port to listen on (0 picks a free one).") var port: UInt16 = 8000
  @Option(help: "Address to bind. Only change it if you mean to share the site on your network.") var host = "127.0.0.1"
  @Flag(help: "Open the site in the default browser.") var open = false

  func validate() throws {
    var bytes = in6_addr()
    guard inet_pton(host.contains(":") ? AF_INET6 : AF_INET, host, &bytes) == 1 else {
      throw ValidationError("--host takes an IP address of this machine, such as 127.0.0.1 or ::1; `\(host)` is not one")
    }
  }

  func run() async throws {
    let console = Console()
    let settings = guide.settings()
    let server = DevServer(settings: settings, options: .init(host: host, port: port))
    server.onRebuild = { line, diagnostics in
      console.write(line)
      console.report(diagnostics, warningsFail: false)
    }
    let bound: Int
    do {
      bound = try await server.start()
    } catch let failure as DevServer.ListenFailure {
      console.error(Self.explain(failure))
      throw ExitStatus.failure.exitCode
    }
    let display = host.contains(":") ? "[\(host)]" : host
    print("Serving on http://\(display):\(bound)/ (Ctrl-C to stop)")
    fflush(stdout)
    if open {
      let url = "http://\(display):\(bound)/"
      let cannot = "could not open a browser with xdg-open; open \(url) yourself (the site is served)"
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["xdg-open", url]
      // `env` starts even without xdg-open (it exits 127), so the exit status is what tells.
      process.terminationHandler = { if $0.terminationStatus != 0 { console.warning(cannot) } }
      do { try process.run() } catch { console.warning(cannot) }
    }
    while true { try await Task.sleep(nanoseconds: 3_600_000_000_000) }
  }

  /// What went wrong and which option fixes it.
  static func explain(_ failure: DevServer.ListenFailure) -> String {
    let what = "cannot serve on \(failure.address)"
    switch failure.code {
    case EADDRINUSE:
      return "\(what): the address is already in use (another `syllabus serve`?); stop that program, choose another port with --port N, or use --port 0 for a free one"
    case EADDRNOTAVAIL:
      return "\(what): that address does not belong to this machine; leave out --host to use 127.0.0.1, or give one of this machine's addresses"
    case EACCES:
      return "\(what): permission denied (ports below 1024 need privileges); choose a port of 1024 or above with --port N, or use --port 0 for a free one"
    default:
      return "\(what): \(String(cString: strerror(failure.code))); try another address with --host or another port with --port N (--port 0 picks a free one)"
    }
  }
}
