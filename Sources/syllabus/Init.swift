import ArgumentParser
import Foundation
import SyllabusBuild
import SyllabusTheme

/// `syllabus init`: a new guide project whose starter pages explain the format, and which
/// passes `check --strict` and `build --strict` as written (InitTests holds it to that).
struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Start a new guide: a content/ folder with a small starter guide.",
    discussion: """
      Writes DIR/content/ (guide.yml, two chapters, two questions, a path and a page that \
      explain the format). Refuses to overwrite any file. The theme is built in: nothing else \
      is needed to build. Run `syllabus theme export DIR/templates` to customise it.

      Examples:
        syllabus init
        syllabus init my-guide --title "Distributed Systems Interviews"
      """
  )

  @Argument(help: "The folder to create the guide in (default: the current folder).") var directory = "."
  @Option(help: "The guide's title (default: the starter's).") var title: String?

  func run() throws {
    let folder = URL(fileURLWithPath: directory).standardizedFileURL
    var files = EmbeddedFiles.starter
    if let title, let guide = files["content/guide.yml"] {
      files["content/guide.yml"] = Data(Scaffold.replacingTitle(in: String(decoding: guide, as: UTF8.self), with: title).utf8)
    }
    // An existing .gitignore is the author's (init in a repository): it stays, and init goes on.
    if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".gitignore").path) { files[".gitignore"] = nil }
    do {
      try EmbeddedFiles.write(files, into: folder)
    } catch let refusal as EmbeddedFiles.WriteRefusal {
      FileHandle.standardError.write(Data("error: \(refusal.description)\n".utf8))
      throw ExitCode(1)
    }
    let shown = Pipeline.displayPath(folder)
    let cd = shown == "." ? "" : "cd \(shown) && "
    print("""
      created a guide in \(shown) (\(files.keys.filter { $0.hasPrefix("content/") }.count) files under content/)
      next: \(cd)syllabus serve    (or `syllabus build` to write public/)
      """)
  }
}
