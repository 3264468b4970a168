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

  /// What a new file takes from the guide it is written into, so that it builds at once.
  struct Context {
    var layer: String
    var level: String
    /// A chapter with no prerequisite (the first by `order`, then id), for week 1 of a path.
    var firstTopic: String?
    var topics: [String]
    /// Section headings in the guide's language (`## Antwort` in a German guide).
    var strings: UIStrings
  }

  /// Reads the guide's guide.yml and chapters; fails when guide.yml itself does not load.
  static func context(content: URL) throws -> Context {
    let loaded = ContentLoader(root: content, displayRoot: Pipeline.displayPath(content)).load()
    guard let site = loaded.site, let layer = site.guide.layers.first, let level = site.guide.levels.first else {
      let first = loaded.diagnostics.first { $0.severity == .error }.map { "\n\($0)" } ?? ""
      throw Failure(description: "cannot read the guide in \(Pipeline.displayPath(content)); fix guide.yml first (`syllabus check`)\(first)")
    }
    let topics = site.topics.sorted { ($0.order ?? Int.max, $0.id) < ($1.order ?? Int.max, $1.id) }
    return Context(layer: layer.id, level: level.id, firstTopic: topics.first { $0.requires.isEmpty }?.id, topics: topics.map(\.id).sorted(),
      strings: site.guide.strings)
  }

  /// Writes the file and returns its path; refuses invalid ids and existing files.
  public static func create(_ kind: Kind, id: String, topic: String?, content: URL) throws -> URL {
    guard Identifier.isValid(id) else { throw Failure(description: "invalid id `\(id)`: \(Identifier.rule)") }
    let guide = try context(content: content)
    let known = guide.topics.isEmpty ? "there are no chapters yet" : "chapters: " + guide.topics.prefix(8).map { "`\($0)`" }.joined(separator: ", ")
    let relative: String
    switch kind {
    case .topic: relative = "topics/\(id).md"
    case .path:
      guard guide.firstTopic != nil else {
        throw Failure(description: "a path plans chapters week by week, and \(guide.topics.isEmpty ? "there are no chapters yet" : "every chapter requires another (a cycle?)"); create one first with `syllabus new topic ID`")
      }
      relative = "paths/\(id).md"
    case .page: relative = "pages/\(id).md"
    case .question:
      guard let topic else { throw Failure(description: "a question needs its chapter: add `--topic <topic-id>` (\(known))") }
      guard Identifier.isValid(topic) else { throw Failure(description: "invalid topic id `\(topic)`: \(Identifier.rule)") }
      guard FileManager.default.fileExists(atPath: content.appendingPathComponent("topics/\(topic).md").path) else {
        throw Failure(description: "no chapter `\(topic)` (content/topics/\(topic).md; \(known)); create it first with `syllabus new topic \(topic)`")
      }
      relative = "questions/\(topic)/\(id).md"
    }
    let url = content.appendingPathComponent(relative)
    guard !FileManager.default.fileExists(atPath: url.path) else {
      throw Failure(description: "\(relative) already exists; refusing to overwrite it")
    }
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    // O_EXCL-style: `withoutOverwriting` fails if the file appeared since the check above.
    try Data(template(kind, id: id, guide: guide).utf8).write(to: url, options: .withoutOverwriting)
    return url
  }

  static func title(_ id: String) -> String { Identifier.title(of: id) }

  /// guide.yml with its top-level `title:` line replaced by `title` (quoted for YAML).
  public static func replacingTitle(in yaml: String, with title: String) -> String {
    // A YAML double-quoted scalar: backslash, quote and line breaks escaped.
    let escaped = title.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\t", with: "\\t")
    let quoted = "\"" + escaped + "\""
    var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if let index = lines.firstIndex(where: { $0.hasPrefix("title:") }) { lines[index] = "title: " + quoted } else { lines.insert("title: " + quoted, at: 0) }
    return lines.joined(separator: "\n")
  }

  static func template(_ kind: Kind, id: String, guide: Context) -> String {
    let s = guide.strings
    switch kind {
    case .topic:
      return """
        ---
        title: "\(title(id))"
        layer: \(guide.layer)
        requires: []
        summary: "One sentence: why this matters in an interview."
        frequency: "How often it comes up, and who asks it deepest."
        core_question: "The question an interviewer opens with."
        must_include:
          - "First point of a 60-second answer"
        ---
        Why this topic matters, and what depth each kind of company expects.

        ## \(s["scaffold_key_concepts"])

        ## \(s["scaffold_practice_problems"])

        ## \(s[SectionName.cheatSheet.rawValue])

        | Fact | Number |
        |---|---|

        ## \(s["scaffold_review"])

        ### Day 0

        """
    case .question:
      return """
        ---
        title: "\(title(id))?"
        level: \(guide.level)
        tags: []
        tldr: "The answer in one or two sentences."
        ---
        ## \(s[SectionName.answer.rawValue])

        ## \(s[SectionName.hints.rawValue])

        1. **Direction:** where to start.
        2. **Insight:** the idea that unlocks it.

        ## \(s[SectionName.pitfalls.rawValue])

        - What weak answers get wrong.

        ## \(s[SectionName.followUps.rawValue])

        - What the interviewer asks next.

        """
    case .path:
      return """
        ---
        title: "\(title(id))"
        audience: "Who this path is for."
        plan:
          - week: 1
            topics: [\(guide.firstTopic ?? "")]
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
