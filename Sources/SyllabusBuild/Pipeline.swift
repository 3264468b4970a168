import Foundation
import SyllabusDeck
import SyllabusLoader
import SyllabusMarkdown
import SyllabusModel
import SyllabusRenderer
import SyllabusResolver
import SyllabusTypeset
import SyllabusWriter

/// What to build, from where, to where.
public struct BuildSettings: Sendable {
  public var content: URL
  /// A folder whose files override the built-in theme's; nil: `theme:` in guide.yml, if set
  /// (relative to guide.yml), else the built-in theme alone.
  public var templates: URL?
  public var output: URL
  /// Warnings fail the build too.
  public var strict: Bool
  /// Clamps the note times of the Anki deck (reproducible builds); from the environment's
  /// `SOURCE_DATE_EPOCH` unless given.
  public var sourceDateEpoch: Int64?

  public init(
    content: URL, templates: URL?, output: URL, strict: Bool = false,
    sourceDateEpoch: Int64? = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) }
  ) {
    self.content = content
    self.templates = templates
    self.output = output
    self.strict = strict
    self.sourceDateEpoch = sourceDateEpoch
  }
}

/// What a run produced: its findings, and for a build the pages written.
public struct BuildReport: Sendable {
  public var diagnostics: [Diagnostic]
  public var pagesByKind: [String: Int]
  public var filesWritten: Int
  public var seconds: Double
  public var failed: Bool
  /// Wall-clock seconds per stage, in pipeline order, for `build --timings` and the benchmark.
  public var stages: [(name: String, seconds: Double)] = []

  /// "1 chapter", not "1 chapters": each counted noun of `PageKind`, plural to singular.
  static let singular = Dictionary(PageKind.allCases.compactMap(\.counted).map { ($0.many, $0.one) }, uniquingKeysWith: { a, _ in a })

  public var summary: String {
    // The author's terminal is English whatever the guide's language; "1 chapter", not "1 chapters".
    let kinds = pagesByKind.sorted { $0.key < $1.key }.map { "\($0.value) \($0.value == 1 ? Self.singular[$0.key] ?? $0.key : $0.key)" }
      .joined(separator: ", ")
    let warnings = diagnostics.filter { $0.severity == .warning }.count
    let errors = diagnostics.filter { $0.severity == .error }.count
    if failed {
      return "build failed: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"); the previous site was left as it was"
    }
    return String(format: "built %d files (%@), %d warning%@ in %.2f s", filesWritten, kinds, warnings, warnings == 1 ? "" : "s", seconds)
  }
}

/// The whole pipeline, top to bottom: load → parse → resolve → render → write.
public enum Pipeline {
  /// Everything up to rendering: the resolved site and its parsed documents, or nil on errors.
  public struct Checked {
    public var site: ResolvedSite?
    /// Hash of each source's front matter by path, and of guide.yml (see `SiteSource.frontMatter`).
    public var frontMatter: [String: Int] = [:]
    /// Each Markdown source's body text, to tell which changed between two runs.
    public var bodies: [String: String] = [:]
    public var documents: [String: MarkdownDocument]
    public var templates: TemplateSet?
    public var diagnostics: [Diagnostic]
    /// KaTeX's stylesheet and fonts, when some page has math (written with the site).
    public var mathAssets: [OutputFile] = []
  }

  /// load + parse + resolve (+ templates): validates everything a build would, writes nothing.
  /// With a cache, bodies whose text did not change since the last run are not parsed again.
  /// `lap` is called after each stage with its name, for `build --timings`.
  public static func check(_ settings: BuildSettings, cache: ParseCache? = nil, lap: (String) -> Void = { _ in }) -> Checked {
    var diagnostics: [Diagnostic] = []
    let loaded = ContentLoader(root: settings.content, displayRoot: displayPath(settings.content), yamlCache: cache?.yaml, fileCache: cache?.files).load()
    diagnostics += loaded.diagnostics
    lap("load")
    let folder = templateFolder(settings, guide: loaded.site?.guide)
    var templates = cache?.templates(in: folder)
    if templates == nil {
      templates = TemplateSet.load(from: folder, displayRoot: folder.map(displayPath) ?? "", diagnostics: &diagnostics)
      if let templates { cache?.store(templates, from: folder) }
    }
    guard let source = loaded.site else {
      return Checked(site: nil, documents: [:], templates: templates, diagnostics: diagnostics.normalized())
    }
    lap("templates")
    let links = LinkTable(source)
    // `serve`'s typesetter lives in its cache, so a formula rendered once is never sent
    // again; a build gets a fresh one, whose renderer process ends with this function.
    let typesetter = cache?.typesetter ?? Typesetter()
    let documents = parse(
      source, links: links, reserved: templates?.reservedIDs ?? ReservedIDs(), cache: cache, typesetter: typesetter, lap: lap)
    for document in documents.values { diagnostics += document.diagnostics }
    let site = SiteResolver.resolve(source, documents: documents, links: links, diagnostics: &diagnostics)
    var checked = Checked(site: site, documents: documents, templates: templates, diagnostics: diagnostics.normalized())
    if documents.values.contains(where: \.usesMath) { checked.mathAssets = typesetter.mathAssets() ?? [] }
    checked.frontMatter = source.frontMatter
    checked.bodies = Dictionary(source.documents.map { ($0.path, $0.text) }, uniquingKeysWith: { a, _ in a })
    return checked
  }

  /// The folder that overrides built-in templates: `--templates`, else guide.yml's `theme:`.
  public static func templateFolder(_ settings: BuildSettings, guide: Guide?) -> URL? {
    if let folder = settings.templates { return folder }
    guard let theme = guide?.theme else { return nil }
    return URL(fileURLWithPath: theme, relativeTo: settings.content).standardizedFileURL
  }

  /// The parse stage: every Markdown body, in parallel, with links rewritten to page URLs,
  /// then the typeset step over the bodies just parsed (cached ones are already typeset).
  static func parse(
    _ source: SiteSource, links: LinkTable, reserved: ReservedIDs, cache: ParseCache?, typesetter: Typesetter,
    lap: (String) -> Void = { _ in }
  ) -> [String: MarkdownDocument] {
    let strings = source.guide.strings
    // A question page shows its recognised sections under the template's own headings, so
    // their ids (`#hints`) are the section's, not a clash.
    var reserved = reserved
    reserved.exact.subtract(SectionName.onQuestionPage.map { Identifier.slug(strings[$0.rawValue]) })
    let options = MarkdownParser.Options(
      allowRawHTML: source.guide.allowRawHTML, limits: source.guide.limits,
      itemizedSections: [strings[SectionName.hints.rawValue].lowercased()], reservedIDs: reserved,
      anchorLabel: strings["anchor_label"], stopwords: SearchTerms.stopwords(language: source.guide.language))
    var documents: [String: MarkdownDocument] = [:]
    var bodies: [MarkdownSource] = []
    cache?.prepare(links: links)
    for body in source.documents {
      if let hit = cache?.document(for: body, options: options) { documents[body.path] = hit } else { bodies.append(body) }
    }
    var parsed = [MarkdownDocument?](repeating: nil, count: bodies.count)
    parsed.withUnsafeMutableBufferPointer { buffer in
      let out = buffer
      DispatchQueue.concurrentPerform(iterations: bodies.count) { i in
        let body = bodies[i]
        let document = MarkdownParser.parse(body, options: options) { links.rewrite($0, from: body.path) }
        typesetter.prefetch(document.typeset)
        out[i] = document
      }
    }
    lap("parse")
    var typeset = parsed.map { $0 ?? .empty }
    typesetter.typeset(&typeset)
    for (body, document) in zip(bodies, typeset) {
      documents[body.path] = document
      cache?.store(document, for: body, options: options)
    }
    lap("typeset")
    return documents
  }

  /// What the last in-memory render of `serve` produced, so the next one can reuse pages.
  public struct RenderMemo: Sendable {
    var frontMatter: [String: Int]
    var templates: Int
    var bodies: [String: String]
    var files: [String: OutputFile]
    var pageFrontMatter: [String: [String]]
  }

  /// What `serve` shows after one rebuild.
  public struct InMemorySite: Sendable {
    /// Every file except the deferred ones; nil when the site has errors.
    public var files: [OutputFile]?
    /// Files built only when asked for, by path: the search index.
    public var deferred: [String: @Sendable () -> OutputFile] = [:]
    public var diagnostics: [Diagnostic]
    public var memo: RenderMemo?
    /// How many files differ from the previous render.
    public var rendered: Int = 0

    /// `files` plus the deferred ones built now, sorted by path: what a full build writes.
    public func allFiles() -> [OutputFile]? {
      files.map { ($0 + deferred.values.map { $0() }).sorted { $0.path < $1.path } }
    }
  }

  /// check + render, in memory: what `serve` shows. Nil files when the site has errors.
  /// With the previous memo, only pages that show a changed body or a changed question's
  /// front matter are rendered again; any other front-matter, guide.yml or template change,
  /// or a file added or removed, renders every page.
  public static func renderInMemory(_ settings: BuildSettings, cache: ParseCache? = nil, memo: RenderMemo? = nil) -> InMemorySite {
    let checked = check(settings, cache: cache)
    guard !checked.diagnostics.hasErrors, let site = checked.site, let templates = checked.templates else {
      return InMemorySite(files: nil, diagnostics: checked.diagnostics, memo: memo)
    }
    var reuse: SiteRenderer.Reuse?
    if let memo, memo.templates == templates.digest {
      if let questions = changedQuestionFrontMatter(before: memo.frontMatter, now: checked.frontMatter, site: site) {
        let changedBodies = Set(checked.bodies.keys.filter { memo.bodies[$0] != checked.bodies[$0] })
        reuse = SiteRenderer.Reuse(
          files: memo.files, changedBodies: changedBodies, changedFrontMatter: questions, previousFrontMatter: memo.pageFrontMatter)
      }
    }
    let renderer = SiteRenderer(site: site, documents: checked.documents, templates: templates)
    let rendered = renderer.render(reuse: reuse, deferSearchIndex: true)
    let files = (rendered.files + checked.mathAssets).sorted { $0.path < $1.path }
    let next = RenderMemo(
      frontMatter: checked.frontMatter, templates: templates.digest, bodies: checked.bodies,
      files: Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a }), pageFrontMatter: rendered.pageFrontMatter)
    let reused = reuse.map { r in files.filter { r.files[$0.path]?.contents == $0.contents }.count } ?? 0
    let deckFile: @Sendable () -> OutputFile = {
      (try? deck(site, settings: settings)) ?? OutputFile(path: SiteURL.ankiDeck(site.guide.slug), contents: Data())
    }
    return InMemorySite(
      files: files, deferred: [SiteURL.searchIndex: { renderer.searchIndexFile() }, SiteURL.ankiDeck(site.guide.slug): deckFile],
      diagnostics: checked.diagnostics,
      memo: next, rendered: files.count + 2 - reused)  // + 2: the deferred index and deck are always new
  }

  /// The questions whose front matter changed (often none), when nothing else did: same
  /// files, same guide.yml, same front matter for every chapter, path and page. Nil means
  /// "re-render everything".
  static func changedQuestionFrontMatter(before: [String: Int], now: [String: Int], site: ResolvedSite) -> Set<String>? {
    guard before.count == now.count else { return nil }
    let questions = Set(site.allQuestions.map(\.body.path))
    var changed: Set<String> = []
    for (path, hash) in now where before[path] != hash {
      guard before[path] != nil, questions.contains(path) else { return nil }
      changed.insert(path)
    }
    return changed
  }

  /// check + render + write. The output is replaced only when there is no error (and, with
  /// `strict`, no warning).
  public static func build(_ settings: BuildSettings) -> BuildReport {
    let started = Date()
    var report = BuildReport(diagnostics: [], pagesByKind: [:], filesWritten: 0, seconds: 0, failed: true)
    let writer = OutputWriter(output: settings.output, protected: [settings.content] + [settings.templates].compactMap { $0 })
    if let refusal = writer.preflight() {
      report.diagnostics = [.error(SourceLocation(file: displayPath(settings.output)), refusal.description)]
      return report
    }
    var clock = Date()
    func lap(_ name: String) {
      report.stages.append((name, Date().timeIntervalSince(clock)))
      clock = Date()
    }
    let checked = check(settings, lap: lap)
    lap("resolve")
    report.diagnostics = checked.diagnostics
    let blocking = checked.diagnostics.hasErrors || (settings.strict && !checked.diagnostics.isEmpty)
    guard !blocking, let site = checked.site, let templates = checked.templates else { return report }
    let rendered = SiteRenderer(site: site, documents: checked.documents, templates: templates).render()
    var files = (rendered.files + checked.mathAssets).sorted { $0.path < $1.path }
    lap("render")
    do {
      files.append(try deck(site, settings: settings))
      files.sort { $0.path < $1.path }
      lap("deck")
    } catch {
      report.diagnostics.append(.error(SourceLocation(file: displayPath(settings.output)), "the Anki deck: \(error)"))
      return report
    }
    do {
      try writer.write(files)
      lap("write")
    } catch {
      report.diagnostics.append(.error(SourceLocation(file: displayPath(settings.output)), "\(error)"))
      return report
    }
    for kind in rendered.pageKinds.values {
      report.pagesByKind[kind.counted?.many ?? "other", default: 0] += 1
    }
    report.filesWritten = files.count
    report.failed = false
    report.seconds = Date().timeIntervalSince(started)
    return report
  }

  /// The guide's Anki package. Note times come from the sources' modification times (see
  /// `DeckClock`): reading them is the pipeline's job, as the deck writer touches no files.
  static func deck(_ site: ResolvedSite, settings: BuildSettings) throws -> OutputFile {
    let sources = site.topics.map(\.body.path) + site.allQuestions.map(\.body.path) + ["guide.yml"]
    var modified: [String: Int64] = [:]
    for path in sources {
      let attributes = try? FileManager.default.attributesOfItem(atPath: settings.content.appendingPathComponent(path).path)
      if let date = attributes?[.modificationDate] as? Date { modified[path] = Int64(date.timeIntervalSince1970.rounded(.down)) }
    }
    return try AnkiPackage.file(for: site, clock: DeckClock(modified: modified, sourceDateEpoch: settings.sourceDateEpoch))
  }

  /// A path as the author typed it: relative to the working directory when inside it.
  public static func displayPath(_ url: URL) -> String {
    let cwd = FileManager.default.currentDirectoryPath
    let path = url.standardizedFileURL.path
    if path == cwd { return "." }
    return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
  }
}
