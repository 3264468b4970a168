import ArgumentParser
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

@main
struct Syllabus: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Build an interview study guide from a folder of Markdown.",
    // Prose lines end in `\` so that --help gets whole paragraphs and wraps them to the
    // terminal itself; only the line breaks that mean something are real.
    discussion: """
      A guide is a `content/` folder (guide.yml, topics/, questions/, paths/, pages/); the theme \
      is built in, and a `templates/` folder beside `content/` overrides it file by file. \
      `syllabus init` starts one; `syllabus build` renders it into plain HTML in `public/`. \
      Every command finds the guide from any folder inside it.

      \(ExitStatus.helpSection)
      """,
    version: Version.text,
    subcommands: [Build.self, Check.self, Init.self, New.self, Serve.self, Theme.self, ParseWorkerCommand.self],
    defaultSubcommand: Build.self
  )

  static func main() async {
    // A full disk or a file-size limit must surface as a write error with a message, not
    // kill the process (the default action of SIGXFSZ); SIGPIPE likewise for closed sockets.
    signal(SIGXFSZ, SIG_IGN)
    signal(SIGPIPE, SIG_IGN)
    do {
      var command = try parseAsRoot()
      if var async = command as? AsyncParsableCommand {
        try await async.run()
      } else {
        try command.run()
      }
    } catch {
      // ArgumentParser exits 64 on a usage error; like git and most tools, this one exits 2.
      guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
      FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
      Foundation.exit(ExitStatus.usage.rawValue)
    }
  }
}
