/// How a relative path written on one page (or in one source file) leads to another: the one
/// rule the link checker (`LinkTable`), the deck's card links and the print documents all use,
/// so a link means the same everywhere. Bytes in, bytes out: '/' and '.' are ASCII, so a path is
/// split on its UTF-8 without walking grapheme clusters, and this runs for every link.
public enum RelativePath {
  /// What a `..` that would climb above the root does.
  public enum AboveRoot: Sendable { case stayAtRoot, fail }

  /// `relative` seen from the file at `page` (both root-relative; `page`'s last segment is the
  /// file and is dropped), as a root-relative path: `.` and empty segments (`a//b`) change
  /// nothing, `..` leaves a folder, anything else enters one. A `relative` starting with `/`
  /// starts at the root. Nil only when `..` climbs above the root and `aboveRoot` is `.fail`.
  /// Concrete buffers, not generic collections: this runs for every link of every page and
  /// print fragment, and a generic across modules would run unspecialised.
  public static func resolve(_ relative: UnsafeBufferPointer<UInt8>, from page: UnsafeBufferPointer<UInt8>, aboveRoot: AboveRoot) -> [UInt8]? {
    let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
    var out: [UInt8] = []
    out.reserveCapacity(page.count + relative.count)
    // Where each folder of `out` starts.
    var starts: [Int] = []
    func enter(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
      if !starts.isEmpty { out.append(slash) }
      starts.append(out.count)
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
    }
    if relative.first != slash {
      // The page's folders: its non-empty segments but the last.
      var end = page.count
      while end > 0 && page[end - 1] == slash { end -= 1 }
      var folders = end
      while folders > 0 && page[folders - 1] != slash { folders -= 1 }
      var from = 0
      for i in 0..<folders where page[i] == slash {
        if i > from { enter(page, from..<i) }
        from = i + 1
      }
    }
    var from = 0
    for i in 0...relative.count where i == relative.count || relative[i] == slash {
      defer { from = i + 1 }
      let n = i - from
      if n == 0 || (n == 1 && relative[from] == dot) { continue }
      if n == 2 && relative[from] == dot && relative[from + 1] == dot {
        guard let start = starts.popLast() else {
          if aboveRoot == .fail { return nil }
          continue
        }
        out.removeSubrange(max(0, start - 1)...)
      } else {
        enter(relative, from..<i)
      }
    }
    return out
  }

  /// The same, as a String.
  public static func resolve(_ relative: String, from page: String, aboveRoot: AboveRoot) -> String? {
    var relative = relative, page = page
    return relative.withUTF8 { r in page.withUTF8 { p in resolve(r, from: p, aboveRoot: aboveRoot) } }
      .map { String(decoding: $0, as: UTF8.self) }
  }

  /// Where the scheme of `link` ends (its `:`), or nil when it has none and is a path: a
  /// scheme is a letter, then letters, digits, `+`, `-` or `.`, up to the first `:` (RFC 3986,
  /// 3.1), so `a.html#step:1` is a path and `javascript:x` is not. Every link reader asks this.
  @inlinable public static func schemeEnd<C: Collection<UInt8>>(_ link: C) -> C.Index? {
    guard let first = link.first, (first | 0x20) >= UInt8(ascii: "a") && (first | 0x20) <= UInt8(ascii: "z") else { return nil }
    var i = link.index(after: link.startIndex)
    while i < link.endIndex {
      let c = link[i]
      if c == UInt8(ascii: ":") { return i }
      let letter = (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z")
      guard letter || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
      else { return nil }
      i = link.index(after: i)
    }
    return nil
  }
}
