import ArgumentParser
import Foundation
import SyllabusBuild

struct New: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Create a topic, question, path or page with the right front matter.",
    discussion: """
      Never overwrites an existing file.

      Examples:
        syllabus new topic vector-search
        syllabus new question hnsw-vs-ivf --topic rag-systems
        syllabus new path data-engineer
        syllabus new page glossary
      """
  )

  @Argument(help: "What to create: topic, question, path or page.") var kind: Scaffold.Kind
  @Argument(help: "The new id: lowercase letters, digits and '-'.") var id: String
  @Option(help: "For a question: the chapter (topic id) it belongs to.") var topic: String?
  @Option(help: "The content folder.") var content = "content"

  func run() throws {
    do {
      let url = try Scaffold.create(kind, id: id, topic: topic, content: URL(fileURLWithPath: content))
      print("created \(Pipeline.displayPath(url))")
    } catch let failure as Scaffold.Failure {
      Console().error(failure.description)
      throw ExitStatus.failure.exitCode
    }
  }
}

extension Scaffold.Kind: ExpressibleByArgument {}
