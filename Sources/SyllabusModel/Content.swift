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
