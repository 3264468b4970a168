/// Literal search-and-replace and splitting on UTF-8 bytes. Foundation's versions go through
/// NSString on Linux and were a third of a build's instructions on the real guide.
enum FastReplace {
  /// Replaces every occurrence of each pattern, scanning the text once. Patterns are HTML
  /// tags: each must start with `<`.
  static func apply(_ text: String, _ pairs: [(String, String)]) -> String {
    assert(pairs.allSatisfy { $0.0.hasPrefix("<") })
    let patterns = pairs.map { (Array($0.0.utf8), Array($0.1.utf8)) }
    let bytes = Array(text.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 256)
    var i = 0
    // Every pattern starts with `<`: copy the text between two `<` in one piece.
    scan: while i < bytes.count {
      guard let open = bytes[i...].firstIndex(of: UInt8(ascii: "<")) else {
        out.append(contentsOf: bytes[i...])
        break
      }
      out.append(contentsOf: bytes[i..<open])
      i = open
      for (pattern, replacement) in patterns where matches(bytes, at: i, pattern) {
        out.append(contentsOf: replacement)
        i += pattern.count
        continue scan
      }
      out.append(bytes[i])
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  static func components(of text: String, separatedBy separator: String, maxSplits: Int = .max) -> [String] {
    let bytes = Array(text.utf8), pattern = Array(separator.utf8)
    guard let first = pattern.first else { return [text] }
    var parts: [String] = []
    var start = 0, i = 0
    while i + pattern.count <= bytes.count && parts.count < maxSplits {
      if bytes[i] == first && matches(bytes, at: i, pattern) {
        parts.append(String(decoding: bytes[start..<i], as: UTF8.self))
        i += pattern.count
        start = i
      } else {
        i += 1
      }
    }
    parts.append(String(decoding: bytes[start...], as: UTF8.self))
    return parts
  }

  private static func matches(_ bytes: [UInt8], at index: Int, _ pattern: [UInt8]) -> Bool {
    guard index + pattern.count <= bytes.count else { return false }
    for k in 0..<pattern.count where bytes[index + k] != pattern[k] { return false }
    return true
  }
}
