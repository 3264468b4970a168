import Foundation
import SyllabusMarkdown
import SyllabusModel
import SyllabusResolver

/// Parse results on disk, one file per body: `parse/<2 hex>/<30 hex>.doc`, named by a hash of
/// everything the parse and typeset of that body depend on (its text, path and first line,
/// the parse options, the link table, the Node.js that typeset it). The entry repeats those inputs in full, and a lookup
/// compares them byte for byte, so even a hash collision is a miss, never a wrong page.
final class DocumentCache: @unchecked Sendable {
  static let suffix = ".doc"
  private static let magic = "syllabus parse cache 1"

  let folder: URL
  /// The options and link targets of this run, hashed once.
  private let context: String
  private let lock = NSLock()
  private var used: Set<String> = []
  private(set) var stored = 0
  private(set) var hits = 0

  /// `environment` is what typesetting depends on outside the tool (`Typesetter.environment`).
  init(folder: URL, options: MarkdownParser.Options, links: LinkTable, environment: String) {
    self.folder = folder
    var hasher = StableHasher()
    hasher.combine(environment)
    hasher.combine(Self.describe(options))
    for (source, page) in links.pages.sorted(by: { $0.key < $1.key }) {
      hasher.combine(source)
      hasher.combine(page)
    }
    context = hasher.hex()
  }

  /// The options as text that is the same in every run: fields by name, sets sorted (a Set's
  /// order changes from run to run). A field added to Options is covered without a change here.
  static func describe(_ options: MarkdownParser.Options) -> String {
    func canonical(_ value: Any) -> String {
      if let set = value as? Set<String> { return set.sorted().joined(separator: "\u{0}") }
      if let ids = value as? ReservedIDs {
        return ids.exact.sorted().joined(separator: "\u{0}") + "\u{1}" + ids.numberedPrefixes.sorted().joined(separator: "\u{0}")
      }
      return String(describing: value)
    }
    return Mirror(reflecting: options).children.map { "\($0.label ?? "")=\(canonical($0.value))" }.joined(separator: "\u{2}")
  }

  private func name(_ body: MarkdownSource) -> String {
    var hasher = StableHasher()
    hasher.combine(context)
    hasher.combine(body.path)
    hasher.combine(body.text)
    return hasher.hex()
  }

  private func url(_ name: String) -> URL {
    folder.appendingPathComponent(String(name.prefix(2))).appendingPathComponent(String(name.dropFirst(2)) + Self.suffix)
  }

  private func header(_ body: MarkdownSource, _ w: inout CacheWriter) {
    w.string(Self.magic)
    w.string(context)
    OptionsCoding.writeBody(body, to: &w)
  }

  /// The cached document for `body`, when an entry with exactly its inputs exists.
  func document(for body: MarkdownSource) -> MarkdownDocument? {
    let name = name(body)
    lock.lock()
    used.insert(String(name.dropFirst(2)) + Self.suffix)
    lock.unlock()
    guard let bytes = BuildCache.read(url(name)) else { return nil }
    var expected = CacheWriter(capacity: body.text.utf8.count + 256)
    header(body, &expected)
    let head = expected.bytes
    guard bytes.count > head.count, bytes.starts(with: head) else { return nil }
    var reader = CacheReader(Array(bytes[head.count...]))
    guard let document = DocumentCoding.read(&reader), reader.atEnd else { return nil }
    lock.lock()
    hits += 1
    lock.unlock()
    return document
  }

  func store(_ document: MarkdownDocument, for body: MarkdownSource) {
    let name = name(body)
    var w = CacheWriter(capacity: body.text.utf8.count * 4)
    header(body, &w)
    DocumentCoding.write(document, to: &w)
    let target = url(name)
    // A folder that cannot be made fails the write below, and the document is just not cached.
    try? FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    if BuildCache.writeAtomically(w.bytes, to: target) {
      lock.lock()
      stored += 1
      lock.unlock()
    }
  }

  /// After a run that stored entries: removes the entries this run neither read nor wrote
  /// (old versions of edited bodies, deleted files), so the folder stays the size of the guide.
  func prune() {
    guard stored > 0 else { return }
    lock.lock()
    let keep = used
    lock.unlock()
    BuildCache.removeEntries(in: folder, suffix: Self.suffix) { keep.contains($0) }
  }
}
