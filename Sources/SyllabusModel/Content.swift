/// Markdown text of one source file after its front matter, with where it starts in the file
/// (so cmark's line numbers can be mapped back to what the author sees).
public struct MarkdownSource: Sendable, Hashable {
  /// Path relative to the content folder, e.g. `topics/my-chapter.md`.
  public var path: String
  /// Path as shown in diagnostics (relative to the working directory when possible).
  public var displayPath: String
  public var text: String
  /// 1-based line of the file on which `text` begins.
  public var firstLine: Int

  public init(path: String, displayPath: String, text: String, firstLine: Int) {
    self.path = path
    self.displayPath = displayPath
    self.text = text
    self.firstLine = firstLine
  }

  public func location(line: Int, column: Int) -> SourceLocation {
    SourceLocation(file: displayPath, line: firstLine + line - 1, column: column)
  }
}

/// A chapter: `content/topics/<id>.md`.
public struct Topic: Sendable {
  public var id: String
  public var title: String
  public var layer: Located<String>
  public var order: Int?
  public var requires: [Located<String>]
  public var summary: String?
  public var frequency: String?
  public var coreQuestion: String?
  public var mustInclude: [String]
  public var body: MarkdownSource
  public var location: SourceLocation

  public init(
    id: String, title: String, layer: Located<String>, order: Int? = nil,
    requires: [Located<String>] = [], summary: String? = nil, frequency: String? = nil,
    coreQuestion: String? = nil, mustInclude: [String] = [], body: MarkdownSource,
    location: SourceLocation
  ) {
    self.id = id
    self.title = title
    self.layer = layer
    self.order = order
    self.requires = requires
    self.summary = summary
    self.frequency = frequency
    self.coreQuestion = coreQuestion
    self.mustInclude = mustInclude
    self.body = body
    self.location = location
  }
}

extension Topic: FrontMatterKind {
  public static let fields: [FrontMatterField<Topic>] = [
    .init("id", .fileID, meaning: "Ignored: the id is the file name."),
    .init("title", .requiredText(\.title), required: true, template: "title", example: "\"{title}\"", meaning: "Chapter title."),
    .init("layer", .reference(\.layer), required: true, example: "{layer}", meaning: "One of the `layers` ids."),
    .init("order", .number(\.order), meaning: "Breaks ties in the study order (see below)."),
    .init("requires", .references(\.requires, what: "topic"), example: "[{other_topic}]",
      meaning: "Topic ids this chapter builds on. These are the edges of the dependency graph."),
    .init("summary", .text(\.summary), template: "summary", meaning: "Short text shown in the chapter header."),
    .init("frequency", .text(\.frequency), template: "frequency", meaning: "Short text shown in the chapter header."),
    .init("core_question", .text(\.coreQuestion), template: "coreQuestion", meaning: "Short text shown in the chapter header and on its cheat sheet."),
    .init("must_include", .texts(\.mustInclude), template: "mustInclude", example: "[\"point one\", \"point two\"]",
      meaning: "List of points a 60-second answer must cover."),
  ]
}

/// An interview question: `content/questions/<topic>/<slug>.md`.
public struct Question: Sendable {
  public var id: String
  public var title: String
  public var topic: Located<String>
  public var level: Located<String>
  public var tags: [Located<String>]
  public var roles: [Located<String>]?
  public var tldr: String?
  public var order: Int?
  /// Extension: a chapter's practice problem (graduated hints and a rubric), listed apart.
  public var isPractice: Bool
  public var body: MarkdownSource
  public var location: SourceLocation

  public init(
    id: String, title: String, topic: Located<String>, level: Located<String>,
    tags: [Located<String>] = [], roles: [Located<String>]? = nil, tldr: String? = nil,
    order: Int? = nil, isPractice: Bool = false, body: MarkdownSource, location: SourceLocation
  ) {
    self.id = id
    self.title = title
    self.topic = topic
    self.level = level
    self.tags = tags
    self.roles = roles
    self.tldr = tldr
    self.order = order
    self.isPractice = isPractice
    self.body = body
    self.location = location
  }

  /// Unique across the site: questions are unique within their topic folder.
  public var key: String { "\(topic.value)/\(id)" }
}

extension Question: FrontMatterKind {
  public static let fields: [FrontMatterField<Question>] = [
    .init("id", .fileID, meaning: "Ignored: the id is the file name."),
    .init("title", .requiredText(\.title), required: true, template: "title", example: "\"{title}?\"",
      meaning: "The question as the interviewer says it."),
    .init("topic", .reference(\.topic), default: "the folder name",
      meaning: "Topic id. It must exist. The page goes under this topic's folder."),
    .init("level", .reference(\.level), required: true, example: "{level}", meaning: "One of the `levels` ids."),
    .init("tags", .labels(\.tags), example: "[{topic}]", meaning: "List of free-text tags (at most `limits: max_tags`)."),
    .init("roles", .optionalReferences(\.roles, what: "role"), example: "[{path}]",
      meaning: "Path ids; see \"Questions on a path page\" below."),
    .init("tldr", .text(\.tldr), template: "tldr", meaning: "The short answer, shown as \"In short\" above the answer."),
    .init("order", .number(\.order), meaning: "Position within the topic."),
    .init("practice", .flag(\.isPractice), default: "`false`", template: "isPractice",
      meaning: "**Extension.** `true` lists the question under \"Practice problems\" on the chapter page, separate from the interview questions, and its page is labelled \"practice problem\"."),
  ]
}

/// A role's study plan: `content/paths/<role-id>.md`.
public struct StudyPath: Sendable {
  public struct Week: Sendable {
    public var week: Int
    public var topics: [Located<String>]
    public var focus: String
    public var location: SourceLocation

    public init(week: Int, topics: [Located<String>], focus: String, location: SourceLocation) {
      self.week = week
      self.topics = topics
      self.focus = focus
      self.location = location
    }
  }

  public var id: String
  public var title: String
  public var weeks: Int
  public var audience: String?
  public var plan: [Week]
  /// Extension: topics the path expects the reader to skim from their cheat sheets first;
  /// they count as known from week 0 when the path is checked against the graph.
  public var assumes: [Located<String>]
  public var body: MarkdownSource
  public var location: SourceLocation

  public init(
    id: String, title: String, weeks: Int, audience: String? = nil, plan: [Week],
    assumes: [Located<String>] = [], body: MarkdownSource, location: SourceLocation
  ) {
    self.id = id
    self.title = title
    self.weeks = weeks
    self.audience = audience
    self.plan = plan
    self.assumes = assumes
    self.body = body
    self.location = location
  }
}

extension StudyPath: FrontMatterKind {
  public static let fields: [FrontMatterField<StudyPath>] = [
    .init("id", .fileID, meaning: "Ignored: the id is the file name."),
    .init("title", .requiredText(\.title), required: true, template: "title", example: "\"{title}\"", meaning: "Role name."),
    .init("weeks", .custom(type: "whole number"), default: "the number of `plan` entries", example: "4",
      meaning: "Length of the plan."),
    .init("audience", .text(\.audience), template: "audience", meaning: "Who the path is for."),
    .init("plan", .custom(type: "list of `{week, topics, focus}`"), required: true,
      meaning: "The weeks. `week` defaults to the entry's position, and `topics` must not be empty."),
    .init("assumes", .references(\.assumes, what: "topic"), example: "[{other_topic}]",
      meaning: "**Extension.** Topics the reader should already know. The path does not schedule them. The page links each one to its cheat sheet under \"Skim first\"."),
  ]
}

/// A free-standing page: `content/pages/<slug>.md`.
public struct Page: Sendable {
  public var id: String
  public var title: String
  public var order: Int?
  public var body: MarkdownSource
  public var location: SourceLocation

  public init(id: String, title: String, order: Int? = nil, body: MarkdownSource, location: SourceLocation) {
    self.id = id
    self.title = title
    self.order = order
    self.body = body
    self.location = location
  }
}

extension Page: FrontMatterKind {
  public static let fields: [FrontMatterField<Page>] = [
    .init("id", .fileID, meaning: "Ignored: the id is the file name."),
    .init("title", .requiredText(\.title), required: true, template: "title", example: "\"{title}\"", meaning: "Page title."),
    .init("order", .number(\.order), meaning: "Position in the header's links (then the id)."),
  ]
}

/// Everything the load stage read from `content/`, before any Markdown is parsed.
public struct SiteSource: Sendable {
  public var guide: Guide
  public var topics: [Topic]
  public var questions: [Question]
  public var paths: [StudyPath]
  public var pages: [Page]
  /// A hash of each Markdown file's path and front matter, by source path (as in
  /// `MarkdownSource.path`), and of guide.yml under "guide.yml": what the site's structure
  /// depends on besides Markdown bodies, so `serve` can tell what an edit changed.
  public var frontMatter: [String: Int] = [:]

  public init(guide: Guide, topics: [Topic] = [], questions: [Question] = [], paths: [StudyPath] = [], pages: [Page] = []) {
    self.guide = guide
    self.topics = topics
    self.questions = questions
    self.paths = paths
    self.pages = pages
  }

  /// Every Markdown body, in a stable order.
  public var documents: [MarkdownSource] {
    topics.map(\.body) + questions.map(\.body) + paths.map(\.body) + pages.map(\.body)
  }
}
