import Foundation
import SyllabusDeck
import SyllabusModel
import SyllabusRenderer
import SyllabusResolver

/// `serve`'s side of the pipeline: check + render held in memory, with what one rebuild may
/// reuse from the one before; the search index and the deck are built only when asked for.
extension Pipeline {
  /// What the last in-memory render of `serve` produced, so the next one can reuse pages.
  public struct RenderMemo: Sendable {
    var frontMatter: [String: Int]
    var templates: Int
    var bodies: [String: String]
    var files: [String: OutputFile]
    var pageFrontMatter: [String: [String]]
    var printFragments: PrintFragments?
  }

  /// A file `serve` builds only when a request asks for it. One that cannot be built throws
  /// the error a full build would report, never an empty stand-in.
  public typealias DeferredFile = @Sendable () throws(Diagnostic) -> OutputFile

  /// What `serve` shows after one rebuild.
  public struct InMemorySite: Sendable {
    /// Every file except the deferred ones; nil when the site has errors.
    public var files: [OutputFile]?
    /// Files built only when asked for, by path: the search index and the Anki deck.
    public var deferred: [String: DeferredFile] = [:]
    public var diagnostics: [Diagnostic]
    public var memo: RenderMemo?
    /// How many files differ from the previous render.
    public var rendered: Int = 0

    /// `files` plus the deferred ones built now, sorted by path: what a full build writes.
    public func allFiles() throws(Diagnostic) -> [OutputFile]? {
      guard var all = files else { return nil }
      for make in deferred.values { all.append(try make()) }
      return all.sorted { $0.path < $1.path }
    }
  }

  /// check + render, in memory: what `serve` shows. Nil files when the site has errors.
  /// With the previous memo, only pages that show a changed body or a changed question's
  /// front matter are rendered again; any other front-matter, guide.yml or template change,
  /// or a file added or removed, renders every page.
  public static func renderInMemory(_ settings: BuildSettings, cache: ParseCache? = nil, memo: RenderMemo? = nil) -> InMemorySite {
    renderInMemory(settings, cache: cache, memo: memo) { try deck($0, documents: $1, style: $2, settings: $3, cards: cache?.cards) }
  }

  /// The deck's maker, `Pipeline.deck` outside tests (which pass one that fails).
  typealias DeckMaker = @Sendable (ResolvedSite, [String: MarkdownDocument], DeckStyle, BuildSettings) throws -> OutputFile

  static func renderInMemory(_ settings: BuildSettings, cache: ParseCache?, memo: RenderMemo?, deck makeDeck: @escaping DeckMaker) -> InMemorySite {
    var checked = check(settings, cache: cache)
    checked.diagnostics = (checked.diagnostics + lint(checked, settings, minimum: .error)).normalized()
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
    let earlierPrint = memo?.printFragments
    renderer.printFragments.reuse { earlierPrint }
    let rendered = renderer.render(reuse: reuse, deferSearchIndex: true)
    let files = (rendered.files + checked.mathAssets).sorted { $0.path < $1.path }
    let next = RenderMemo(
      frontMatter: checked.frontMatter, templates: templates.digest, bodies: checked.bodies,
      files: Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a }), pageFrontMatter: rendered.pageFrontMatter,
      printFragments: renderer.printFragments.changed ?? earlierPrint)
    let reused = reuse.map { r in files.filter { r.files[$0.path]?.contents == $0.contents }.count } ?? 0
    let documents = checked.documents, style = deckStyle(checked)
    let deckFile: DeferredFile = { () throws(Diagnostic) in
      do { return try makeDeck(site, documents, style, settings) } catch { throw deckFailure(error, site: site) }
    }
    return InMemorySite(
      files: files, deferred: [SiteURL.searchIndex: { renderer.searchIndexFile() }, SiteURL.ankiDeck(site.guide.slug): deckFile],
      diagnostics: (checked.diagnostics + rendered.warnings).normalized(),
      memo: next, rendered: files.count + 2 - reused)  // + 2: the deferred index and deck are always new
  }
}
