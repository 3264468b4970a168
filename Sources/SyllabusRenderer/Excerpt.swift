/// Short plain-text excerpts: search result summaries and each page's meta description.
enum Excerpt {
  /// The first `limit` characters with whitespace runs collapsed to one space; stops
  /// reading there, since a chapter without a summary passes its whole text.
  static func first(_ text: String, _ limit: Int = 180) -> String {
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
}
