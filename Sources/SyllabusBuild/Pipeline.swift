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
  /// The on-disk build cache (`BuildCache`); nil builds from scratch and writes no cache.
  public var cache: CacheLocation?
  /// The command line that starts a parse worker (`syllabus parse-worker`, see `ParseWorker`),
  /// one per core beyond the first; nil parses in this process only.
  public var parseWorker: [String]?

  public init(
    content: URL, templates: URL?, output: URL, strict: Bool = false,
    sourceDateEpoch: Int64? = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) },
    cache: CacheLocation? = nil
  ) {
    self.cache = cache
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
  /// Wall-clock seconds per stage, in pipeline order, for `build --timings` and the benchmark,
  /// with the process's peak resident memory during the stage in bytes (nil where the system
  /// does not tell). Pages are written as they are rendered, so render's peak includes theirs.
  public var stages: [(name: String, seconds: Double, peakBytes: Int?)] = []
  /// With the build cache: bodies it supplied, and pages linked from the previous site unread.
  public var cacheUse: (documents: Int, pages: Int)?

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
    /// The on-disk build cache this run used, if any, and how many bodies it supplied.
    public var disk: BuildCache?
    public var documentsFromDisk = 0
  }

  /// load + parse + resolve (+ templates): validates everything a build would, writes nothing.
  /// With a cache, bodies whose text did not change since the last run are not parsed again.
  /// `lap` is called after each stage with its name, for `build --timings`.
  /// The settings' on-disk cache, if any, is opened once the guide has loaded (so a run in
  /// the wrong folder creates no cache folder there).
  public static func check(_ settings: BuildSettings, cache: ParseCache? = nil, lap: (String) -> Void = { _ in }) -> Checked {
    var diagnostics: [Diagnostic] = []
    let loaded = ContentLoader(root: settings.content, displayRoot: displayPath(settings.content), yamlCache: cache?.yaml, fileCache: cache?.files).load()
    diagnostics += loaded.diagnostics
    if let guide = loaded.site?.guide { diagnostics += LintRules.validate(guide.lints) }
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
    let disk = settings.cache.flatMap(BuildCache.init)
    let links = LinkTable(source)
    // `serve`'s typesetter lives in its cache, so a formula rendered once is never sent
    // again; a build gets a fresh one, whose renderer process ends with this function, and
    // with the build cache its answers are kept for the next build (an edited body's old
    // formulas are not rendered again).
    let typesetter = cache?.typesetter ?? Typesetter(cacheFolder: disk?.typesetFolder)
    var fromDisk = 0
    let documents = parse(
      source, links: links, reserved: templates?.reservedIDs ?? ReservedIDs(), cache: cache, disk: disk, fromDisk: &fromDisk,
      typesetter: typesetter, workers: settings.parseWorker, lap: lap)
    for document in documents.values { diagnostics += document.diagnostics }
    let site = SiteResolver.resolve(source, documents: documents, links: links, diagnostics: &diagnostics)
    var checked = Checked(site: site, documents: documents, templates: templates, diagnostics: diagnostics.normalized())
    checked.disk = disk
    checked.documentsFromDisk = fromDisk
    if documents.values.contains(where: \.usesMath) { checked.mathAssets = typesetter.mathAssets() ?? [] }
    checked.frontMatter = source.frontMatter
    checked.bodies = Dictionary(source.documents.map { ($0.path, $0.text) }, uniquingKeysWith: { a, _ in a })
    return checked
  }

  /// The content lints over a checked site, those at `minimum` severity or above: all of
  /// them for `check`, the ones guide.yml sets to `error` for a build and `serve`.
  public static func lint(_ checked: Checked, _ settings: BuildSettings, minimum: Severity = .warning) -> [Diagnostic] {
    guard let site = checked.site else { return [] }
    return LintRules.run(
      site: site, documents: checked.documents, contentRoot: settings.content, displayRoot: displayPath(settings.content), minimum: minimum)
  }

  /// The folder that overrides built-in templates: `--templates`, else guide.yml's `theme:`.
  public static func templateFolder(_ settings: BuildSettings, guide: Guide?) -> URL? {
    if let folder = settings.templates { return folder }
    guard let theme = guide?.theme else { return nil }
    return URL(fileURLWithPath: theme, relativeTo: settings.content).standardizedFileURL
  }

  /// The parse stage: every Markdown body, in parallel (in worker processes started by
  /// `workers`, see `ParseWorkerPool`), with links rewritten to page URLs, then the typeset
  /// step over the bodies just parsed (cached ones, in memory or on disk, are already typeset).
  static func parse(
    _ source: SiteSource, links: LinkTable, reserved: ReservedIDs, cache: ParseCache?, disk: BuildCache? = nil,
    fromDisk: inout Int, typesetter: Typesetter, workers: [String]? = nil, lap: (String) -> Void = { _ in }
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
    let onDisk = disk.map { DocumentCache(folder: $0.parseFolder, options: options, links: links, environment: Typesetter.environment) }
    if let onDisk {
      var found = [MarkdownDocument?](repeating: nil, count: bodies.count)
      found.withUnsafeMutableBufferPointer { buffer in
        let out = buffer
        DispatchQueue.concurrentPerform(iterations: bodies.count) { i in out[i] = onDisk.document(for: bodies[i]) }
      }
      for (body, document) in zip(bodies, found) {
        if let document {
          documents[body.path] = document
          cache?.store(document, for: body, options: options)
        }
      }
      bodies = zip(bodies, found).filter { $0.1 == nil }.map { $0.0 }
      fromDisk = onDisk.hits
    }
    let parsed = ParseWorkerPool(command: workers, bodies: bodies.count).parse(bodies, options: options, links: links) {
      typesetter.prefetch($0.typeset)
    }
    var typeset = parsed.documents
    // Bodies a worker process lost: their document is that error, which is not cached.
    let lost = parsed.lost
    lap("parse")
    typesetter.typeset(&typeset)
    for (i, (body, document)) in zip(bodies, typeset).enumerated() {
      documents[body.path] = document
      if !lost.contains(i) { cache?.store(document, for: body, options: options) }
    }
    if let onDisk {
      DispatchQueue.concurrentPerform(iterations: bodies.count) { i in if !lost.contains(i) { onDisk.store(typeset[i], for: bodies[i]) } }
      onDisk.prune()
    }
    lap("typeset")
    return documents
  }

  /// What a cached build may take from the previous site, by the rule `serve` uses in memory
  /// (see `renderInMemory`); nil when the templates or anything but question front matter
  /// changed, which re-renders everything.
  static func reuse(
    from record: RenderRecord, checked: Checked, digests: [String: String], site: ResolvedSite, templates: TemplateSet
  ) -> SiteRenderer.Reuse? {
    guard record.templates == templates.digest,
      let questions = changedQuestionFrontMatter(before: record.frontMatter, now: checked.frontMatter, site: site)
    else { return nil }
    return SiteRenderer.Reuse(
      previousSite: Set(record.stamps.keys), changedBodies: Set(digests.keys.filter { record.bodies[$0] != digests[$0] }),
      changedFrontMatter: questions, previousFrontMatter: record.pageFrontMatter)
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
    Heap.mapLargeBlocks
    var report = BuildReport(diagnostics: [], pagesByKind: [:], filesWritten: 0, seconds: 0, failed: true)
    let writer = OutputWriter(output: settings.output, protected: [settings.content] + [settings.templates, settings.cache?.folder].compactMap { $0 })
    if let refusal = writer.preflight() {
      report.diagnostics = [.error(SourceLocation(file: displayPath(settings.output)), refusal.description)]
      return report
    }
    var clock = Date()
    let memory = MemoryPeak()
    /// Ends a stage; `shift` moves seconds between stages that interleave (render and write).
    func lap(_ name: String, shift: Double = 0) {
      report.stages.append((name, Date().timeIntervalSince(clock) + shift, memory.lap()))
      clock = Date()
    }
    var checked = check(settings) { lap($0) }
    let disk = checked.disk
    lap("resolve")
    report.diagnostics = (checked.diagnostics + lint(checked, settings, minimum: .error)).normalized()
    let blocking = report.diagnostics.hasErrors || (settings.strict && !report.diagnostics.isEmpty)
    // Parsed and linted: no later stage reads the sources' text (a quarter of what a 10k
    // guide holds), so it goes before the render.
    guard !blocking, let site = checked.site?.withoutSourceText(), let templates = checked.templates else { return report }
    let digests = disk == nil ? [:] : RenderRecord.digests(checked.bodies)
    checked.site = nil
    checked.bodies = [:]
    Heap.releaseFreed()
    // No previous site (deleted, or never built), nothing to link: no record is read.
    let hasSite = FileManager.default.fileExists(atPath: settings.output.appendingPathComponent(OutputWriter.manifestName).path)
    let record = hasSite ? disk.flatMap { RenderRecord.load(from: $0.renderFolder, output: settings.output) } : nil
    // Made after the pages: KaTeX's files, and the deck (from the parsed documents alone);
    // the search index is made before them.
    let later = checked.mathAssets.map(\OutputFile.path) + [SiteURL.ankiDeck(site.guide.slug)]
    let staged: StagedSite
    let written: (pageFrontMatter: [String: [String]], pageKinds: [String: PageKind], files: Int, unchanged: Int)
    // Seconds spent handing files to the writer: the write stage's, not render's or deck's.
    var writing = 0.0, counted = 0.0
    func handedOver() -> Double {
      defer { counted = writing }
      return writing - counted
    }
    // Made beside a light render (see `DeckJob.besideRender`); waited for on every way out.
    var deckJob: DeckJob?
    defer { _ = deckJob?.wait() }
    // The renderer and its plan (which hold every print fragment) end with this scope, so a
    // deck made after the render is made without them.
    do {
      var renderer = SiteRenderer(site: site, documents: checked.documents, templates: templates)
      // The search index first, the only reader of the documents' whole text and search terms;
      // the pages, print documents and deck need no more than each text's lead.
      let searchIndex = renderer.searchIndexFile()
      renderer.dropSearchText()
      checked.documents = renderer.documents
      if let disk { renderer.printFragments.reuse { PrintFragmentRecord.load(from: disk.renderFolder, output: settings.output) } }
      let reusable = record.flatMap { reuse(from: $0, checked: checked, digests: digests, site: site, templates: templates) }
      var plan = renderer.plan(reuse: reusable, deferSearchIndex: true)
      // The staged site lists every file before the first page is rendered, and takes the pages
      // batch by batch as they are made, so the site is never held in memory whole.
      do {
        do {
          // A page without a stamp cannot be in `unchanged` (Reuse.previousSite is the stamped
          // pages); should one be, the stamp no file has makes the writer refuse it, not skip it.
          let missing = FileStamp(inode: 0, size: -1, modified: 0, changed: 0)
          staged = try writer.begin(
            paths: plan.paths + [searchIndex.path] + later, unchanged: plan.unchanged.map { ($0, record?.stamps[$0] ?? missing) })
        } catch let failure as OutputWriter.Failure where !failure.stale.isEmpty {
          // The previous site changed since the cache recorded it: render everything.
          plan = renderer.plan(deferSearchIndex: true)
          staged = try writer.begin(paths: plan.paths + [searchIndex.path] + later)
        }
      } catch {
        report.diagnostics.append(.error(SourceLocation(file: displayPath(settings.output)), "\(error)"))
        return report
      }
      if DeckJob.besideRender(unchanged: plan.unchanged.count, rendered: plan.paths.count) {
        let documents = checked.documents, style = deckStyle(checked)
        deckJob = DeckJob { try deck(site, documents: documents, style: style, settings: settings, disk: disk) }
      }
      func write(_ files: [OutputFile]) throws {
        let start = Date()
        try staged.write(files)
        writing += Date().timeIntervalSince(start)
      }
      do {
        try write([searchIndex])
        // A print document is written as it is made, so its writing counts as rendering.
        let warnings = try renderer.render(plan, deliver: write, stream: { try staged.write($0, pieces: $1) })
        // Each fragment entry carries its inputs (the HTML by digest), so the record is right
        // whether or not this site is committed: it is written now, streamed, and let go with the renderer.
        if let disk, let fragments = renderer.printFragments.changed {
          PrintFragmentRecord.save(fragments, in: disk.renderFolder, output: settings.output)
        }
        lap("render", shift: -handedOver())
        report.diagnostics = (report.diagnostics + warnings).normalized()
        if settings.strict && !warnings.isEmpty {
          staged.discard()
          return report
        }
        try write(checked.mathAssets)
      } catch {
        report.diagnostics.append(.error(SourceLocation(file: displayPath(settings.output)), "\(error)"))
        return report
      }
      written = (plan.pageFrontMatter, plan.pageKinds, plan.paths.count + 1, plan.unchanged.count)  // + the search index
    }
    // glibc keeps what the render freed in its arenas, counted as resident; handing it back
    // lets the deck's allocations show as what they are instead of stacking on top.
    Heap.releaseFreed()
    do {
      let deck = try deckJob?.wait().get() ?? deck(site, documents: checked.documents, style: deckStyle(checked), settings: settings, disk: disk)
      checked.documents = [:]
      let start = Date()
      try staged.write([deck])
      writing += Date().timeIntervalSince(start)
      lap(deckJob == nil ? "deck" : DeckJob.stageName, shift: -handedOver())
    } catch let failure as OutputWriter.Failure {
      report.diagnostics.append(.error(SourceLocation(file: displayPath(settings.output)), "\(failure)"))
      return report
    } catch {
      staged.discard()
      report.diagnostics.append(deckFailure(error, site: site))
      return report
    }
    do {
      try staged.commit()
      lap("write", shift: writing)
    } catch {
      report.diagnostics.append(.error(SourceLocation(file: displayPath(settings.output)), "\(error)"))
      return report
    }
    if let disk {
      RenderRecord(
        output: settings.output.standardizedFileURL.path, templates: templates.digest, frontMatter: checked.frontMatter, bodies: digests,
        pageFrontMatter: written.pageFrontMatter, stamps: writer.stamps(of: Array(written.pageFrontMatter.keys))
      ).save(in: disk.renderFolder)
      lap("cache")
      report.cacheUse = (checked.documentsFromDisk, written.unchanged)
    }
    for kind in written.pageKinds.values {
      report.pagesByKind[kind.counted?.many ?? "other", default: 0] += 1
    }
    report.filesWritten = written.files + later.count + written.unchanged
    report.failed = false
    report.seconds = Date().timeIntervalSince(started)
    return report
  }

  /// A path as the author typed it: relative to the working directory when inside it.
  public static func displayPath(_ url: URL) -> String {
    let cwd = FileManager.default.currentDirectoryPath
    let path = url.standardizedFileURL.path
    if path == cwd { return "." }
    return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
  }
}
