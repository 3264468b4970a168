import ArgumentParser
import Foundation
import SyllabusBuild

struct New: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Create a topic, question, path or page with the right front matter.",
    discussion: """
      Reads the guide it is run in: a new chapter gets the first layer of guide.yml, a \
      question the first level, a path a first week with a chapter that has no prerequisite, \
      so every new file builds at once. Never overwrites an existing file.

      Examples:
        syllabus new topic my-chapter
        syllabus new question my-question --topic my-chapter
        syllabus new path four-weeks
        syllabus new page glossary
      """
  )

  @Argument(help: "What to create: topic, question, path or page.") var kind: Scaffold.Kind
  @Argument(help: "The new id: lowercase letters, digits and '-'.") var id: String
  @Option(help: "For a question: the chapter (topic id) it belongs to.") var topic: String?
  @Option(help: "The content folder (default: content/ of the guide found from here upward).") var content: String?

  func run() throws {
    do {
      let url = try Scaffold.create(kind, id: id, topic: topic, content: GuideOptions.locate(content: content, templates: nil).content)
      print("created \(Pipeline.displayPath(url))")
    } catch let failure as Scaffold.Failure {
      Console().error(failure.description)
      throw ExitStatus.failure.exitCode
    }
  }
}

extension Scaffold.Kind: ExpressibleByArgument {}
