/// Ids are lowercase `[a-z0-9-]+`: they become file names and URL segments, so anything else
/// (path separators, dots, reserved device names, look-alike letters) is refused.
public enum Identifier {
  public static func isValid(_ id: String) -> Bool {
    guard !id.isEmpty, id.utf8.count <= 100, !id.hasPrefix("-") else { return false }
    return id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
  }

  public static let rule = "ids are lowercase letters a–z, digits and '-', e.g. 'rag-systems'"

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
