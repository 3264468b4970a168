import Foundation
import SyllabusModel
import SyllabusResolver

/// The render stage: turns the resolved site and its parsed Markdown into output files.
/// Pages are independent, so they are rendered in parallel on every core.
public struct SiteRenderer: Sendable {
  let site: ResolvedSite
  let documents: [String: MarkdownDocument]
  let templates: TemplateSet
  /// Header and sidebar HTML already rendered for this site, shared by the render threads.
  let frames = FrameCache()

  public init(site: ResolvedSite, documents: [String: MarkdownDocument], templates: TemplateSet) {
    self.site = site
    self.documents = documents
    self.templates = templates
  }

  /// One page to render: where it goes, what it shows, and how to build it. `serve` uses
  /// the two source lists to re-render only what an edit affects.
  struct Job {
    var url: String
    /// The Markdown sources (by path) whose bodies the page shows; nil when it must always
    /// be rendered.
    var bodies: [String]?
    /// The question files whose front matter the page shows (titles, levels, tags, order).
    /// guide.yml and the front matter of chapters, paths and pages are not listed: they reach
    /// every page (sidebar, header, counts), so a change to them re-renders the whole site.
    var frontMatter: [String]
    var render: (SiteRenderer) -> String

    init(url: String, bodies: [String]? = nil, frontMatter: [String] = [], render: @escaping (SiteRenderer) -> String) {
      self.url = url
      self.bodies = bodies
      self.frontMatter = frontMatter
      self.render = render
    }
  }

  /// Pages from an earlier render that may be reused: those that show none of the changed
  /// bodies and none of the changed front matter, then or now.
  public struct Reuse: Sendable {
    public var files: [String: OutputFile]
    public var changedBodies: Set<String>
    public var changedFrontMatter: Set<String>
    /// Each page's `frontMatter` when it was rendered: a question that leaves a tag or a level
    /// is no longer listed by that page now, but the old page still shows it.
    public var previousFrontMatter: [String: [String]]

    public init(
      files: [String: OutputFile], changedBodies: Set<String>, changedFrontMatter: Set<String> = [],
      previousFrontMatter: [String: [String]] = [:]
    ) {
      self.files = files
      self.changedBodies = changedBodies
      self.changedFrontMatter = changedFrontMatter
      self.previousFrontMatter = previousFrontMatter
    }

    func reusable(_ job: Job) -> OutputFile? {
      guard let bodies = job.bodies, changedBodies.isDisjoint(with: bodies),
        changedFrontMatter.isEmpty
          || (changedFrontMatter.isDisjoint(with: job.frontMatter)
            && changedFrontMatter.isDisjoint(with: previousFrontMatter[job.url] ?? []))
      else { return nil }
      return files[job.url]
    }
  }

  /// Renders every page, in parallel. With `reuse`, a page none of whose sources changed
  /// is taken from the earlier render: `serve` re-renders only what an edit affects.
  /// With `deferSearchIndex`, the search index is left out: `serve` builds it with
  /// `searchIndexFile()` only when a page asks for it, since it is the largest single piece of
  /// work in a one-file rebuild and nothing needs it to show the edited page.
  public func render(reuse: Reuse? = nil, deferSearchIndex: Bool = false) -> [OutputFile] {
    let jobs = pageJobs()
    var pages = [OutputFile?](repeating: nil, count: jobs.count)
    pages.withUnsafeMutableBufferPointer { buffer in
      let out = buffer
      DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
        out[i] = reuse?.reusable(jobs[i]) ?? OutputFile(path: jobs[i].url, text: jobs[i].render(self))
      }
    }
    var files = pages.compactMap { $0 }
    files += templates.assets.map { OutputFile(path: $0.path, contents: $0.contents) }
    if !deferSearchIndex { files.append(searchIndexFile()) }
    // Practice data comes from front matter only.
    let practice = reuse.flatMap { $0.changedFrontMatter.isEmpty ? $0.files[SiteURL.practiceData] : nil }
    files.append(practice ?? OutputFile(path: SiteURL.practiceData, text: practiceData()))
    if let sitemap = sitemap(urls: jobs.map(\.url)) { files.append(OutputFile(path: "sitemap.xml", text: sitemap)) }
    return files.sorted { $0.path < $1.path }
  }

  /// Each page's `frontMatter` list (see `Job`), for the next incremental render.
  public func pageFrontMatter() -> [String: [String]] {
    Dictionary(pageJobs().map { ($0.url, $0.frontMatter) }, uniquingKeysWith: { a, _ in a })
  }

  /// `assets/search-index.js`.
  public func searchIndexFile() -> OutputFile {
    let index = searchIndex().javascript(
      topics: site.topics.map { ($0.id, $0.title) }, levels: site.guide.levels.map { ($0.id, $0.title) })
    return OutputFile(path: SiteURL.searchIndex, text: index)
  }

  func pageJobs() -> [Job] {
    let allQuestions = site.allQuestions.map(\.body.path)
    var jobs: [Job] = [
      // Home counts questions per level; the tag index counts them per tag.
      Job(url: SiteURL.home, bodies: site.pages.filter { $0.id == "home" }.map(\.body.path), frontMatter: allQuestions) { $0.home() },
      Job(url: SiteURL.map, bodies: []) { $0.mapPage() },
      Job(url: SiteURL.cheatSheets, bodies: site.topics.map(\.body.path)) { $0.allCheatSheets() },
      Job(url: SiteURL.tags, bodies: [], frontMatter: allQuestions) { $0.tagIndex() },
      Job(url: SiteURL.notFound, bodies: []) { $0.notFound() },
      Job(url: SiteURL.search, bodies: []) { $0.searchPage() },
      Job(url: SiteURL.practice) { $0.practiceHub() },
      Job(url: SiteURL.assessment) { $0.assessmentPage() },
      Job(url: SiteURL.flashcards) { $0.flashcardsPage() },
      Job(url: SiteURL.drill) { $0.drillPage() },
      Job(url: SiteURL.mockInterview) { $0.mockPage() },
    ]
    for (index, topic) in site.topics.enumerated() {
      let questions = site.questionsByTopic[topic.id] ?? []
      jobs.append(Job(url: SiteURL.topic(topic.id), bodies: [topic.body.path], frontMatter: questions.map(\.body.path)) {
        $0.topicPage(topic, index: index)
      })
      if documents[topic.body.path]?.section(titled: "Cheat sheet") != nil {
        jobs.append(Job(url: SiteURL.cheatSheet(topic.id), bodies: [topic.body.path]) { $0.cheatSheetPage(topic) })
      }
      for (i, question) in questions.enumerated() {
        // The pager shows the titles of the questions before and after this one.
        let neighbours = [i - 1, i + 1].filter { questions.indices.contains($0) }.map { questions[$0].body.path }
        jobs.append(Job(url: SiteURL.question(topic: topic.id, id: question.id), bodies: [question.body.path], frontMatter: [question.body.path] + neighbours) {
          $0.questionPage(question, in: topic, siblings: questions, index: i)
        })
      }
    }
    for path in site.paths {
      jobs.append(Job(url: SiteURL.path(path.id), bodies: [path.body.path], frontMatter: allQuestions) { $0.pathPage(path) })
    }
    for level in site.guide.levels {
      let listed = site.allQuestions.filter { $0.level.value == level.id }.map(\.body.path)
      jobs.append(Job(url: SiteURL.level(level.id), bodies: [], frontMatter: listed) { $0.levelPage(level) })
    }
    for entry in site.tags {
      jobs.append(Job(url: SiteURL.tag(entry.tag), bodies: [], frontMatter: entry.questions.map(\.body.path)) { $0.tagPage(entry.tag, entry.questions) })
    }
    for page in site.pages { jobs.append(Job(url: SiteURL.page(page.id), bodies: [page.body.path]) { $0.freePage(page) }) }
    return jobs
  }

  // MARK: - Layout

  func layout(
    url: String, title: String, kind: String, content: String, breadcrumbs: [LinkView] = [],
    toc: [Heading] = [], prev: LinkView? = nil, next: LinkView? = nil, currentTopic: String? = nil
  ) -> String {
    let root = SiteURL.rootPrefix(from: url)
    let entries = toc.filter { $0.level == 2 || $0.level == 3 }.map { TOCEntry(text: $0.text, id: $0.id, sub: $0.level == 3) }
    let context = LayoutContext(
      root: root, siteTitle: site.guide.title, pageTitle: title, description: site.guide.description, kind: kind,
      canonical: site.guide.baseURL.map { $0 + (url == SiteURL.home ? "" : url) }, homeURL: root + SiteURL.home,
      headerHTML: header(root: root), sidebarHTML: sidebar(root: root, current: currentTopic),
      breadcrumbs: breadcrumbs, hasBreadcrumbs: !breadcrumbs.isEmpty,
      toc: entries, hasTOC: entries.count >= 2, prev: prev, next: next, hasPager: prev != nil || next != nil,
      isHome: url == SiteURL.home, contentHTML: content)
    return templates.render(context, with: "layout")
  }

  /// The site header for pages `root` away from the site's root, rendered once per depth.
  func header(root: String) -> String {
    frames.fragment(for: "header\u{0}" + root) {
      let links = [
        LinkView(title: "Search", url: root + SiteURL.search), LinkView(title: "Map", url: root + SiteURL.map),
        LinkView(title: "Cheat sheets", url: root + SiteURL.cheatSheets),
        LinkView(title: "Practice", url: root + SiteURL.practice),
      ]
      let context = HeaderContext(
        siteTitle: site.guide.title, homeURL: root + SiteURL.home,
        headerLinks: links + site.pages.map { LinkView(title: $0.title, url: root + SiteURL.page($0.id)) })
      return templates.renderFragment(context, with: "header")
    }
  }

  /// The chapter sidebar, rendered once per depth and current chapter: a question page would
  /// otherwise pay for every chapter link again, the largest share of its template work.
  func sidebar(root: String, current: String?) -> String {
    frames.fragment(for: "sidebar\u{0}" + root + "\u{0}" + (current ?? "")) {
      templates.renderFragment(SidebarContext(nav: navigation(root: root, current: current)), with: "sidebar")
    }
  }

  /// Above this many chapters the sidebar lists only the current layer's chapters and links
  /// the other layers to the map: a full list on every page would make the site grow with
  /// pages × chapters (mdBook's sidebar once made one book 88 MiB).
  static let fullSidebarLimit = 24

  func navigation(root: String, current: String?) -> [NavLayer] {
    let numbers = Dictionary(uniqueKeysWithValues: site.topics.enumerated().map { ($1.id, $0 + 1) })
    let currentLayer = site.topics.first { $0.id == current }?.layer.value
    let collapse = site.topics.count > Self.fullSidebarLimit
    var groups = site.guide.layers.map { layer -> NavLayer in
      let topics = site.topics.filter { $0.layer.value == layer.id }
      if collapse && layer.id != currentLayer {
        let summary = topics.isEmpty ? nil : "\(topics.count) chapters on the map"
        return NavLayer(title: layer.title, color: layer.color, topics: [], collapsedURL: summary.map { _ in root + SiteURL.map }, collapsedText: summary)
      }
      return NavLayer(title: layer.title, color: layer.color, topics: topics.map {
        NavTopic(number: numbers[$0.id]!, title: $0.title, url: root + SiteURL.topic($0.id), current: $0.id == current)
      })
    }
    groups.removeAll { $0.topics.isEmpty && $0.collapsedURL == nil }
    return groups
  }

  func topicLink(_ id: String, root: String) -> LinkView? {
    site.topics.first { $0.id == id }.map { LinkView(title: $0.title, url: root + SiteURL.topic($0.id)) }
  }

  func item(_ q: Question, root: String) -> QuestionItem {
    QuestionItem(
      title: q.title, url: root + SiteURL.question(topic: q.topic.value, id: q.id),
      level: site.guide.levels.first { $0.id == q.level.value }?.title ?? q.level.value, tldr: q.tldr,
      topicTitle: site.topics.first { $0.id == q.topic.value }?.title ?? q.topic.value)
  }

  func document(_ source: MarkdownSource) -> MarkdownDocument { documents[source.path] ?? .empty }

  func mapSVG(root: String, focus: String? = nil, compact: Bool = false) -> String {
    MapSVG(layers: site.guide.layers, topics: site.topics, graph: site.graph).render(root: root, focus: focus, compact: compact)
  }

  // MARK: - Sitemap

  func sitemap(urls: [String]) -> String? {
    guard let base = site.guide.baseURL else { return nil }
    let entries = urls.filter { $0 != SiteURL.notFound }.sorted().map { "  <url><loc>\(HTML.escape(base + ($0 == SiteURL.home ? "" : $0)))</loc></url>" }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n" + entries.joined(separator: "\n") + "\n</urlset>\n"
  }
}

/// Rendered fragments by key, filled on first use by whichever render thread needs one.
/// Two threads may render the same fragment at once; both results are identical, so the
/// later store is harmless, and holding the lock only around the dictionary keeps it short.
final class FrameCache: @unchecked Sendable {
  private var fragments: [String: String] = [:]
  private let lock = NSLock()

  func fragment(for key: String, render: () -> String) -> String {
    lock.lock()
    let known = fragments[key]
    lock.unlock()
    if let known { return known }
    let fresh = render()
    lock.lock()
    fragments[key] = fresh
    lock.unlock()
    return fresh
  }
}
