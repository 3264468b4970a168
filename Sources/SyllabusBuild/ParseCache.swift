import Foundation
import SyllabusDeck
import SyllabusLoader
import SyllabusMarkdown
import SyllabusModel
import SyllabusRenderer
import SyllabusResolver
import SyllabusTypeset

/// Parsed documents kept between rebuilds of `serve`: a body is parsed again only when its
/// text, its place in the file, the parse options or the set of link targets changed.
public final class ParseCache: @unchecked Sendable {
  private struct Key: Hashable {
    var path: String
    var text: String
    var firstLine: Int
    var allowRawHTML: Bool
    var limits: Limits
    var reservedIDs: ReservedIDs
    var anchorLabel: String
    var stopwords: Set<String>
  }

  private struct Entry {
    var key: Key
    var document: MarkdownDocument
  }

  private var entries: [String: Entry] = [:]
  /// The link targets every entry was parsed against (rewritten links depend on them).
  private var linkTargets: [String: String] = [:]
  private let lock = NSLock()
  public private(set) var hits = 0
  public private(set) var misses = 0
  /// Composed front matter and decoded files, for the load stage.
  public let yaml = YAMLCache()
  public let files = LoadedFileCache()
  /// Formulas and code already typeset, and the renderer process, kept for the whole session.
  public let typesetter = Typesetter()
  /// The Anki deck's full-answer fields, made again only for changed answers.
  public let cards = CardCache()

  public init() {}

  // MARK: - Templates

  private var templateStamp: [String: [Int]] = [:]
  private var templateSet: TemplateSet?

  /// Modification time and size of every file under the templates folder.
  static func stamp(_ folder: URL?) -> [String: [Int]] {
    var out: [String: [Int]] = [:]
    guard let folder else { return ["(built-in theme)": []] }
    guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return out }
    for case let path as String in walker {
      var info = stat()
      if stat(folder.appendingPathComponent(path).path, &info) == 0 {
        out[path] = [Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_size)]
      }
    }
    return out
  }

  /// The templates compiled last time, if no file under the folder changed since.
  func templates(in folder: URL?) -> TemplateSet? {
    let now = Self.stamp(folder)
    lock.lock()
    defer { lock.unlock() }
    return now == templateStamp ? templateSet : nil
  }

  func store(_ templates: TemplateSet, from folder: URL?) {
    let now = Self.stamp(folder)
    lock.lock()
    defer { lock.unlock() }
    templateStamp = now
    templateSet = templates
  }

  private func key(_ body: MarkdownSource, _ options: MarkdownParser.Options) -> Key {
    Key(path: body.path, text: body.text, firstLine: body.firstLine, allowRawHTML: options.allowRawHTML, limits: options.limits, reservedIDs: options.reservedIDs, anchorLabel: options.anchorLabel, stopwords: options.stopwords)
  }

  /// Called once per rebuild, before any lookup: when the link targets changed (a file was
  /// added, removed or renamed), every entry is dropped. Comparing them once here, not per
  /// document, keeps a rebuild linear in the number of files.
  func prepare(links: LinkTable) {
    lock.lock()
    defer { lock.unlock() }
    if linkTargets != links.pages {
      entries.removeAll()
      linkTargets = links.pages
    }
  }

  func document(for body: MarkdownSource, options: MarkdownParser.Options) -> MarkdownDocument? {
    lock.lock()
    defer { lock.unlock() }
    guard let entry = entries[body.path], entry.key == key(body, options) else {
      misses += 1
      return nil
    }
    hits += 1
    return entry.document
  }

  func store(_ document: MarkdownDocument, for body: MarkdownSource, options: MarkdownParser.Options) {
    lock.lock()
    defer { lock.unlock() }
    entries[body.path] = Entry(key: key(body, options), document: document)
  }
}
