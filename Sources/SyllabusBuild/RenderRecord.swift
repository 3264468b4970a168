import Foundation
import SyllabusModel
import SyllabusWriter

/// What the last cached build rendered into one output folder, kept in
/// `render/<hash of the folder's path>.rec`: the inputs every page was rendered from (the
/// template digest, each source's front-matter hash and body digest, what each page lists),
/// and the stamp of every page file the writer left. The next build into the same folder
/// renders only the pages whose inputs changed (the same rule `serve` uses in memory,
/// `SiteRenderer.Reuse`) and links the others from the previous site without reading them,
/// provided their files still carry the stamps recorded here.
struct RenderRecord {
  static let suffix = ".rec"
  private static let magic = "syllabus render record 1"

  var output: String
  var templates: Int
  var frontMatter: [String: Int]
  var bodies: [String: String]
  var pageFrontMatter: [String: [String]]
  var stamps: [String: FileStamp]

  static func url(in folder: URL, output: URL) -> URL {
    folder.appendingPathComponent(StableHasher.hex(output.standardizedFileURL.path) + suffix)
  }

  /// Body digests by path, as the record keeps them.
  static func digests(_ bodies: [String: String]) -> [String: String] {
    bodies.mapValues { StableHasher.hex($0) }
  }

  func encoded() -> [UInt8] {
    var w = CacheWriter(capacity: 1 << 20)
    w.string(Self.magic)
    w.string(output)
    w.int(templates)
    w.int(frontMatter.count)
    for (path, hash) in frontMatter.sorted(by: { $0.key < $1.key }) {
      w.string(path)
      w.int(hash)
    }
    w.int(bodies.count)
    for (path, digest) in bodies.sorted(by: { $0.key < $1.key }) {
      w.string(path)
      w.string(digest)
    }
    w.int(pageFrontMatter.count)
    for (url, paths) in pageFrontMatter.sorted(by: { $0.key < $1.key }) {
      w.string(url)
      w.strings(paths)
    }
    w.int(stamps.count)
    for (path, s) in stamps.sorted(by: { $0.key < $1.key }) {
      w.string(path)
      w.int(Int(bitPattern: UInt(s.inode)))
      w.int(Int(s.size))
      w.int(Int(s.modified))
      w.int(Int(s.changed))
    }
    return w.bytes
  }

  /// The record in `bytes`, if it is a whole one for `output`.
  static func decode(_ bytes: [UInt8], output: String) -> RenderRecord? {
    var r = CacheReader(bytes)
    guard r.string() == magic, r.string() == output, let templates = r.int(),
      let frontMatter = r.list({ r -> (String, Int)? in
        guard let path = r.string(), let hash = r.int() else { return nil }
        return (path, hash)
      }),
      let bodies = r.list({ r -> (String, String)? in
        guard let path = r.string(), let digest = r.string() else { return nil }
        return (path, digest)
      }),
      let pages = r.list({ r -> (String, [String])? in
        guard let url = r.string(), let paths = r.strings() else { return nil }
        return (url, paths)
      }),
      let stamps = r.list({ r -> (String, FileStamp)? in
        guard let path = r.string(), let inode = r.int(), let size = r.int(), let modified = r.int(), let changed = r.int() else { return nil }
        return (path, FileStamp(inode: UInt64(UInt(bitPattern: inode)), size: Int64(size), modified: Int64(modified), changed: Int64(changed)))
      }),
      r.atEnd
    else { return nil }
    func table<V>(_ pairs: [(String, V)]) -> [String: V] { Dictionary(pairs, uniquingKeysWith: { a, _ in a }) }
    return RenderRecord(
      output: output, templates: templates, frontMatter: table(frontMatter), bodies: table(bodies), pageFrontMatter: table(pages),
      stamps: table(stamps))
  }

  static func load(from folder: URL, output: URL) -> RenderRecord? {
    BuildCache.read(url(in: folder, output: output)).flatMap { decode($0, output: output.standardizedFileURL.path) }
  }

  func save(in folder: URL) {
    BuildCache.writeAtomically(encoded(), to: Self.url(in: folder, output: URL(fileURLWithPath: output)))
  }
}
