import Foundation
import SyllabusModel
import SyllabusRenderer

/// The print fragments of the last cached build into one output folder
/// (`render/<hash of the folder's path>.prt`, beside its `RenderRecord`): every chapter's and
/// question's HTML as the print documents hold it, with what it was made from (its HTML as a
/// digest), so the next build rewrites only the pages whose HTML changed. Each entry repeats
/// its inputs and `PrintFragmentCache` compares them, so a stale entry is a miss.
enum PrintFragmentRecord {
  static let suffix = ".prt"
  private static let magic = "syllabus print fragments 2"

  static func url(in folder: URL, output: URL) -> URL {
    folder.appendingPathComponent(StableHasher.hex(output.standardizedFileURL.path) + suffix)
  }

  static func encoded(_ fragments: PrintFragments, output: String) -> [UInt8] {
    var w = CacheWriter()
    encode(fragments, output: output, into: &w)
    return w.bytes
  }

  /// The record as `decode` reads it. Written to the file as it is encoded (see `save`): at
  /// 10,000 questions it is about the guide's HTML, and held whole it was the build's peak
  /// of memory.
  static func encode(_ fragments: PrintFragments, output: String, into w: inout CacheWriter) {
    w.string(magic)
    w.string(output)
    w.int(fragments.entries.count)
    for (source, entry) in fragments.entries.sorted(by: { $0.key < $1.key }) {
      w.string(source)
      w.string(entry.input.htmlDigest)
      w.string(entry.input.pageURL)
      w.string(entry.input.anchor)
      w.int(entry.input.demote)
      w.raw(entry.fragment.bytes)
      w.int(entry.fragment.links.count)
      for link in entry.fragment.links {
        w.int(link.offset)
        w.string(link.page)
        w.bool(link.fragment != nil)
        w.string(link.fragment ?? "")
      }
    }
  }

  static func decode(_ bytes: [UInt8], output: String) -> PrintFragments? {
    var r = CacheReader(bytes)
    return decode(&r, output: output)
  }

  static func decode(_ r: inout CacheReader, output: String) -> PrintFragments? {
    guard r.string() == magic, r.string() == output,
      let entries = r.list({ r -> PrintFragments.Entry? in
        guard let source = r.string(), let htmlDigest = r.string(), let pageURL = r.string(), let anchor = r.string(), let demote = r.int(),
          let fragment = r.raw(),
          let links = r.list({ r -> PrintFragment.Link? in
            guard let offset = r.int(), offset >= 0, offset <= fragment.count, let page = r.string(), let hasFragment = r.bool(),
              let text = r.string()
            else { return nil }
            return PrintFragment.Link(offset: offset, page: page, fragment: hasFragment ? text : nil)
          }),
          zip(links, links.dropFirst()).allSatisfy({ $0.offset <= $1.offset })
        else { return nil }
        return PrintFragments.Entry(
          input: .init(source: source, htmlDigest: htmlDigest, pageURL: pageURL, anchor: anchor, demote: demote),
          fragment: PrintFragment(bytes: fragment, links: links))
      }),
      r.atEnd
    else { return nil }
    return PrintFragments(entries: Dictionary(entries.map { ($0.input.source, $0) }, uniquingKeysWith: { a, _ in a }))
  }

  static func load(from folder: URL, output: URL) -> PrintFragments? {
    // Read as it is decoded: whole, the file sat beside its decoded copy, a warm build's peak.
    BuildCache.reading(url(in: folder, output: output)) { decode(&$0, output: output.standardizedFileURL.path) }
  }

  static func save(_ fragments: PrintFragments, in folder: URL, output: URL) {
    let output = output.standardizedFileURL
    BuildCache.writeAtomically(to: url(in: folder, output: output)) { encode(fragments, output: output.path, into: &$0) }
  }
}
