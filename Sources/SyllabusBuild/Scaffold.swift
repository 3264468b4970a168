import Foundation
import SyllabusLoader
import SyllabusModel

/// `syllabus new`: a new source file with the right front matter and section headings.
public enum Scaffold {
  public enum Kind: String, CaseIterable, Sendable {
    case topic, question, path, page
  }

  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// Writes the file and returns its path; refuses invalid ids and existing files.
  public static func create(_ kind: Kind, id: String, topic: String?, content: URL) throws -> URL {
    guard Identifier.isValid(id) else { throw Failure(description: "invalid id `\(id)`: \(Identifier.rule)") }
    let relative: String
    switch kind {
    case .topic: relative = "topics/\(id).md"
    case .path: relative = "paths/\(id).md"
    case .page: relative = "pages/\(id).md"
    case .question:
      guard let topic else { throw Failure(description: "a question needs its chapter: add `--topic <topic-id>`") }
      guard Identifier.isValid(topic) else { throw Failure(description: "invalid topic id `\(topic)`: \(Identifier.rule)") }
      guard FileManager.default.fileExists(atPath: content.appendingPathComponent("topics/\(topic).md").path) else {
        throw Failure(description: "no chapter `\(topic)` (content/topics/\(topic).md); create it first with `syllabus new topic \(topic)`")
      }
      relative = "questions/\(topic)/\(id).md"
    }
    let url = content.appendingPathComponent(relative)
    guard !FileManager.default.fileExists(atPath: url.path) else {
      throw Failure(description: "\(relative) already exists; refusing to overwrite it")
    }
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    // O_EXCL-style: `withoutOverwriting` fails if the file appeared since the check above.
    let guide = ContentLoader(root: content, displayRoot: "").guide().guide
    try Data(template(kind, id: id, guide: guide).utf8).write(to: url, options: .withoutOverwriting)
    return url
  }

  static func title(_ id: String) -> String {
    id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
  }

  /// `guide` supplies the layer and level to start from, so a new file builds in any guide:
  /// its first layer, and its middle level (`mid` of junior/mid/senior). Without a readable
  /// guide.yml the bundled guide's ids stand in; the build then reports guide.yml anyway.
  static func template(_ kind: Kind, id: String, guide: Guide? = nil) -> String {
    let layer = guide?.layers.first?.id ?? "foundational"
    let levels = guide?.levels ?? []
    let level = levels.isEmpty ? "mid" : levels[(levels.count - 1) / 2].id
    switch kind {
    case .topic:
      return """
        ---
        title: "\(title(id))"
        layer: \(layer)
        requires: []
        summary: "One sentence: why this matters in an interview."
        frequency: "How often it comes up, and who asks it deepest."
        core_question: "The question an interviewer opens with."
        must_include:
          - "First point of a 60-second answer"
        ---
        Why this topic matters, and what depth each kind of company expects.

        ## Key concepts

        ## Practice problems

        ## Cheat sheet

        | Fact | Number |
        |---|---|

        ## Review checkpoints

        ### Day 0

        """
    case .question:
      return """
        ---
        title: "\(title(id))?"
        level: \(level)
        tags: []
        tldr: "The answer in one or two sentences."
        ---
        ## Answer

        ## Hints

        1. **Direction:** where to start.
        2. **Insight:** the idea that unlocks it.

        ## Pitfalls

        - What weak answers get wrong.

        ## Follow-ups

        - What the interviewer asks next.

        """
    case .path:
      return """
        ---
        title: "\(title(id))"
        audience: "Who this path is for."
        plan:
          - week: 1
            topics: []
            focus: "What to concentrate on this week."
        ---
        How to spend each week.

        """
    case .page:
      return """
        ---
        title: "\(title(id))"
        ---
        Write the page here.

        """
    }
  }
}
