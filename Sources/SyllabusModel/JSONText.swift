import Foundation

/// JSON string literals: for the data scripts the renderer writes and the requests the
/// typeset step sends to its renderer process.
public enum JSONText {
  /// Works on UTF-8 bytes: every character that needs escaping is ASCII, except U+2028 and
  /// U+2029 (E2 80 A8/A9). Text with none of them, most of it, is copied in one piece.
  public static func quote(_ text: String) -> String {
    var bytes = text
    return bytes.withUTF8 { input -> String in
      func special(_ i: Int) -> Bool {
        let b = input[i]
        return b < 0x20 || b == 0x22 || b == 0x5C || b == 0x3C
          || (b == 0xE2 && i + 2 < input.count && input[i + 1] == 0x80 && (input[i + 2] == 0xA8 || input[i + 2] == 0xA9))
      }
      guard (0..<input.count).contains(where: special) else { return "\"" + text + "\"" }
      var out: [UInt8] = [0x22]
      out.reserveCapacity(input.count + 16)
      var i = 0
      while i < input.count {
        guard special(i) else {
          out.append(input[i])
          i += 1
          continue
        }
        let escape: String
        switch input[i] {
        case 0x22: escape = "\\\""
        case 0x5C: escape = "\\\\"
        case 0x0A: escape = "\\n"
        case 0x0D: escape = "\\r"
        case 0x09: escape = "\\t"
        // `<` stays out of data scripts, so no `</script>` can appear even if one is inlined.
        case 0x3C: escape = "\\u003c"
        case 0xE2:
          escape = input[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
          i += 2
        default: escape = String(format: "\\u%04x", Int(input[i]))
        }
        out.append(contentsOf: escape.utf8)
        i += 1
      }
      out.append(0x22)
      return String(decoding: out, as: UTF8.self)
    }
  }
}
