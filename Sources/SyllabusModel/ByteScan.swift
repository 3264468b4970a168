import Foundation

/// Searching and trimming on UTF-8 bytes, each giving exactly what its Foundation counterpart
/// gives. Foundation's String methods go through NSString on Linux, which made them most of
/// the cost of the Anki deck's card fields. Foundation compares characters, not bytes
/// (canonical equivalence, combining marks), so where that could matter, with a non-ASCII
/// byte inside or next to what a function looks at, the function asks Foundation; text that
/// is ASCII where it looks, nearly all of it, never goes there.
public enum ByteScan {
  /// The ASCII members of `CharacterSet.whitespacesAndNewlines`: tab, line feed, vertical tab,
  /// form feed, carriage return and space.
  @inlinable public static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

  /// `text.trimmingCharacters(in: .whitespacesAndNewlines)`.
  public static func trimmingSpace(_ text: String) -> String {
    let u = text.utf8
    guard let first = u.first, let last = u.last else { return text }
    if first < 0x80 && !isSpace(first) && last < 0x80 && !isSpace(last) { return text }
    var start = u.startIndex, end = u.endIndex
    while start < end, isSpace(u[start]) { start = u.index(after: start) }
    while end > start, isSpace(u[u.index(before: end)]) { end = u.index(before: end) }
    // Past the ASCII spaces, a non-ASCII character might be a space too (NBSP, U+2028…).
    if start < end, u[start] >= 0x80 || u[u.index(before: end)] >= 0x80 {
      return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    return String(text[start..<end])
  }

  /// Whether every byte of `bytes[range]` is ASCII.
  @inlinable public static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    for i in range where bytes[i] >= 0x80 { return false }
    return true
  }

  /// The offset of the first occurrence of `pattern` in `bytes` at or after `from`, ASCII
  /// letters compared without case when `ignoringCase`; nil when there is none.
  public static func find(
    _ pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int, ignoringCase: Bool = false
  ) -> Int? {
    guard let head = pattern.first, bytes.count >= pattern.count else { return nil }
    func fold(_ b: UInt8) -> UInt8 { ignoringCase && b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
    let first = fold(head)
    var i = from
    while i + pattern.count <= bytes.count {
      if fold(bytes[i]) == first {
        var k = 1
        while k < pattern.count && fold(bytes[i + k]) == fold(pattern[k]) { k += 1 }
        if k == pattern.count { return i }
      }
      i += 1
    }
    return nil
  }

  /// `text.contains(pattern)` (Foundation's, or the standard library's: both match whole
  /// characters under canonical equivalence). For a `pattern` of printable ASCII without `;`,
  /// `` ` `` or `K`: those three are the only ASCII characters another character (U+037E,
  /// U+1FEF, U+212A) is canonically equal to, so for any other pattern a match is a byte match,
  /// and one with ASCII on either side is a match of whole characters.
  public static func contains(_ text: String, _ pattern: String) -> Bool {
    precondition(
      pattern.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: "`") && $0 != UInt8(ascii: "K") },
      "ByteScan.contains takes printable ASCII without ; ` K")
    let needle = Array(pattern.utf8)
    var text = text
    return text.withUTF8 { bytes in
      guard let at = find(needle, in: bytes, from: 0) else { return false }
      let after = at + needle.count
      if (at > 0 && bytes[at - 1] >= 0x80) || (after < bytes.count && bytes[after] >= 0x80) {
        // A combining mark after the match (or a prepended mark before it) makes its end
        // part of another character.
        return String(decoding: bytes, as: UTF8.self).contains(pattern)
      }
      return true
    }
  }

  /// `text.replacingOccurrences(of: String(byte), with: replacement)`, for a printable ASCII
  /// `byte` that no other character is canonically equal to (see `contains`).
  public static func replacing(_ byte: UInt8, with replacement: String, in text: String) -> String {
    precondition(byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: ";") && byte != UInt8(ascii: "`") && byte != UInt8(ascii: "K"))
    let u = text.utf8
    guard u.contains(byte) else { return text }
    var out: [UInt8] = []
    out.reserveCapacity(u.count + replacement.utf8.count)
    var previous: UInt8 = 0
    var pending = false
    for b in u {
      // A non-ASCII byte next to the byte replaced: a mark may join them into one character.
      if (pending && b >= 0x80) || (b == byte && previous >= 0x80) {
        return text.replacingOccurrences(of: String(UnicodeScalar(byte)), with: replacement)
      }
      pending = b == byte
      if pending { out.append(contentsOf: replacement.utf8) } else { out.append(b) }
      previous = b
    }
    return String(decoding: out, as: UTF8.self)
  }
}
