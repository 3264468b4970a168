import Foundation
import SyllabusDeck
import SyllabusModel

/// The deck's card fields between two cached builds (see `CardCache`):
/// `deck/<hash of the guide's slug>.cards`, one file for every note, since the deck is
/// always made whole. Each entry repeats its inputs in full, so a changed answer, a
/// renamed page or even a hash collision between two guides' names is a miss; a file that does
/// not read whole (truncated, garbage, another version's) is no cache at all.
enum CardCacheFile {
  static let suffix = ".cards"
  private static let magic = "syllabus card cache 1"

  static func url(in folder: URL, slug: String) -> URL {
    folder.appendingPathComponent(StableHasher.hex(slug) + suffix)
  }

  static func encoded(_ entries: [CardCache.Entry], slug: String) -> [UInt8] {
    var w = CacheWriter(capacity: entries.reduce(256) { $0 + $1.html.utf8.count + $1.field.utf8.count + 64 })
    encode(entries, slug: slug, into: &w)
    return w.bytes
  }

  /// The file as `decode` reads it; `save` writes it to disk as it is encoded, so the guide's
  /// answers are not held a second time.
  static func encode(_ entries: [CardCache.Entry], slug: String, into w: inout CacheWriter) {
    w.string(magic)
    w.string(slug)
    w.int(entries.count)
    for entry in entries {
      w.string(entry.page)
      w.bool(entry.baseURL != nil)
      w.string(entry.baseURL ?? "")
      w.string(entry.html)
      w.string(entry.field)
    }
  }

  /// The entries in `bytes`, if they are a whole file for the guide `slug`.
  static func decode(_ bytes: [UInt8], slug: String) -> [CardCache.Entry]? {
    var r = CacheReader(bytes)
    guard r.string() == magic, r.string() == slug,
      let entries = r.list({ r -> CardCache.Entry? in
        guard let page = r.string(), let hasBase = r.bool(), let base = r.string(), let html = r.string(), let field = r.string()
        else { return nil }
        return CardCache.Entry(page: page, baseURL: hasBase ? base : nil, html: html, field: field)
      }),
      r.atEnd
    else { return nil }
    return entries
  }

  /// The guide's cache from the last cached build; an empty one when there is none to read.
  static func load(from folder: URL, slug: String) -> CardCache {
    CardCache(BuildCache.read(url(in: folder, slug: slug)).flatMap { decode($0, slug: slug) } ?? [])
  }

  static func save(_ cache: CardCache, in folder: URL, slug: String) {
    let entries = cache.all
    BuildCache.writeAtomically(to: url(in: folder, slug: slug)) { encode(entries, slug: slug, into: &$0) }
  }
}
