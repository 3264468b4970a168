import Foundation
import SyllabusMarkdown
import SyllabusModel
import SyllabusResolver

#if canImport(Glibc)
  import Glibc
#endif

/// A child process of the parse stage: `syllabus parse-worker`, started by `ParseWorkerPool`.
///
/// Why processes and not threads: Debian's cmark-gfm 0.29.0.gfm.6 keeps the extensions'
/// inline trigger characters in one table per process (`SPECIAL_CHARS` in inlines.c), which
/// every `cmark_parser_finish` fills and then clears (`cmark_manage_extensions_special_characters`
/// in blocks.c, called unconditionally at both ends of `process_inlines`), so inline parsing
/// takes turns under `MarkdownParser`'s lock. A worker has its own copy of that table.
///
/// On its standard input and output it speaks in frames (an 8-byte little-endian length, then
/// that many bytes in the build cache's encoding, `CacheCoding`): first the parent's hello
/// (a magic line, the parse options, the link table), then any number of requests (a list of
/// bodies), each answered by one frame of as many documents, in order. The parent closing the
/// worker's standard input ends it.
public enum ParseWorker {
  static let magic = "syllabus parse worker 1"

  /// The worker's whole life; returns its exit status (0 at the end of its input, 2 for a
  /// hello or request it cannot read, 3 when its answers cannot be written).
  /// `threads` parse the bodies of each request together.
  public static func serve(threads: Int = 1, input: Int32 = 0, output: Int32 = 1) -> Int32 {
    guard let hello = Frame.read(from: input) else { return 2 }
    var r = CacheReader(hello)
    guard r.string() == magic, let options = OptionsCoding.read(&r), let links = OptionsCoding.readLinks(&r), r.atEnd else { return 2 }
    while let request = Frame.read(from: input) {
      var r = CacheReader(request)
      guard let bodies = r.list(OptionsCoding.readBody), r.atEnd else { return 2 }
      var w = CacheWriter(capacity: request.count * 3)
      w.int(bodies.count)
      let results = ParseWorkerPool.Results(count: bodies.count)
      DispatchQueue.concurrentPerform(iterations: max(1, min(threads, bodies.count))) { t in
        for i in stride(from: t, to: bodies.count, by: max(1, threads)) { results.set(i, parse(bodies[i], options: options, links: links)) }
      }
      for document in results.value.documents { DocumentCoding.write(document, to: &w) }
      guard Frame.write(w.bytes, to: output) else { return 3 }
    }
    return 0
  }

  /// One body as the parse stage parses it, in this process or in a worker: the same call, so
  /// both give the same document.
  static func parse(_ body: MarkdownSource, options: MarkdownParser.Options, links: LinkTable) -> MarkdownDocument {
    MarkdownParser.parse(body, options: options) { links.rewrite($0, from: body.path) }
  }

  /// The parent's first frame.
  static func hello(options: MarkdownParser.Options, links: LinkTable) -> [UInt8] {
    var w = CacheWriter()
    w.string(magic)
    OptionsCoding.write(options, to: &w)
    OptionsCoding.writeLinks(links, to: &w)
    return w.bytes
  }

  static func request(_ bodies: ArraySlice<MarkdownSource>) -> [UInt8] {
    var w = CacheWriter(capacity: bodies.reduce(64) { $0 + $1.text.utf8.count + $1.path.utf8.count * 2 + 32 })
    w.int(bodies.count)
    for body in bodies { OptionsCoding.writeBody(body, to: &w) }
    return w.bytes
  }
}

/// Length-prefixed frames on a file descriptor, read and written whole (a pipe gives them
/// in pieces).
enum Frame {
  /// Nil at end of input, on a read error, or for a length the frame cannot have.
  static func read(from fd: Int32) -> [UInt8]? {
    guard let head = readExactly(8, from: fd) else { return nil }
    let length = head.withUnsafeBytes { Int(Int64(littleEndian: $0.loadUnaligned(as: Int64.self))) }
    guard length >= 0, length < 1 << 34 else { return nil }
    return readExactly(length, from: fd)
  }

  /// False when the other end is gone (EPIPE: SIGPIPE is ignored by the CLI) or on an error.
  static func write(_ bytes: [UInt8], to fd: Int32) -> Bool {
    var frame = [UInt8]()
    frame.reserveCapacity(bytes.count + 8)
    withUnsafeBytes(of: Int64(bytes.count).littleEndian) { frame.append(contentsOf: $0) }
    frame.append(contentsOf: bytes)
    return frame.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return false }
        offset += n
      }
      return true
    }
  }

  private static func readExactly(_ count: Int, from fd: Int32) -> [UInt8]? {
    var bytes = [UInt8](repeating: 0, count: count)
    var offset = 0
    let ok = bytes.withUnsafeMutableBytes { buffer in
      while offset < count {
        let n = Glibc.read(fd, buffer.baseAddress! + offset, count - offset)
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return false }
        offset += n
      }
      return true
    }
    return ok ? bytes : nil
  }
}

/// What a worker needs besides the bodies, in the build cache's encoding: every field of
/// `MarkdownParser.Options` and of `Limits` by hand (a test compares a round trip with
/// `DocumentCache.describe`, which reflects over every field, so a field added later fails it
/// until it is sent too).
enum OptionsCoding {
  static func write(_ o: MarkdownParser.Options, to w: inout CacheWriter) {
    w.bool(o.allowRawHTML)
    let l = o.limits
    for value in [l.maxFileBytes, l.maxFrontMatterBytes, l.maxYAMLNodes, l.maxYAMLDepth, l.maxNesting, l.maxTableColumns, l.maxHTMLLike,
      l.maxDelimiterRun, l.maxTags] {
      w.int(value)
    }
    w.strings(o.itemizedSections.sorted())
    w.strings(o.reservedIDs.exact.sorted())
    w.strings(o.reservedIDs.numberedPrefixes.sorted())
    w.string(o.anchorLabel)
    w.strings(o.stopwords.sorted())
  }

  static func read(_ r: inout CacheReader) -> MarkdownParser.Options? {
    guard let raw = r.bool() else { return nil }
    var n: [Int] = []
    for _ in 0..<9 {
      guard let value = r.int() else { return nil }
      n.append(value)
    }
    guard let itemized = r.strings(), let exact = r.strings(), let prefixes = r.strings(), let label = r.string(), let stopwords = r.strings()
    else { return nil }
    var limits = Limits()
    (limits.maxFileBytes, limits.maxFrontMatterBytes, limits.maxYAMLNodes, limits.maxYAMLDepth, limits.maxNesting) = (n[0], n[1], n[2], n[3], n[4])
    (limits.maxTableColumns, limits.maxHTMLLike, limits.maxDelimiterRun, limits.maxTags) = (n[5], n[6], n[7], n[8])
    return MarkdownParser.Options(
      allowRawHTML: raw, limits: limits, itemizedSections: Set(itemized),
      reservedIDs: ReservedIDs(exact: Set(exact), numberedPrefixes: Set(prefixes)), anchorLabel: label, stopwords: Set(stopwords))
  }

  static func writeLinks(_ links: LinkTable, to w: inout CacheWriter) {
    let pages = links.pages.sorted { $0.key < $1.key }
    w.strings(pages.map(\.key))
    w.strings(pages.map(\.value))
  }

  static func readLinks(_ r: inout CacheReader) -> LinkTable? {
    guard let sources = r.strings(), let pages = r.strings(), sources.count == pages.count else { return nil }
    return LinkTable(pages: Dictionary(zip(sources, pages), uniquingKeysWith: { a, _ in a }))
  }

  static func writeBody(_ body: MarkdownSource, to w: inout CacheWriter) {
    w.string(body.path)
    w.string(body.displayPath)
    w.int(body.firstLine)
    w.string(body.text)
  }

  static func readBody(_ r: inout CacheReader) -> MarkdownSource? {
    guard let path = r.string(), let display = r.string(), let line = r.int(), let text = r.string() else { return nil }
    return MarkdownSource(path: path, displayPath: display, text: text, firstLine: line)
  }
}
