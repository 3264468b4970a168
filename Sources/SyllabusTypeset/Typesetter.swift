import Foundation
import SyllabusModel

/// The typeset step, between parse and resolve: fills in the formula and code tokens the
/// parse left in each document's HTML, with KaTeX (HTML + MathML) and highlight.js markup.
///
/// All pieces of a build go to one Node.js process in one batch. Answers are cached by
/// their source (TeX + display flag, or language + code), and one `Typesetter` lives as long
/// as `serve` does, so a rebuild renders only formulas it has not seen. A site with no math
/// and no fenced code with a language never starts Node.
public final class Typesetter: @unchecked Sendable {
  private enum Key: Hashable {
    case math(String, display: Bool)
    case code(String, language: String)

    init(_ piece: TypesetPiece) {
      switch piece {
      case .math(let formula): self = .math(formula.tex, display: formula.display)
      case .code(let language, let text): self = .code(text, language: language)
      }
    }
  }

  private let locateNode: () -> URL?
  private var process: RendererProcess?
  private var triedToStart = false
  private var cache: [Key: RendererProcess.Answer] = [:]
  private var assets: [OutputFile]?
  /// Guards the cache and the prefetch queue; the renderer itself is used by one thread at a
  /// time (the prefetch worker, or `typeset` once the worker has stopped).
  private let state = NSCondition()
  private var queue: [TypesetPiece] = []
  private var workerRunning = false
  private var parseDone = false
  /// How many pieces the renderer process was asked for, over this object's life.
  public private(set) var rendered = 0

  /// What typeset output depends on outside the tool: the Node.js that would render it (its
  /// path, size and modification time), or none. The build cache (SyllabusBuild) keys typeset
  /// documents on it, so a document typeset with Node is not reused once Node is gone.
  public static var environment: String {
    guard let node = RendererProcess.findNode() else { return "no node" }
    let attributes = (try? FileManager.default.attributesOfItem(atPath: node.resolvingSymlinksInPath().path)) ?? [:]
    return "\(node.path) \(attributes[.size] ?? "") \(attributes[.modificationDate] ?? "")"
  }

  public convenience init() {
    self.init(locateNode: { RendererProcess.findNode() })
  }

  init(locateNode: @escaping () -> URL?) {
    self.locateNode = locateNode
  }

  /// Starts rendering `pieces` in the background, while the parse stage goes on: Node then
  /// works on the core the parse leaves idle instead of after it. Called from parse threads.
  public func prefetch(_ pieces: [TypesetPiece]) {
    guard !pieces.isEmpty else { return }
    state.lock()
    defer { state.unlock() }
    queue += pieces
    if !workerRunning {
      workerRunning = true
      Thread.detachNewThread { [self] in work() }
    }
    if queue.count >= Self.prefetchBatch { state.signal() }
  }

  static let prefetchBatch = 500

  /// The background loop of `prefetch`: renders what is queued, batch by batch, until
  /// `typeset` says the parse is over.
  private func work() {
    while true {
      state.lock()
      // Batches of a few hundred: one round trip per piece would cost more than the piece.
      while queue.count < Self.prefetchBatch && !parseDone { state.wait() }
      if queue.isEmpty {
        workerRunning = false
        state.broadcast()
        state.unlock()
        return
      }
      let pieces = queue
      queue = []
      state.unlock()
      render(pieces)
    }
  }

  /// Renders the pieces not cached yet, in one batch, and caches the answers.
  private func render(_ pieces: [TypesetPiece]) {
    state.lock()
    var batch: [(key: Key, piece: TypesetPiece)] = []
    var seen: Set<Key> = []
    for piece in pieces {
      let key = Key(piece)
      if cache[key] == nil && seen.insert(key).inserted { batch.append((key, piece)) }
    }
    state.unlock()
    guard !batch.isEmpty, let renderer = start() else { return }
    let hasKaTeX = renderer.capabilities.katexDirectory != nil
    let sendable = batch.filter { hasKaTeX || !$0.piece.isMath }
    let answers = renderer.render(sendable.map(\.piece))
    state.lock()
    for (entry, answer) in zip(sendable, answers) { cache[entry.key] = answer }
    rendered += sendable.count
    state.unlock()
  }

  /// Fills in every document's tokens and appends a located error for each bad formula
  /// (and, when math cannot be typeset on this machine, one per file that has math).
  /// Waits for any prefetch first; renders whatever is still missing.
  public func typeset(_ documents: inout [MarkdownDocument]) {
    state.lock()
    parseDone = true
    state.signal()
    while workerRunning { state.wait() }
    parseDone = false
    state.unlock()
    guard documents.contains(where: { !$0.typeset.isEmpty }) else { return }
    render(documents.flatMap(\.typeset))
    state.lock()
    defer { state.unlock() }
    for i in documents.indices where !documents[i].typeset.isEmpty {
      fill(&documents[i])
    }
  }

  private func fill(_ document: inout MarkdownDocument) {
    var html: [String] = []
    var missingRenderer = false
    for piece in document.typeset {
      let answer = cache[Key(piece)]
      switch (piece, answer) {
      case (.math(let formula), .html(let markup)?) where formula.display:
        // Every display formula, from `$$` or a fence, scrolls on its own on a narrow screen;
        // tabindex lets keyboard users scroll it (axe: scrollable-region-focusable). A span,
        // since a `$$` formula sits inside a paragraph.
        html.append("<span class=\"math-display\" tabindex=\"0\">" + markup + "</span>")
      case (_, .html(let markup)?):
        html.append(markup)
      case (.math(let formula), .error(let message, let position)?):
        let at = position.map { formula.location(ofUTF16Offset: $0) } ?? formula.location
        document.diagnostics.append(.error(at, "KaTeX: \(message)"))
        html.append(HTML.escape(formula.tex))
      case (.math(let formula), _):
        if !missingRenderer {
          document.diagnostics.append(.error(formula.location, missingRendererMessage()))
          missingRenderer = true
        }
        html.append(HTML.escape(formula.tex))
      case (.code(_, let text), _):
        html.append(HTML.escape(text))
      }
    }
    document.mapHTML { text in TypesetMark.fill(text) { $0 < html.count ? html[$0] : nil } }
  }

  private func missingRendererMessage() -> String {
    let what = process == nil ? "Node.js (`node` on PATH)" : "the KaTeX module"
    return "this file has math, but \(what) was not found to typeset it; install Debian's `katex` and `nodejs` packages (`make` does), or remove the math"
  }

  private func start() -> RendererProcess? {
    if !triedToStart {
      triedToStart = true
      process = locateNode().flatMap { RendererProcess(node: $0) }
    }
    return process
  }

  /// KaTeX's stylesheet and fonts for `assets/katex/`, read from the installed module; nil
  /// when KaTeX was not found (the build has already failed with a located error then).
  /// Only the WOFF2 fonts are copied: every browser that runs KaTeX's CSS reads them first.
  public func mathAssets() -> [OutputFile]? {
    state.lock()
    defer { state.unlock() }
    if let assets { return assets }
    guard let folder = start()?.capabilities.katexDirectory else { return nil }
    let dist = URL(fileURLWithPath: folder).appendingPathComponent("dist")
    guard let css = FileManager.default.contents(atPath: dist.appendingPathComponent("katex.min.css").path) else { return nil }
    let base = (SiteURL.mathStylesheet as NSString).deletingLastPathComponent
    var files = [OutputFile(path: SiteURL.mathStylesheet, contents: css)]
    let fonts = dist.appendingPathComponent("fonts")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: fonts.path)) ?? []
    for name in names.sorted() where name.hasSuffix(".woff2") {
      if let data = FileManager.default.contents(atPath: fonts.appendingPathComponent(name).path) {
        files.append(OutputFile(path: base + "/fonts/" + name, contents: data))
      }
    }
    assets = files
    return files
  }
}
