import Foundation
import SyllabusModel

#if canImport(Glibc)
  import Glibc
#endif

/// The build cache's binary form: lengths and numbers as 8-byte little-endian integers,
/// strings as a length and UTF-8 bytes. Why not JSON or a property list: reading a 10k
/// guide's parse results back is most of a warm build, and Foundation's decoders on Linux
/// take seconds for what this takes tens of milliseconds. Nothing here is trusted: every
/// read is bounds-checked, and a short or malformed entry reads as nil (a cache miss).
///
/// A writer made with `spillingTo:` hands its bytes over a megabyte at a time as it goes
/// (`BuildCache.writeAtomically(to:_:)`), so a large entry (every print fragment of a guide) is
/// never held whole beside what it encodes; `bytes` is then only what is not handed over yet.
struct CacheWriter {
  private(set) var bytes: [UInt8] = []
  /// Takes each full chunk and says whether it was written.
  private var spill: ((UnsafeRawBufferPointer) -> Bool)?
  private var spillFailed = false
  static let spillSize = 1 << 20

  init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

  init(spillingTo spill: @escaping (UnsafeRawBufferPointer) -> Bool) {
    self.spill = spill
    bytes.reserveCapacity(Self.spillSize * 2)
  }

  mutating func int(_ value: Int) {
    withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
  }

  mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

  mutating func string(_ value: String) {
    int(value.utf8.count)
    bytes.append(contentsOf: value.utf8)
    spillIfFull()
  }

  /// Bytes that need not be text, as a length and the bytes.
  mutating func raw(_ value: [UInt8]) {
    int(value.count)
    bytes.append(contentsOf: value)
    spillIfFull()
  }

  private mutating func spillIfFull() {
    if spill != nil && bytes.count >= Self.spillSize { flush() }
  }

  /// Hands over what is buffered (a writer made with `spillingTo:`); whether every chunk so
  /// far was written.
  @discardableResult
  mutating func flush() -> Bool {
    if let spill, !bytes.isEmpty, !spillFailed {
      spillFailed = !bytes.withUnsafeBytes(spill)
    }
    bytes.removeAll(keepingCapacity: true)
    return !spillFailed
  }

  mutating func strings<S: Sequence>(_ values: S) where S.Element == String {
    let all = Array(values)
    int(all.count)
    for value in all { string(value) }
  }

  mutating func location(_ value: SourceLocation) {
    string(value.file)
    int(value.line)
    int(value.column)
  }
}

///
/// A reader made with `file:` reads its file a megabyte at a time as it goes, so a large entry
/// (a guide's print fragments) is never whole in memory beside what it decodes to.
struct CacheReader {
  private var bytes: [UInt8]
  private var offset = 0
  /// For a reader of a file: the file, and how many of its bytes are not in `bytes` yet.
  private var file: (fd: Int32, unread: Int)?
  var atEnd: Bool { offset == bytes.count && (file?.unread ?? 0) == 0 }

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// Reads `fd` from where it stands, `size` bytes in all; the caller closes it.
  init(file fd: Int32, size: Int) {
    bytes = []
    file = (fd, size)
  }

  /// Makes `n` bytes from `offset` available when the file holds them; false when it does not.
  private mutating func ensure(_ n: Int) -> Bool {
    if offset + n <= bytes.count { return true }
    guard let (fd, unread) = file, n <= bytes.count - offset + unread else { return false }
    bytes.removeSubrange(0..<offset)
    offset = 0
    let want = min(unread, max(n - bytes.count, CacheWriter.spillSize))
    let start = bytes.count
    bytes += repeatElement(0, count: want)
    var done = 0
    while done < want {
      let got = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + start + done, want - done) }
      if got < 0 && errno == EINTR { continue }
      guard got > 0 else {
        file = nil
        bytes.removeLast(want - done)
        return false
      }
      done += got
    }
    file = (fd, unread - want)
    return offset + n <= bytes.count
  }

  mutating func int() -> Int? {
    guard ensure(8) else { return nil }
    var value: Int64 = 0
    withUnsafeMutableBytes(of: &value) { target in
      bytes.withUnsafeBytes { source in target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<offset + 8])) }
    }
    offset += 8
    return Int(Int64(littleEndian: value))
  }

  mutating func bool() -> Bool? {
    guard ensure(1), bytes[offset] <= 1 else { return nil }
    offset += 1
    return bytes[offset - 1] == 1
  }

  /// A count of things still to read: never more than the bytes left, so a corrupt length
  /// cannot make a reader reserve gigabytes.
  mutating func count() -> Int? {
    guard let n = int(), n >= 0, n <= bytes.count - offset + (file?.unread ?? 0) else { return nil }
    return n
  }

  mutating func string() -> String? {
    guard let n = count(), ensure(n) else { return nil }
    defer { offset += n }
    return bytes.withUnsafeBufferPointer { String(validating: UnsafeBufferPointer(rebasing: $0[offset..<offset + n]), as: UTF8.self) }
  }

  mutating func raw() -> [UInt8]? {
    guard let n = count(), ensure(n) else { return nil }
    defer { offset += n }
    return Array(bytes[offset..<offset + n])
  }

  mutating func strings() -> [String]? {
    guard let n = count() else { return nil }
    var out: [String] = []
    out.reserveCapacity(n)
    for _ in 0..<n {
      guard let s = string() else { return nil }
      out.append(s)
    }
    return out
  }

  mutating func location() -> SourceLocation? {
    guard let file = string(), let line = int(), let column = int() else { return nil }
    return SourceLocation(file: file, line: line, column: column)
  }

  /// `n` values read by `read`, or nil if any is malformed.
  mutating func list<T>(_ read: (inout CacheReader) -> T?) -> [T]? {
    guard let n = count() else { return nil }
    var out: [T] = []
    out.reserveCapacity(n)
    for _ in 0..<n {
      guard let value = read(&self) else { return nil }
      out.append(value)
    }
    return out
  }
}

/// A parsed (and typeset) document, field by field. `MarkdownDocument` has no `init` taking
/// every field, so the later ones are set after it.
enum DocumentCoding {
  static func write(_ d: MarkdownDocument, to w: inout CacheWriter) {
    w.int(d.sections.count)
    for s in d.sections {
      w.bool(s.heading != nil)
      if let h = s.heading { heading(h, &w) }
      w.string(s.headingHTML)
      w.string(s.html)
      w.strings(s.items)
    }
    w.int(d.headings.count)
    for h in d.headings { heading(h, &w) }
    w.int(d.links.count)
    for link in d.links {
      w.string(link.destination)
      w.location(link.location)
    }
    w.int(d.diagnostics.count)
    for diagnostic in d.diagnostics {
      w.bool(diagnostic.severity == .error)
      w.location(diagnostic.location)
      w.string(diagnostic.message)
    }
    w.string(d.plainText)
    w.strings(d.terms.sorted())
    w.int(d.imagesWithoutAlt.count)
    for location in d.imagesWithoutAlt { w.location(location) }
    w.int(d.typeset.count)
    for piece in d.typeset {
      switch piece {
      case .math(let f):
        w.bool(true)
        w.string(f.tex)
        w.bool(f.display)
        w.location(f.location)
        w.int(f.texLine)
        w.int(f.lineColumns.count)
        for c in f.lineColumns { w.int(c) }
      case .code(let language, let text):
        w.bool(false)
        w.string(language)
        w.string(text)
      }
    }
  }

  private static func heading(_ h: Heading, _ w: inout CacheWriter) {
    w.int(h.level)
    w.string(h.text)
    w.string(h.id)
  }

  private static func heading(_ r: inout CacheReader) -> Heading? {
    guard let level = r.int(), let text = r.string(), let id = r.string() else { return nil }
    return Heading(level: level, text: text, id: id)
  }

  static func read(_ r: inout CacheReader) -> MarkdownDocument? {
    guard
      let sections = r.list({ r -> Section? in
        guard let hasHeading = r.bool() else { return nil }
        var h: Heading?
        if hasHeading {
          guard let read = heading(&r) else { return nil }
          h = read
        }
        guard let headingHTML = r.string(), let html = r.string(), let items = r.strings() else { return nil }
        return Section(heading: h, headingHTML: headingHTML, html: html, items: items)
      }),
      let headings = r.list({ heading(&$0) }),
      let links = r.list({ r -> LinkReference? in
        guard let destination = r.string(), let location = r.location() else { return nil }
        return LinkReference(destination: destination, location: location)
      }),
      let diagnostics = r.list({ r -> Diagnostic? in
        guard let isError = r.bool(), let location = r.location(), let message = r.string() else { return nil }
        return Diagnostic(isError ? .error : .warning, location, message)
      }),
      let plainText = r.string(), let terms = r.strings(),
      let images = r.list({ $0.location() }),
      let typeset = r.list({ r -> TypesetPiece? in
        guard let isMath = r.bool() else { return nil }
        if !isMath {
          guard let language = r.string(), let text = r.string() else { return nil }
          return .code(language: language, text: text)
        }
        guard let tex = r.string(), let display = r.bool(), let location = r.location(), let texLine = r.int(),
          let columns = r.list({ $0.int() })
        else { return nil }
        return .math(MathFormula(tex: tex, display: display, location: location, texLine: texLine, lineColumns: columns))
      })
    else { return nil }
    var document = MarkdownDocument(sections: sections, headings: headings, links: links, diagnostics: diagnostics, plainText: plainText)
    document.terms = terms
    document.imagesWithoutAlt = images
    document.typeset = typeset
    return document
  }
}
