/// Ids are lowercase `[a-z0-9-]+`: they become file names and URL segments, so anything else
/// (path separators, dots, reserved device names, look-alike letters) is refused.
public enum Identifier {
  public static func isValid(_ id: String) -> Bool {
    guard !id.isEmpty, id.utf8.count <= 100, !id.hasPrefix("-"), !reserved.contains(id) else { return false }
    return id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
  }

  /// Device names Windows will not create as files, whatever the extension: a site built
  /// with them could not be checked out or served from there.
  static let reserved: Set<String> = Set(["con", "prn", "aux", "nul"] + (1...9).flatMap { ["com\($0)", "lpt\($0)"] })

  public static let rule = "ids are lowercase letters a–z, digits and '-' (not a reserved device name like 'con'), e.g. 'my-chapter'"

  /// A title made from an id: `my-chapter` → "My Chapter" (for `new` and examples).
  public static func title(of id: String) -> String {
    id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
  }

  /// GitHub-style heading anchor: lowercase, punctuation dropped, spaces to hyphens.
  public static func slug(_ text: String) -> String {
    var out = ""
    for scalar in text.lowercased().unicodeScalars {
      if scalar == " " || scalar == "-" {
        out.append("-")
      } else if scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
