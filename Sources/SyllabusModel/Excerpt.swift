/// Short plain-text excerpts: search result summaries and each page's meta description.
public enum Excerpt {
  /// A search result's summary, in characters.
  public static let searchSummary = 180
  /// A page's meta description, in characters.
  public static let pageDescription = 200
  /// The longest excerpt made: `lead` keeps enough text for it.
  static let longest = max(searchSummary, pageDescription)

  /// The first `limit` characters with whitespace runs collapsed to one space; stops
  /// reading there, since a chapter without a summary passes its whole text.
  public static func first(_ text: String, _ limit: Int) -> String {
    var text = text
    return text.withUTF8 { firstASCII($0, limit) } ?? firstCharacters(text, limit)
  }

  /// The excerpt rule, once for every way it is read: whitespace runs collapse to one space
  /// (none at the start), and reading stops at the element that would take the excerpt past
  /// `limit` characters. `space` and `keep` get what the excerpt holds; returns the element
  /// it stopped at, nil when the text ended first.
  static func walk<S: Sequence>(
    _ elements: S, limit: Int, isSpace: (S.Element) -> Bool, space: () -> Void, keep: (S.Element) -> Void
  ) -> S.Element? {
    var count = 0
    var pendingSpace = false
    for element in elements {
      if isSpace(element) {
        pendingSpace = count > 0
        continue
      }
      if count == limit { return element }
      if pendingSpace {
        space()
        count += 1
        pendingSpace = false
        if count == limit { return element }
      }
      keep(element)
      count += 1
    }
    return nil
  }

  /// `first` read as Characters.
  static func firstCharacters(_ text: String, _ limit: Int) -> String {
    var out = ""
    let stopped = walk(text, limit: limit, isSpace: \.isWhitespace, space: { out.append(" ") }, keep: { out.append($0) })
    return stopped == nil ? out : out + "…"
  }

  /// `first` over bytes while every byte read is ASCII (one byte, one Character; CR LF is one
  /// Character but whitespace either way), nil when it would read one that is not.
  /// Walking Characters was most of the search index's summaries at 10,000 questions.
  static func firstASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ limit: Int) -> String? {
    var out: [UInt8] = []
    out.reserveCapacity(min(bytes.count, limit) + 4)
    let stopped = walk(
      bytes.lazy.prefix(while: { $0 < 0x80 }), limit: limit, isSpace: ByteScan.isSpace, space: { out.append(0x20) }, keep: { out.append($0) })
    if stopped != nil { return String(decoding: out, as: UTF8.self) + "…" }
    // The walk read up to the end or to a byte that is not ASCII: which one, it does not say.
    return bytes.allSatisfy { $0 < 0x80 } ? String(decoding: out, as: UTF8.self) : nil
  }

  /// The start of `text`, as far as `first` reads it for any limit up to `longest`: cut at a
  /// Character of the text, not collapsed, since a combining mark after a line break would
  /// join a collapsed space and change what it reads. `first(lead(t), n) == first(t, n)` for
  /// those `n`: whether an excerpt gets its "…" depends on at most the two characters past it.
  public static func lead(_ text: String) -> String {
    var text = text
    if let kept = text.withUTF8(leadASCII) { return String(text[..<text.utf8.index(text.startIndex, offsetBy: kept)]) }
    return leadCharacters(text)
  }

  /// `lead` read as Characters.
  static func leadCharacters(_ text: String) -> String {
    let stop = walk(text.indices, limit: longest + 2, isSpace: { text[$0].isWhitespace }, space: {}, keep: { _ in })
    return stop.map { String(text[..<$0]) } ?? text
  }

  /// How many bytes `lead` keeps of an ASCII text, read as bytes (as `firstASCII` reads);
  /// nil when it would read one that is not ASCII. Walking Characters here was most of the
  /// time a 10k build took to cut its documents to their leads.
  static func leadASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    let stop = walk(bytes.indices.lazy.prefix(while: { bytes[$0] < 0x80 }), limit: longest + 2, isSpace: { ByteScan.isSpace(bytes[$0]) },
      space: {}, keep: { _ in })
    if let stop { return stop }
    return bytes.allSatisfy { $0 < 0x80 } ? bytes.count : nil
  }


}
