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
  private let lock = NSLock()
  /// How many pieces the renderer process was asked for, over this object's life.
  public private(set) var rendered = 0

  public convenience init() {
    self.init(locateNode: { RendererProcess.findNode() })
  }

  init(locateNode: @escaping () -> URL?) {
    self.locateNode = locateNode
  }

  /// Fills in every document's tokens and appends a located error for each bad formula
  /// (and, when math cannot be typeset on this machine, one per file that has math).
  public func typeset(_ documents: inout [MarkdownDocument]) {
    guard documents.contains(where: { !$0.typeset.isEmpty }) else { return }
    lock.lock()
    defer { lock.unlock() }
    var batch: [(key: Key, piece: TypesetPiece)] = []
    var seen: Set<Key> = []
    for document in documents {
      for piece in document.typeset {
        let key = Key(piece)
        if cache[key] == nil && seen.insert(key).inserted { batch.append((key, piece)) }
      }
    }
    if !batch.isEmpty, let renderer = start() {
      let hasKaTeX = renderer.capabilities.katexDirectory != nil
      let sendable = batch.filter { hasKaTeX || !$0.piece.isMath }
      for (entry, answer) in zip(sendable, renderer.render(sendable.map(\.piece))) { cache[entry.key] = answer }
      rendered += sendable.count
    }
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
    lock.lock()
    defer { lock.unlock() }
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
