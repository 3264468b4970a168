import Foundation
import SyllabusModel

/// The typeset step, between parse and resolve: fills in the formula and code tokens the
/// parse left in each document's HTML, with KaTeX (HTML + MathML) and highlight.js markup.
///
/// The pieces of a build go in batches to one long-lived Node.js process, or two when
/// thousands wait, while the parse is still going on. Answers are cached by their source
/// (TeX + display flag, or language + code), and one `Typesetter` lives as long as `serve`
/// does, so a rebuild renders only formulas it has not seen; with a cache folder, they also
/// outlive it. A site with no math and no fenced code with a language never starts Node.
public final class Typesetter: @unchecked Sendable {
  private let locateNode: () -> URL?
  /// The renderer processes: the first one is started for the first piece, a second one
  /// when enough work waits (see `startWorkers`). Each is used by one worker at a time.
  /// Guarded by `starting`, not `state`: a process takes a tenth of a second to start, and
  /// the parse threads must not wait for it to queue their pieces.
  private var processes: [RendererProcess] = []
  private var node: URL?
  private var triedToStart = false
  private let starting = NSLock()
  private var cache: [TypesetKey: RendererProcess.Answer] = [:]
  /// Where answers outlive this object, if anywhere; opened once the renderer has said
  /// which versions it runs.
  private let cacheFolder: URL?
  private var disk: TypesetDiskCache?
  private var assets: [OutputFile]?
  /// Guards everything above and the queue: pieces waiting for a worker, rendered by as many
  /// workers as processes, each sending batches to its own process.
  private let state = NSCondition()
  private var queue: [TypesetPiece] = []
  private var workers = 0
  /// Two workers on a machine with two cores or more, until a second process fails to start.
  private var maxWorkers = ProcessInfo.processInfo.activeProcessorCount > 1 ? 2 : 1
  private var parseDone = false
  /// How many renderer processes were started (for tests).
  var processCount: Int {
    starting.lock()
    defer { starting.unlock() }
    return processes.count
  }
  /// How many pieces the renderer processes were asked for, over this object's life.
  public private(set) var rendered = 0

  /// What typeset output depends on outside the tool: the Node.js that would render it (its
  /// path, size and modification time), or none. The build cache (SyllabusBuild) keys typeset
  /// documents on it, so a document typeset with Node is not reused once Node is gone.
  public static var environment: String {
    guard let node = RendererProcess.findNode() else { return "no node" }
    // A cache key, not a check: unreadable attributes still leave the path in it.
    let attributes = (try? FileManager.default.attributesOfItem(atPath: node.resolvingSymlinksInPath().path)) ?? [:]
    return "\(node.path) \(attributes[.size] ?? "") \(attributes[.modificationDate] ?? "")"
  }

  /// With a `cacheFolder`, answers are also kept there for later builds (see
  /// `TypesetDiskCache`); the folder is created when first written to.
  public convenience init(cacheFolder: URL? = nil) {
    self.init(locateNode: { RendererProcess.findNode() }, cacheFolder: cacheFolder)
  }

  init(locateNode: @escaping () -> URL?, cacheFolder: URL? = nil) {
    self.locateNode = locateNode
    self.cacheFolder = cacheFolder
  }

  /// Starts rendering `pieces` in the background, while the parse stage goes on: Node then
  /// works on the core the parse leaves idle instead of after it. Called from parse threads.
  public func prefetch(_ pieces: [TypesetPiece]) {
    guard !pieces.isEmpty else { return }
    state.lock()
    defer { state.unlock() }
    queue += pieces
    startWorkers()
    if queue.count >= Self.batch { state.signal() }
  }

  /// Pieces per request batch: one round trip per piece would cost more than the piece, and
  /// batches let two workers share the end of a build.
  static let batch = 500

  /// A second process pays for its start (Node loading KaTeX and highlight.js, about a tenth
  /// of a second) only when this much work waits: the parse outruns one process, and at the
  /// end of the parse the queue is shared instead of left to one core while the other idles.
  static let backlogForSecondProcess = 4 * batch

  /// With the state locked: one worker as soon as there is work, a second one (and process)
  /// once the backlog is large, on a machine with two cores or more.
  private func startWorkers() {
    let wanted = queue.isEmpty ? 0 : queue.count >= Self.backlogForSecondProcess ? 2 : 1
    while workers < min(wanted, maxWorkers) {
      let slot = workers
      workers += 1
      Thread.detachNewThread { [self] in work(slot) }
    }
  }

  /// The loop of one worker: renders what is queued, batch by batch, until `typeset` says the
  /// parse is over and the queue is empty.
  private func work(_ slot: Int) {
    // Node takes a tenth of a second or more to load KaTeX and highlight.js; started now, it
    // loads while the parse goes on rather than after it, when the first batch is ready.
    if let renderer = start(slot) {
      openDisk(renderer.capabilities)
    } else if slot > 0 {
      return leave(returning: [])
    }
    while true {
      state.lock()
      while queue.count < Self.batch && !parseDone { state.wait() }
      if queue.isEmpty {
        workers -= 1
        state.broadcast()
        state.unlock()
        return
      }
      let pieces = Array(queue.prefix(Self.batch))
      queue.removeFirst(pieces.count)
      state.unlock()
      guard render(pieces, slot: slot) else { return leave(returning: pieces) }
    }
  }

  /// No second process after all: the worker ends, and its pieces go back to the first.
  private func leave(returning pieces: [TypesetPiece]) {
    state.lock()
    queue += pieces
    workers -= 1
    maxWorkers = 1
    state.broadcast()
    state.unlock()
  }

  /// Renders the pieces not cached yet, in one batch, and caches the answers; false when the
  /// worker's process could not be started (only the first one's failure is final: its
  /// pieces then stay without answers).
  private func render(_ pieces: [TypesetPiece], slot: Int) -> Bool {
    guard !missing(pieces).isEmpty else { return true }
    guard let renderer = start(slot) else { return slot == 0 }
    openDisk(renderer.capabilities)
    let hasKaTeX = renderer.capabilities.katexDirectory != nil
    let sendable = missing(pieces).filter { hasKaTeX || !$0.piece.isMath }
    let answers = renderer.render(sendable.map(\.piece))
    let entries = zip(sendable, answers).map { ($0.key, $1) }
    state.lock()
    for (key, answer) in entries { cache[key] = answer }
    rendered += sendable.count
    let disk = disk
    state.unlock()
    disk?.append(entries.filter { $0.1 != .error(RendererProcess.stopped, position: nil) })
    return true
  }

  /// The pieces with no answer yet, each once.
  private func missing(_ pieces: [TypesetPiece]) -> [(key: TypesetKey, piece: TypesetPiece)] {
    state.lock()
    defer { state.unlock() }
    var batch: [(key: TypesetKey, piece: TypesetPiece)] = []
    var seen: Set<TypesetKey> = []
    for piece in pieces {
      let key = TypesetKey(piece)
      if cache[key] == nil && seen.insert(key).inserted { batch.append((key, piece)) }
    }
    return batch
  }

  /// Reads the on-disk answers of this renderer into the cache, once.
  private func openDisk(_ capabilities: RendererProcess.Capabilities) {
    state.lock()
    defer { state.unlock() }
    guard let cacheFolder, disk == nil else { return }
    let file = TypesetDiskCache(
      folder: cacheFolder, script: RendererScript.source,
      katexVersion: capabilities.katexVersion, highlighterVersion: capabilities.highlighterVersion)
    cache.merge(file.load()) { current, _ in current }
    disk = file
  }

  /// Fills in every document's tokens and appends a located error for each bad formula
  /// (and, when math cannot be typeset on this machine, one per file that has math).
  /// Waits for any prefetch first; renders whatever is still missing.
  public func typeset(_ documents: inout [MarkdownDocument]) {
    state.lock()
    parseDone = true
    state.broadcast()
    while workers > 0 { state.wait() }
    // Then what the prefetch has not seen (all of it when nothing was prefetched) goes
    // through the same workers; what is cached by now costs a lookup. Not before the
    // prefetch is done: a piece in flight is not cached yet and would be sent twice.
    queue += documents.flatMap(\.typeset)
    startWorkers()
    while workers > 0 { state.wait() }
    parseDone = false
    state.unlock()
    // No worker runs now and the cache is only read: the documents are filled in parallel.
    documents.withUnsafeMutableBufferPointer { buffer in
      let documents = buffer
      DispatchQueue.concurrentPerform(iterations: documents.count) { i in
        if !documents[i].typeset.isEmpty { fill(&documents[i]) }
      }
    }
  }

  private func fill(_ document: inout MarkdownDocument) {
    var html: [String] = []
    var missingRenderer = false
    for piece in document.typeset {
      let answer = cache[TypesetKey(piece)]
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
    let what = node == nil ? "Node.js (`node` on PATH)" : "the KaTeX module"
    return "this file has math, but \(what) was not found to typeset it; install Debian's `katex` and `nodejs` packages (`make` does), or remove the math"
  }

  /// The worker's process, started on first use; nil without Node (or for a second process
  /// that would not start).
  private func start(_ slot: Int) -> RendererProcess? {
    starting.lock()
    defer { starting.unlock() }
    if !triedToStart {
      triedToStart = true
      node = locateNode()
      if let first = node.flatMap({ RendererProcess(node: $0) }) { processes.append(first) }
    }
    if slot == processes.count, slot > 0, let node, let another = RendererProcess(node: node) {
      processes.append(another)
    }
    return slot < processes.count ? processes[slot] : nil
  }

  /// KaTeX's stylesheet and fonts for `assets/katex/`, read from the installed module; nil
  /// when KaTeX was not found (the build has already failed with a located error then).
  /// Only the WOFF2 fonts are copied: every browser that runs KaTeX's CSS reads them first.
  public func mathAssets() -> [OutputFile]? {
    state.lock()
    defer { state.unlock() }
    if let assets { return assets }
    guard let folder = start(0)?.capabilities.katexDirectory else { return nil }
    let dist = URL(fileURLWithPath: folder).appendingPathComponent("dist")
    guard let css = FileManager.default.contents(atPath: dist.appendingPathComponent("katex.min.css").path) else { return nil }
    let base = (SiteURL.mathStylesheet as NSString).deletingLastPathComponent
    var files = [OutputFile(path: SiteURL.mathStylesheet, contents: css)]
    let fonts = dist.appendingPathComponent("fonts")
    // Deliberate: Debian's katex ships its fonts; without them KaTeX still lays math out, in
    // the browser's fonts, which is no reason to fail a build.
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

extension TypesetKey {
  init(_ piece: TypesetPiece) {
    switch piece {
    case .math(let formula): self = .math(formula.tex, display: formula.display)
    case .code(let language, let text): self = .code(text, language: language)
    }
  }
}
