import Foundation
import SyllabusModel

#if canImport(Glibc)
  import Glibc
#endif

/// Where the build cache lives and which build of the tool uses it (from the CLI, which
/// knows the version and commit).
public struct CacheLocation: Sendable {
  public var folder: URL
  /// Short, for the version folder's name: `0.1.0-<commit>`.
  public var version: String
  /// Everything that names this build of the tool (version, commit, local changes).
  public var identity: String

  public init(folder: URL, version: String, identity: String) {
    self.folder = folder
    self.version = version
    self.identity = identity
  }
}

/// The on-disk build cache (`.syllabus-cache/` beside `content/` unless `--cache-dir` says
/// otherwise): what a warm `syllabus build` reuses from the last one. Safe to delete at any
/// time, never a source of truth: every entry carries the inputs it was made from and is used
/// only when they match exactly, and an entry that cannot be read, or reads as garbage, is a
/// miss (the work is done again, and the entry rewritten).
///
/// Layout:
///
///     .syllabus-cache/
///       CACHEDIR.TAG            backup tools skip the folder (bford.org/cachedir)
///       v<tool>-<commit>/       one folder per tool build, so a new tool never reads an old cache
///         KEY                   the full tool identity; a mismatch empties the folder's entries
///         parse/ab/<hash>.doc   one parsed and typeset body (DocumentCache)
///         render/<hash>.rec     the last render into one output folder (RenderRecord)
///         render/<hash>.prt     its print fragments (PrintFragmentRecord)
///         deck/<hash>.cards     one guide's Anki card fields (CardCacheFile)
///         typeset/              reserved for the typesetter's own cache
///
/// The tool deletes only files it wrote: entries named as above, inside its own version folder.
public struct BuildCache: Sendable {
  public static let defaultName = ".syllabus-cache"
  static let tagName = "CACHEDIR.TAG"
  static let tagText = """
    Signature: 8a477f597d28d172789f06886806bc55
    # This file is a cache directory tag created by syllabus (the build cache).
    # It can be deleted at any time; the next build starts cold.

    """

  /// The cache folder itself.
  public let root: URL
  /// This tool's folder inside it.
  public let folder: URL

  /// The location's identity names the build exactly; the running executable's size and
  /// modification time join it, so two builds from one dirty checkout never share entries
  /// either. Nil when the folder cannot be made (the build then runs without a cache).
  public init?(_ location: CacheLocation) {
    self.root = location.folder.standardizedFileURL
    var identity = location.identity
    var info = stat()
    if stat("/proc/self/exe", &info) == 0 {
      identity += "\nexecutable \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
    let name = "v" + String(location.version.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) || $0 == "." ? Character($0) : "-" }.prefix(60))
    folder = self.root.appendingPathComponent(name)
    guard Self.prepare(root: self.root, folder: folder, identity: identity) else { return nil }
  }

  public var parseFolder: URL { folder.appendingPathComponent("parse") }
  public var renderFolder: URL { folder.appendingPathComponent("render") }
  public var deckFolder: URL { folder.appendingPathComponent("deck") }
  /// For the typesetter's on-disk cache (merged separately); nothing here writes to it.
  public var typesetFolder: URL { folder.appendingPathComponent("typeset") }

  /// Creates the folders and the tag; when `KEY` names another build of the tool, the
  /// entries this tool writes are removed first, then `KEY` is rewritten.
  private static func prepare(root: URL, folder: URL, identity: String) -> Bool {
    let fm = FileManager.default
    guard (try? fm.createDirectory(at: folder, withIntermediateDirectories: true)) != nil else { return false }
    let tag = root.appendingPathComponent(tagName)
    if !fm.fileExists(atPath: tag.path) { writeAtomically(Array(tagText.utf8), to: tag) }
    let key = folder.appendingPathComponent("KEY")
    let stored = fm.contents(atPath: key.path).flatMap { String(data: $0, encoding: .utf8) }
    if stored != identity {
      removeEntries(in: folder.appendingPathComponent("parse"), suffix: DocumentCache.suffix)
      removeEntries(in: folder.appendingPathComponent("render"), suffix: RenderRecord.suffix)
      removeEntries(in: folder.appendingPathComponent("render"), suffix: PrintFragmentRecord.suffix)
      removeEntries(in: folder.appendingPathComponent("deck"), suffix: CardCacheFile.suffix)
      writeAtomically(Array(identity.utf8), to: key)
    }
    // Deliberate `try?`s in this file: the cache only saves time. A folder that cannot be made
    // or listed means entries are not stored (or not removed), and the build does the work.
    for sub in ["parse", "render", "deck"] {
      try? fm.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
    }
    return fm.fileExists(atPath: key.path)
  }

  /// Files named `<hex>.<suffix>` under `folder` (one level of shards at most): the entries this
  /// tool writes there, and nothing else, are unlinked; `keep` says which stay.
  static func removeEntries(in folder: URL, suffix: String, keep: (String) -> Bool = { _ in false }) {
    func isEntry(_ name: String) -> Bool {
      name.hasSuffix(suffix) && name.dropLast(suffix.count).allSatisfy(\.isHexDigit)
    }
    let fm = FileManager.default
    for name in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] {
      let path = folder.path + "/" + name
      if isEntry(name) {
        if !keep(name) { unlink(path) }
      } else if name.count == 2, name.allSatisfy(\.isHexDigit) {
        for inner in (try? fm.contentsOfDirectory(atPath: path)) ?? [] where isEntry(inner) && !keep(inner) {
          unlink(path + "/" + inner)
        }
        rmdir(path)  // only when empty
      }
    }
  }

  /// Writes through a temporary name and renames, so a reader never sees half an entry and
  /// two builds racing on one cache each leave a whole one.
  @discardableResult
  static func writeAtomically(_ bytes: [UInt8], to url: URL) -> Bool {
    writeAtomically(to: url) { fd in bytes.withUnsafeBytes { writeAll(fd, $0) } }
  }

  /// `writeAtomically(_:to:)` for an entry encoded as it is written: `fill` gets a writer
  /// that hands each megabyte to the temporary file, so the entry is never whole in memory.
  @discardableResult
  static func writeAtomically(to url: URL, encoding fill: (inout CacheWriter) -> Void) -> Bool {
    writeAtomically(to: url) { fd in
      var w = CacheWriter(spillingTo: { writeAll(fd, $0) })
      fill(&w)
      return w.flush()
    }
  }

  /// Opens the temporary file, lets `write` fill it (true when every byte went), renames.
  private static func writeAtomically(to url: URL, _ write: (Int32) -> Bool) -> Bool {
    let temporary = url.path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return false }
    var ok = write(fd)
    ok = close(fd) == 0 && ok
    if ok && rename(temporary, url.path) == 0 { return true }
    unlink(temporary)
    return false
  }

  /// Writes all of `raw` to `fd`, through short writes and interrupts.
  private static func writeAll(_ fd: Int32, _ raw: UnsafeRawBufferPointer) -> Bool {
    var offset = 0
    while offset < raw.count {
      let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return false }
      offset += n
    }
    return true
  }

  /// What `decode` makes of the file, read a megabyte at a time as it decodes; nil when the
  /// file cannot be opened.
  static func reading<T>(_ url: URL, _ decode: (inout CacheReader) -> T?) -> T? {
    let fd = open(url.path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    var reader = CacheReader(file: fd, size: Int(info.st_size))
    return decode(&reader)
  }

  /// The whole file, or nil.
  static func read(_ url: URL) -> [UInt8]? {
    let fd = open(url.path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    let size = Int(info.st_size)
    var bytes = [UInt8](repeating: 0, count: size)
    var offset = 0
    let ok = bytes.withUnsafeMutableBytes { raw -> Bool in
      while offset < size {
        let n = Glibc.read(fd, raw.baseAddress! + offset, size - offset)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return false }
        offset += n
      }
      return true
    }
    return ok ? bytes : nil
  }
}
