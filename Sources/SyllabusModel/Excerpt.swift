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

  /// `first` read as Characters: the rule itself.
  static func firstCharacters(_ text: String, _ limit: Int) -> String {
    var out = ""
    var count = 0
    var pendingSpace = false
    for character in text {
      if character.isWhitespace {
        pendingSpace = count > 0
        continue
      }
      if count == limit { return out + "…" }
      if pendingSpace {
        out.append(" ")
        count += 1
        pendingSpace = false
        if count == limit { return out + "…" }
      }
      out.append(character)
      count += 1
    }
    return out
  }

  /// `firstCharacters` over bytes while every byte read is ASCII (one byte, one Character;
  /// CR LF is one Character but whitespace either way), nil at the first that is not.
  /// Walking Characters was most of the search index's summaries at 10,000 questions.
  static func firstASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ limit: Int) -> String? {
    var out: [UInt8] = []
    out.reserveCapacity(min(bytes.count, limit) + 4)
    var count = 0
    var pendingSpace = false
    func ellipsis() -> String { String(decoding: out, as: UTF8.self) + "…" }
    for byte in bytes {
      guard byte < 0x80 else { return nil }
      // Character.isWhitespace among ASCII: tab, line feed, vertical tab, form feed, CR, space.
      if byte == 0x20 || (0x09...0x0D).contains(byte) {
        pendingSpace = count > 0
        continue
      }
      if count == limit { return ellipsis() }
      if pendingSpace {
        out.append(0x20)
        count += 1
        pendingSpace = false
        if count == limit { return ellipsis() }
      }
      out.append(byte)
      count += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The start of `text`, as far as `first` reads it for any limit up to `longest`: cut at a
  /// Character of the text, not collapsed, since a combining mark after a line break would
  /// join a collapsed space and change what it reads. `first(lead(t), n) == first(t, n)` for
  /// those `n`: whether an excerpt gets its "…" depends on at most the two characters past it.
  public static func lead(_ text: String) -> String {
    var count = 0
    var pendingSpace = false
    var index = text.startIndex
    while index < text.endIndex {
      if text[index].isWhitespace {
        pendingSpace = count > 0
      } else {
        if pendingSpace {
          count += 1
          pendingSpace = false
        }
        if count >= longest + 2 { return String(text[..<index]) }
        count += 1
      }
      index = text.index(after: index)
    }
    return text
  }
}
