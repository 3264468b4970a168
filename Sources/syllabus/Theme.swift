import ArgumentParser
import Foundation
import SyllabusBuild
import SyllabusTheme

/// `syllabus theme export DIR`: the built-in theme written out, to customise. A templates/
/// folder beside content/ then overrides the built-in files it holds; files deleted from it
/// fall back to the built-in ones.
struct Theme: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Work with the built-in theme.",
    subcommands: [Export.self]
  )

  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the built-in templates and assets to DIR for editing.",
      discussion: """
        Refuses to overwrite any file. Keep only the files you change: every file missing \
        from the folder comes from the built-in theme.

        Examples:
          syllabus theme export templates
          syllabus build --templates my-theme
        """
    )

    @Argument(help: "The folder to write (templates/ beside content/ is picked up on its own).") var directory: String

    func run() throws {
      let folder = URL(fileURLWithPath: directory).standardizedFileURL
      do {
        try EmbeddedFiles.write(EmbeddedFiles.theme, into: folder)
      } catch let refusal as EmbeddedFiles.WriteRefusal {
        FileHandle.standardError.write(Data("error: \(refusal.description)\n".utf8))
        throw ExitCode(1)
      }
      print("wrote \(EmbeddedFiles.theme.count) theme files to \(Pipeline.displayPath(folder))")
    }
  }
}
