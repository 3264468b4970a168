/// The words search indexes and matches. The browser script (templates/assets/app.js)
/// applies the same rules to what the reader types, so both sides agree on what a term is.
public enum SearchTerms {
  /// Words too common to index, per language. Only English has a list: dropping "will",
  /// "also" or "so" from a German guide would lose real words ("also" means "therefore"),
  /// and the list only saves index size. The search index carries the list it was built
  /// with, so the browser drops the same words from a query.
  public static func stopwords(language: String) -> Set<String> {
    (language.split(separator: "-").first.map { $0.lowercased() } ?? language) == "en" ? stopwords : []
  }

  public static let stopwords: Set<String> = [
    "the", "and", "for", "are", "but", "not", "you", "your", "with", "that", "this", "from", "have", "has", "was", "were",
    "its", "it's", "into", "than", "then", "they", "them", "their", "there", "what", "when", "which", "who", "how", "why",
    "can", "will", "would", "should", "could", "been", "being", "also", "each", "per", "one", "two", "all", "any", "more",
    "most", "some", "such", "only", "just", "over", "under", "about", "after", "before", "does", "did", "doing", "out",
    "our", "we", "is", "in", "of", "to", "a", "an", "on", "or", "as", "at", "be", "by", "if", "it", "no", "so", "do",
  ]

  /// The distinct terms of `text`: words of at least two characters, lowercased; runs of CJK
  /// characters become overlapping pairs (and single characters), so a substring search still
  /// finds them. Works on UTF-8 bytes with an ASCII fast path: this runs over every word of
  /// the guide, and the browser script applies the same rules to queries.
  public static func of(_ text: String, stopwords: Set<String> = SearchTerms.stopwords) -> Set<String> {
    let longestStopword = stopwords.map(\.utf8.count).max() ?? 0
    // Terms go straight into a set of strings: most words fit a small (inline) String, whose
    // hash is one pass over its bytes, where hashing a [UInt8] feeds the hasher byte by byte.
    var found = Set<String>(minimumCapacity: text.utf8.count / 16)
    var word: [UInt8] = []
    var wordLength = 0  // in characters
    var cjk: [Unicode.Scalar] = []
    func flushWord() {
      if wordLength >= 2 {
        let term = String(decoding: word, as: UTF8.self)
        if !stopwords.contains(term) { found.insert(term) }
      }
      word.removeAll(keepingCapacity: true)
      wordLength = 0
    }
    func flushCJK() {
      if cjk.count == 1 { found.insert(String(cjk[0])) }
      if cjk.count > 1 {
        for k in 0..<(cjk.count - 1) { found.insert(String(cjk[k]) + String(cjk[k + 1])) }
      }
      cjk.removeAll(keepingCapacity: true)
    }
    var copy = text
    copy.withUTF8 { bytes in
      let count = bytes.count
      var i = 0
      while i < count {
        let b = bytes[i]
        if b < 0x80 {
          guard isWordByte(b) else {
            if !word.isEmpty { flushWord() }
            if !cjk.isEmpty { flushCJK() }
            i += 1
            continue
          }
          if !cjk.isEmpty { flushCJK() }
          if !word.isEmpty {  // an ASCII letter inside a word that had non-ASCII ones
            word.append(lowercase(b))
            wordLength += 1
            i += 1
            continue
          }
          // Fast path, most words: an ASCII run, taken as one slice.
          let start = i
          var hasUpper = false
          while i < count, isWordByte(bytes[i]) {
            if bytes[i] >= 0x41 && bytes[i] <= 0x5A { hasUpper = true }
            i += 1
          }
          if i < count && bytes[i] >= 0x80 {  // may go on with a non-ASCII letter: slow path
            word.append(contentsOf: bytes[start..<i].map(lowercase))
            wordLength = i - start
            continue
          }
          if i - start >= 2 {
            let run = UnsafeBufferPointer(rebasing: bytes[start..<i])
            let term = hasUpper ? String(decoding: run.map(lowercase), as: UTF8.self) : String(decoding: run, as: UTF8.self)
            if i - start > longestStopword || !stopwords.contains(term) { found.insert(term) }
          }
          continue
        }
        // A multi-byte scalar: decode it.
        let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
        var value = UInt32(b) & (0xFF >> (length + 1))
        for k in 1..<length where i + k < bytes.count { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
        i += length
        guard let scalar = Unicode.Scalar(value) else { continue }
        if isSeparatorBlock(value) {  // dashes, quotes, arrows, maths: skip the property lookup
          if !word.isEmpty { flushWord() }
          if !cjk.isEmpty { flushCJK() }
        } else if isCJK(scalar) {
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
    return found
  }

  /// General Punctuation, Arrows, Mathematical Operators, Box Drawing and Geometric Shapes:
  /// blocks with no letter or number, common in prose (— “ ” → ≈ ×) and so worth answering
  /// without Unicode property tables.
  private static func isSeparatorBlock(_ v: UInt32) -> Bool {
    (0x2000...0x206F).contains(v) || (0x2190...0x22FF).contains(v) || (0x2500...0x25FF).contains(v) || v == 0xD7
  }


  /// ASCII letters and digits.
  private static func isWordByte(_ b: UInt8) -> Bool {
    (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A)
  }

  private static func lowercase(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 32 : b }

  public static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    return (0x3040...0x30FF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v)
      || (0xAC00...0xD7AF).contains(v) || (0xF900...0xFAFF).contains(v)
  }
}
