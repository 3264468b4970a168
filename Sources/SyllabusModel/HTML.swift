/// Escaping for every context the renderer writes into: text and attribute values.
public enum HTML {
  /// Replaces `& < > " '` with entities, on UTF-8 bytes (this runs for every value of every
  /// page, through the templates' content type as well as directly).
  public static func escape(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count + 16)
    for b in text.utf8 {
      switch b {
      case 0x26: out.append(contentsOf: "&amp;".utf8)
      case 0x3C: out.append(contentsOf: "&lt;".utf8)
      case 0x3E: out.append(contentsOf: "&gt;".utf8)
      case 0x22: out.append(contentsOf: "&quot;".utf8)
      case 0x27: out.append(contentsOf: "&#39;".utf8)
      default: out.append(b)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
