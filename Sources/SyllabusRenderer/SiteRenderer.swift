import Foundation
import SyllabusModel
import SyllabusResolver

/// The render stage: turns the resolved site and its parsed Markdown into output files.
/// Pages are independent, so they are rendered in parallel on every core.
public struct SiteRenderer: Sendable {
  let site: ResolvedSite
  public private(set) var documents: [String: MarkdownDocument]
  /// `var` only so that each page's render can name its page in missing-value warnings.
  var templates: TemplateSet
  /// The guide's strings (built-in language plus strings.yml); templates read them as `t`.
  let strings: UIStrings
  /// Header and sidebar HTML already rendered for this site, shared by the render threads.
  let frames = FrameCache()
  /// Every chapter's and question's HTML as the print documents hold it, made once for all
  /// of them; `serve` and a cached build offer the previous render's (`reuse`).
  public let printFragments = PrintFragmentCache()
  /// Laid out once: every chapter page draws the same map with its own focus.
  let map: MapSVG
  /// Whether print documents are made in pieces (see `SiteRenderer+Print.swift`); off, each
  /// is rendered whole, which tests compare with.
  var printsInPieces = true

  public init(site: ResolvedSite, documents: [String: MarkdownDocument], templates: TemplateSet) {
    self.site = site
    self.documents = documents
    self.strings = site.guide.strings
    var templates = templates
    templates.strings = site.guide.strings.values
    templates.missingValues = MissingValueLog()
    self.templates = templates
    self.map = MapSVG(layers: site.guide.layers, topics: site.topics, graph: site.graph, title: site.guide.strings["map_svg_title"])
  }

  /// Renders every page, in parallel, and returns the whole site. With `reuse`, a page none
  /// of whose sources changed is taken from the earlier render: `serve` re-renders only what
  /// an edit affects. With `deferSearchIndex`, the search index is left out: `serve` builds it
  /// with `searchIndexFile()` only when a page asks for it, since it is the largest single
  /// piece of work in a one-file rebuild and nothing needs it to show the edited page.
  public func render(reuse: Reuse? = nil, deferSearchIndex: Bool = false) -> Rendered {
    let plan = plan(reuse: reuse, deferSearchIndex: deferSearchIndex)
    var files: [OutputFile] = []
    let warnings = render(plan, deliver: { files += $0 }, stream: { path, make in files.append(OutputFile(path: path, contents: Data(Self.collected(make)))) })
    return Rendered(
      files: files.sorted { $0.path < $1.path }, warnings: warnings, unchanged: plan.unchanged,
      pageFrontMatter: plan.pageFrontMatter, pageKinds: plan.pageKinds)
  }

  /// Renders the planned files batch by batch, each batch's pages in parallel, handing each
  /// batch to `deliver` as soon as it is done: the build writes it and lets it go, so memory
  /// holds one batch of pages rather than the whole site. A print document (the whole
  /// guide's text, tens of megabytes at 10,000 questions) goes to `stream` instead, with its
  /// path and the function that makes its bytes piece by piece (`PieceSink`), so it is never
  /// whole in memory. Returns the template values no page had (warnings).
  public func render(
    _ plan: Plan, deliver: ([OutputFile]) throws -> Void, stream: (String, (PieceSink) -> Void) throws -> Void
  ) rethrows -> [Diagnostic] {
    // The extras first: the search index is the largest of them, and made after the pages it
    // stood on top of the print fragments, which the renderer holds to its end.
    for extra in plan.extras { try deliver([extra.make()]) }
    for batch in plan.batches {
      if batch.count == 1, let pieces = plan.jobs[batch[0]].pieces, plan.earlier(plan.jobs[batch[0]]) == nil {
        var renderer = self
        renderer.templates.page = plan.jobs[batch[0]].url
        try stream(renderer.templates.page) { pieces(renderer, $0) }
        continue
      }
      var pages = [OutputFile?](repeating: nil, count: batch.count)
      pages.withUnsafeMutableBufferPointer { buffer in
        let out = buffer
        DispatchQueue.concurrentPerform(iterations: batch.count) { i in
          let job = plan.jobs[batch[i]]
          if let earlier = plan.earlier(job) {
            out[i] = earlier
            return
          }
          var renderer = self
          renderer.templates.page = job.url
          out[i] = OutputFile(path: job.url, contents: Data(job.render(renderer)))
        }
      }
      try deliver(pages.map { $0! })
    }
    return templates.missingValues?.diagnostics ?? []
  }

  /// What a render makes, known before any page is rendered, so the writer can list the whole
  /// site in its manifest first (`OutputWriter.begin`) and take the pages as they come.
  public struct Plan {
    let jobs: [Job]
    let reuse: Reuse?
    /// Indices into `jobs` of the pages to render (or take from `reuse.files`), by batch.
    let batches: [[Int]]
    /// The files made before the pages, one at a time: assets, search index, strings…
    let extras: [(path: String, make: () -> OutputFile)]
    /// `serve`'s earlier copy of the page, when it is unchanged.
    func earlier(_ job: Job) -> OutputFile? {
      guard let earlier = reuse?.files[job.url], reuse?.unchanged(job) == true else { return nil }
      return earlier
    }
    /// Every file `render(_:deliver:stream:)` hands over.
    public var paths: [String] { batches.joined().map { jobs[$0].url } + extras.map(\.path) }
    /// Pages `Reuse.previousSite` holds as they would be rendered now (never rendered).
    public let unchanged: [String]
    public var pageFrontMatter: [String: [String]] { Dictionary(jobs.map { ($0.url, $0.frontMatter) }, uniquingKeysWith: { a, _ in a }) }
    /// Each page's kind, by URL (the build summary counts them).
    public var pageKinds: [String: PageKind] { Dictionary(jobs.map { ($0.url, $0.kind) }, uniquingKeysWith: { a, _ in a }) }
  }

  /// Pages per batch: enough to keep every core busy, few enough that a batch of pages is a
  /// few megabytes.
  static let batchSize = 256

  /// The plan of a render (see `render(reuse:deferSearchIndex:)` for the arguments).
  public func plan(reuse: Reuse? = nil, deferSearchIndex: Bool = false) -> Plan {
    let jobs = pageJobs()
    var batches: [[Int]] = []
    var pages: [Int] = []
    var unchanged: [String] = []
    for (i, job) in jobs.enumerated() {
      if let reuse, reuse.unchanged(job), reuse.files[job.url] == nil, reuse.previousSite.contains(job.url) {
        unchanged.append(job.url)
      } else if job.kind == .printGuide || job.kind == .printPath {
        batches.append([i])
      } else {
        pages.append(i)
        if pages.count == Self.batchSize { batches.append(pages); pages = [] }
      }
    }
    if !pages.isEmpty { batches.append(pages) }
    var extras: [(path: String, make: () -> OutputFile)] = templates.assets.map { asset in (asset.path, { OutputFile(path: asset.path, contents: asset.contents) }) }
    if !deferSearchIndex { extras.append((SiteURL.searchIndex, searchIndexFile)) }
    extras.append((SiteURL.strings, stringsFile))
    // Practice data comes from front matter only.
    let practice = reuse.flatMap { $0.changedFrontMatter.isEmpty ? $0.files[SiteURL.practiceData] : nil }
    extras.append((SiteURL.practiceData, { practice ?? OutputFile(path: SiteURL.practiceData, text: practiceData()) }))
    if let sitemap = sitemap(urls: jobs.map(\.url)) { extras.append(("sitemap.xml", { OutputFile(path: "sitemap.xml", text: sitemap) })) }
    return Plan(jobs: jobs, reuse: reuse, batches: batches, extras: extras, unchanged: unchanged)
  }

  /// The output files, the template values no page had (warnings), and for the next
  /// incremental render each page's `Job.frontMatter`.
  public struct Rendered: Sendable {
    public var files: [OutputFile]
    public var warnings: [Diagnostic]
    /// Pages `Reuse.previousSite` holds as they would be rendered now (not in `files`).
    public var unchanged: [String]
    public var pageFrontMatter: [String: [String]]
    /// Each page's kind, by URL (the build summary counts them).
    public var pageKinds: [String: PageKind] = [:]
  }

  /// The bytes `make` hands over, in one array: a streamed page rendered for `serve`.
  static func collected(_ make: (PieceSink) -> Void) -> [UInt8] {
    var out: [UInt8] = []
    make { out.append(contentsOf: $0) }
    return out
  }

  /// `assets/strings.js`: the guide's strings for app.js and practice.js, in one file rather
  /// than in every page.
  func stringsFile() -> OutputFile {
    let pairs = strings.values.keys.sorted().map { "\(JSONText.quote($0)):\(JSONText.quote(strings[$0]))" }
    return OutputFile(path: SiteURL.strings, text: "window.SYLLABUS_STRINGS={" + pairs.joined(separator: ",") + "};\n")
  }

  /// Cuts every document to what pages read (`MarkdownDocument.withoutSearchText`), for a
  /// build that has made the search index already.
  public mutating func dropSearchText() {
    documents = documents.mapValues { $0.withoutSearchText() }
  }

  /// `assets/search-index.js`.
  public func searchIndexFile() -> OutputFile {
    let index = searchIndex().javascript(
      topics: site.topics.map { ($0.id, $0.title) }, levels: site.guide.levels.map { ($0.id, $0.title) })
    return OutputFile(path: SiteURL.searchIndex, text: index)
  }

  // MARK: - Layout

  func layout(
    url: String, title: String, kind: PageKind, content: String, breadcrumbs: [LinkView] = [],
    toc: [Heading] = [], prev: LinkView? = nil, next: LinkView? = nil, currentTopic: String? = nil,
    summary: String? = nil, math: Bool? = nil
  ) -> [UInt8] {
    let root = SiteURL.rootPrefix(from: url)
    let entries = toc.filter { $0.level == 2 || $0.level == 3 }.map { TOCEntry(text: $0.text, id: $0.id, sub: $0.level == 3) }
    var context = LayoutContext(
      root: root, lang: site.guide.language, siteTitle: site.guide.title, pageTitle: title,
      description: summary.map { Excerpt.first($0, Excerpt.pageDescription) }.flatMap { $0.isEmpty ? nil : $0 } ?? site.guide.description, kind: kind.name,
      canonical: site.guide.baseURL.map { $0 + (url == SiteURL.home ? "" : url) }, homeURL: root + SiteURL.home,
      headerHTML: header(root: root), sidebarHTML: sidebar(root: root, current: currentTopic),
      breadcrumbs: breadcrumbs, hasBreadcrumbs: !breadcrumbs.isEmpty,
      toc: entries, hasTOC: entries.count >= 2, prev: prev, next: next, hasPager: prev != nil || next != nil,
      isHome: url == SiteURL.home, contentHTML: content,
      shareType: url == SiteURL.home ? "website" : "article")
    // `math`: whether the content shows math, told by a caller whose `content` is a mark.
    if math ?? Self.showsMath(content) { context.mathStylesheet = root + SiteURL.mathStylesheet }
    return templates.renderBytes(context, with: "layout")
  }

  /// KaTeX's markup always starts with this span; a page without it needs no math styles.
  /// A byte scan, because Foundation's `contains` goes through NSString on Linux.
  static func showsMath(_ html: String) -> Bool {
    var html = html
    return html.withUTF8(showsMath)
  }

  static func showsMath(_ html: [UInt8]) -> Bool { html.withUnsafeBufferPointer(showsMath) }

  private static func showsMath(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let needle = Array("<span class=\"katex\">".utf8)
    guard bytes.count >= needle.count else { return false }
    var i = 0
    let last = bytes.count - needle.count
    while i <= last {
      if bytes[i] == needle[0] {
        var k = 1
        while k < needle.count && bytes[i + k] == needle[k] { k += 1 }
        if k == needle.count { return true }
      }
      i += 1
    }
    return false
  }

  /// The site header for pages `root` away from the site's root, rendered once per depth.
  func header(root: String) -> String {
    frames.fragment(for: "header\u{0}" + root) {
      let links = [
        LinkView(title: strings["nav_search"], url: root + SiteURL.search), LinkView(title: strings["nav_map"], url: root + SiteURL.map),
        LinkView(title: strings["nav_cheat_sheets"], url: root + SiteURL.cheatSheets),
        LinkView(title: strings["nav_practice"], url: root + SiteURL.practice),
      ]
      let context = HeaderContext(
        siteTitle: site.guide.title, homeURL: root + SiteURL.home,
        headerLinks: links + site.pages.map { LinkView(title: $0.title, url: root + SiteURL.page($0.id)) },
        searchURL: root + SiteURL.search)
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
  /// the other layers to the map; a layer longer than this shows a window of this many
  /// chapters around the current one. A full list on every page would make the site grow with
  /// pages × chapters (mdBook's sidebar once made one book 88 MiB); with the window a page's
  /// sidebar has a fixed size however large the guide grows.
  static let fullSidebarLimit = 24

  func navigation(root: String, current: String?) -> [NavLayer] {
    let numbers = Dictionary(uniqueKeysWithValues: site.topics.enumerated().map { ($1.id, $0 + 1) })
    let currentLayer = site.topics.first { $0.id == current }?.layer.value
    let collapse = site.topics.count > Self.fullSidebarLimit
    var groups = site.guide.layers.map { layer -> NavLayer in
      let topics = site.topics.filter { $0.layer.value == layer.id }
      if collapse && layer.id != currentLayer {
        let summary = topics.isEmpty ? nil : strings.count("sidebar_more", topics.count)
        return NavLayer(title: layer.title, color: layer.color, topics: [], collapsedURL: summary.map { _ in root + SiteURL.map }, collapsedText: summary)
      }
      let shown = Self.window(of: topics.count, around: topics.firstIndex { $0.id == current } ?? 0)
      let hidden = topics.count - shown.count
      return NavLayer(title: layer.title, color: layer.color, topics: topics[shown].map {
        NavTopic(number: numbers[$0.id]!, title: $0.title, url: root + SiteURL.topic($0.id), current: $0.id == current)
      }, collapsedURL: hidden > 0 ? root + SiteURL.map : nil,
         collapsedText: hidden > 0 ? strings.count("sidebar_hidden", hidden) : nil)
    }
    groups.removeAll { $0.topics.isEmpty && $0.collapsedURL == nil }
    return groups
  }

  /// The indices of at most `fullSidebarLimit` chapters of a layer of `count`, with `index`
  /// in the middle when there is room on both sides.
  static func window(of count: Int, around index: Int) -> Range<Int> {
    guard count > fullSidebarLimit else { return 0..<count }
    let start = min(max(0, index - fullSidebarLimit / 2), count - fullSidebarLimit)
    return start..<(start + fullSidebarLimit)
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
    map.render(root: root, focus: focus, compact: compact)
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
