/// "Did you mean …?" for a name that is not one of the known ones: the known names within a
/// few edits of it, closest first, so a typo like `tag-used-twice` points at `tag-used-once`.
public enum Suggestion {
  public static func nearest(_ name: String, among known: [String], limit: Int = 3) -> [String] {
    // A third of the name's length, at least 2: enough for a slip of a word, not a new name.
    let reach = max(2, name.count / 3)
    return known.map { ($0, distance(name, $0)) }.filter { $0.1 <= reach }
      .sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(limit).map(\.0)
  }

  /// Edit distance (insert, delete or replace one character), one row of the table at a time.
  static func distance(_ a: String, _ b: String) -> Int {
    let b = Array(b)
    var row = Array(0...b.count)
    for (i, x) in a.enumerated() {
      var diagonal = row[0]
      row[0] = i + 1
      for (j, y) in b.enumerated() {
        let above = row[j + 1]
        row[j + 1] = min(above + 1, row[j] + 1, diagonal + (x == y ? 0 : 1))
        diagonal = above
      }
    }
    return row[b.count]
  }
}
