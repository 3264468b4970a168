/// The words search indexes and matches. The browser script (templates/assets/app.js)
/// applies the same rules to what the reader types, so both sides agree on what a term is.
public enum SearchTerms {
  public static let stopwords: Set<String> = [
    "the", "and", "for", "are", "but", "not", "you", "your", "with", "that", "this", "from", "have", "has", "was", "were",
    "its", "it's", "into", "than", "then", "they", "them", "their", "there", "what", "when", "which", "who", "how", "why",
    "can", "will", "would", "should", "could", "been", "being", "also", "each", "per", "one", "two", "all", "any", "more",
    "most", "some", "such", "only", "just", "over", "under", "about", "after", "before", "does", "did", "doing", "out",
    "our", "we", "is", "in", "of", "to", "a", "an", "on", "or", "as", "at", "be", "by", "if", "it", "no", "so", "do",
  ]

  private static let stopwordBytes: Set<[UInt8]> = Set(stopwords.map { Array($0.utf8) })

  /// The distinct terms of `text`: words of at least two characters, lowercased; runs of CJK
  /// characters become overlapping pairs (and single characters), so a substring search still
  /// finds them. Works on UTF-8 bytes with an ASCII fast path: this runs over every word of
  /// the guide, and the browser script applies the same rules to queries.
  public static func of(_ text: String) -> Set<String> {
    var found = Set<[UInt8]>()
    var word: [UInt8] = []
    var wordLength = 0  // in characters
    var cjk: [Unicode.Scalar] = []
    func flushWord() {
      if wordLength >= 2 && !stopwordBytes.contains(word) { found.insert(word) }
      word.removeAll(keepingCapacity: true)
      wordLength = 0
    }
    func flushCJK() {
      if cjk.count == 1 { found.insert(Array(String(cjk[0]).utf8)) }
      if cjk.count > 1 {
        for k in 0..<(cjk.count - 1) { found.insert(Array((String(cjk[k]) + String(cjk[k + 1])).utf8)) }
      }
      cjk.removeAll(keepingCapacity: true)
    }
    var copy = text
    copy.withUTF8 { bytes in
      var i = 0
      while i < bytes.count {
        let b = bytes[i]
        if b < 0x80 {
          i += 1
          if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) {
            if !cjk.isEmpty { flushCJK() }
            word.append(b)
            wordLength += 1
          } else if b >= 0x41 && b <= 0x5A {
            if !cjk.isEmpty { flushCJK() }
            word.append(b + 32)
            wordLength += 1
          } else {
            if !word.isEmpty { flushWord() }
            if !cjk.isEmpty { flushCJK() }
          }
          continue
        }
        // A multi-byte scalar: decode it.
        let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
        var value = UInt32(b) & (0xFF >> (length + 1))
        for k in 1..<length where i + k < bytes.count { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
        i += length
        guard let scalar = Unicode.Scalar(value) else { continue }
        if isCJK(scalar) {
          if !word.isEmpty { flushWord() }
          cjk.append(scalar)
        } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
          if !cjk.isEmpty { flushCJK() }
          word.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
          wordLength += 1
        } else {
          if !word.isEmpty { flushWord() }
          if !cjk.isEmpty { flushCJK() }
        }
      }
    }
    if !word.isEmpty { flushWord() }
    if !cjk.isEmpty { flushCJK() }
    return Set(found.map { String(decoding: $0, as: UTF8.self) })
  }

  public static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    return (0x3040...0x30FF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v)
      || (0xAC00...0xD7AF).contains(v) || (0xF900...0xFAFF).contains(v)
  }
}
