import SyllabusModel

/// The site after the resolve stage: every reference checked, topics in study order,
/// questions grouped, tags collected. This is all the renderer needs besides parsed Markdown.
public struct ResolvedSite: Sendable {
  public var guide: Guide
  /// Topics in study order.
  public var topics: [Topic]
  public var graph: TopicGraph
  /// Questions of each topic, ordered by `order`, then title.
  public var questionsByTopic: [String: [Question]]
  public var paths: [StudyPath]
  public var pages: [Page]
  /// Tag → questions carrying it, tags sorted.
  public var tags: [(tag: String, questions: [Question])]

  public var allQuestions: [Question] { topics.flatMap { questionsByTopic[$0.id] ?? [] } }

  /// The study paths whose pages list a question: those that schedule its topic and, when the
  /// question names `roles:`, are among them.
  public func roles(of question: Question) -> [StudyPath] {
    paths.filter { path in
      path.plan.contains { $0.topics.contains { $0.value == question.topic.value } }
        && (question.roles.map { $0.contains { $0.value == path.id } } ?? true)
    }
  }

  /// The same site with every body's text emptied: what the parse read, which the renderer
  /// and the deck never do (they show the parsed documents), so a build lets it go.
  public func withoutSourceText() -> ResolvedSite {
    func blank<T>(_ values: [T], _ body: WritableKeyPath<T, MarkdownSource>) -> [T] {
      values.map { value in
        var value = value
        value[keyPath: body].text = ""
        return value
      }
    }
    var site = self
    site.topics = blank(topics, \.body)
    site.questionsByTopic = questionsByTopic.mapValues { blank($0, \.body) }
    site.paths = blank(paths, \.body)
    site.pages = blank(pages, \.body)
    site.tags = tags.map { ($0.tag, blank($0.questions, \.body)) }
    return site
  }
}

/// The resolve stage: ids, layers, levels, the topic graph, study paths and links.
public enum SiteResolver {
  public static func resolve(
    _ site: SiteSource, documents: [String: MarkdownDocument], links: LinkTable, diagnostics: inout [Diagnostic]
  ) -> ResolvedSite {
    let guide = site.guide
    let topics = unique(site.topics, key: \.id, at: \.location, what: "topic", diagnostics: &diagnostics)
    let questions = unique(site.questions, key: \.key, at: \.location, what: "question", diagnostics: &diagnostics)
    let paths = unique(site.paths, key: \.id, at: \.location, what: "path", diagnostics: &diagnostics)
    let pages = unique(site.pages, key: \.id, at: \.location, what: "page", diagnostics: &diagnostics)

    let layerIDs = guide.layers.map(\.id)
    for topic in topics where !layerIDs.contains(topic.layer.value) {
      diagnostics.append(.error(topic.layer.location, "unknown layer `\(topic.layer.value)`\(suggestion(topic.layer.value, among: layerIDs)); layers are declared in guide.yml"))
    }
    let graph = TopicGraph.build(topics, diagnostics: &diagnostics)
    let topicByID = Dictionary(topics.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let topicIDs = Array(topicByID.keys)
    let levelIDs = guide.levels.map(\.id)
    let pathIDs = paths.map(\.id)

    var byTopic: [String: [Question]] = [:]
    var tagged: [String: [Question]] = [:]
    var tagSpelling: [String: Located<String>] = [:]
    for q in questions {
      if topicByID[q.topic.value] == nil {
        diagnostics.append(.error(q.topic.location, "question belongs to unknown topic `\(q.topic.value)`\(suggestion(q.topic.value, among: topicIDs)); put it in `questions/<topic-id>/` or set `topic:`"))
        continue
      }
      if !levelIDs.contains(q.level.value) {
        diagnostics.append(.error(q.level.location, "unknown level `\(q.level.value)`\(suggestion(q.level.value, among: levelIDs)); levels are declared in guide.yml"))
      }
      for role in q.roles ?? [] where !pathIDs.contains(role.value) {
        diagnostics.append(.error(role.location, "unknown role `\(role.value)`\(suggestion(role.value, among: pathIDs)); roles are the ids of files in `paths/`"))
      }
      var seenTags = Set<String>()
      for tag in q.tags {
        let slug = Identifier.slug(tag.value)
        if slug.isEmpty {
          diagnostics.append(.error(tag.location, "tag `\(tag.value)` has no letters or digits; use words like `retrieval`"))
          continue
        }
        if let first = tagSpelling[slug], first.value != tag.value {
          diagnostics.append(.warning(tag.location, "tag `\(tag.value)` differs from `\(first.value)` (used at \(first.location.file):\(first.location.line)) only in spelling; use one form"))
        }
        tagSpelling[slug] = tagSpelling[slug] ?? tag
        if seenTags.insert(slug).inserted { tagged[slug, default: []].append(q) }
      }
      byTopic[q.topic.value, default: []].append(q)
    }
    for key in byTopic.keys {
      byTopic[key]!.sort { ($0.order ?? Int.max, $0.title, $0.id) < ($1.order ?? Int.max, $1.title, $1.id) }
    }

    for path in paths {
      checkPath(path, graph: graph, topics: topicByID, diagnostics: &diagnostics)
    }
    checkLinks(documents: documents, links: links, diagnostics: &diagnostics)

    let orderedTopics = graph.order.compactMap { topicByID[$0] }
    let tags = tagged.keys.sorted().map { (tag: tagSpelling[$0]!.value, questions: tagged[$0]!.sorted { $0.key < $1.key }) }
    return ResolvedSite(
      guide: guide, topics: orderedTopics, graph: graph, questionsByTopic: byTopic,
      paths: paths.sorted { $0.id < $1.id },
      pages: pages.sorted { ($0.order ?? Int.max, $0.id) < ($1.order ?? Int.max, $1.id) },
      tags: tags)
  }

  /// Keeps the first of each id and reports the others at their own file.
  static func unique<T>(
    _ items: [T], key: KeyPath<T, String>, at location: KeyPath<T, SourceLocation>, what: String, diagnostics: inout [Diagnostic]
  ) -> [T] {
    var first: [String: SourceLocation] = [:]
    var out: [T] = []
    for item in items {
      let id = item[keyPath: key]
      let location = item[keyPath: location]
      if let original = first[id] {
        diagnostics.append(.error(location, "duplicate \(what) id `\(id)`, already used by \(original.file); ids must be unique"))
        continue
      }
      first[id] = location
      out.append(item)
    }
    return out
  }

  /// A topic scheduled before one of its prerequisites, or a prerequisite missing from the
  /// path, is a warning (an error under --strict).
  static func checkPath(_ path: StudyPath, graph: TopicGraph, topics: [String: Topic], diagnostics: inout [Diagnostic]) {
    var position: [String: (week: Int, index: Int)] = [:]
    for topic in path.assumes {
      if topics[topic.value] == nil {
        diagnostics.append(.error(topic.location, "unknown topic `\(topic.value)` in `assumes`\(suggestion(topic.value, among: Array(topics.keys)))"))
      } else {
        position[topic.value] = (0, 0)
      }
    }
    var index = 0
    for week in path.plan {
      if week.week < 1 || week.week > path.weeks {
        diagnostics.append(.warning(week.location, "week \(week.week) is outside the path's \(path.weeks) weeks; fix `week:` or `weeks:`"))
      }
      for topic in week.topics {
        index += 1
        guard topics[topic.value] != nil else {
          diagnostics.append(.error(topic.location, "unknown topic `\(topic.value)` in the plan\(suggestion(topic.value, among: Array(topics.keys)))"))
          continue
        }
        if position[topic.value] == nil { position[topic.value] = (week.week, index) }
      }
    }
    for week in path.plan {
      for topic in week.topics where topics[topic.value] != nil {
        let mine = position[topic.value]!
        for prerequisite in graph.requires[topic.value] ?? [] {
          guard let theirs = position[prerequisite] else {
            diagnostics.append(.warning(topic.location, "`\(topic.value)` requires `\(prerequisite)`, which this path neither schedules nor assumes; add it to an earlier week or to `assumes:`"))
            continue
          }
          if (theirs.week, theirs.index) > (mine.week, mine.index) {
            diagnostics.append(.warning(topic.location, "`\(topic.value)` is scheduled in week \(mine.week), before its prerequisite `\(prerequisite)` (week \(theirs.week)); move it later or the prerequisite earlier"))
          }
        }
      }
    }
    for topic in path.assumes where topics[topic.value] != nil {
      for prerequisite in graph.requires[topic.value] ?? [] where position[prerequisite] == nil {
        diagnostics.append(.warning(topic.location, "assumed topic `\(topic.value)` requires `\(prerequisite)`, which this path neither schedules nor assumes"))
      }
    }
  }

  /// Every `.md` link must reach a source, and every `#anchor` a heading of that source.
  static func checkLinks(documents: [String: MarkdownDocument], links: LinkTable, diagnostics: inout [Diagnostic]) {
    for (source, document) in documents.sorted(by: { $0.key < $1.key }) {
      for link in document.links {
        guard let target = links.target(of: link.destination, from: source), links.pages[target.source] != nil else {
          diagnostics.append(.error(link.location, "link to `\(link.destination)` points to no topic, question, path or page; check the relative path from this file"))
          continue
        }
        if let anchor = target.anchor, let doc = documents[target.source], !doc.headings.contains(where: { $0.id == anchor }) {
          let ids = doc.headings.map(\.id)
          diagnostics.append(.error(link.location, "link to `\(link.destination)`: no heading with id `#\(anchor)` in \(target.source)\(suggestion(anchor, among: ids))"))
        }
      }
    }
  }
}
