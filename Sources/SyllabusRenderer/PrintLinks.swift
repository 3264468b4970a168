import SyllabusModel

/// Moves page HTML into one printable document (`print.html`, `print/<path>.html`): each page
/// included becomes an anchor, so a link to it (or to a heading in it) becomes an in-page link,
/// and every id inside it gets the page's anchor as a prefix, so two pages' "answer" headings
/// stay distinct. Links to pages left out still work: they are made relative to the document.
///
/// The HTML comes from cmark, which escapes `"` in text and attribute values, so a literal
/// ` id="` or `href="` is always an attribute.
struct PrintLinks {
  /// Root-relative page URL → its anchor in the document.
  let anchors: [String: String]
  /// Where the document itself lands (root-relative).
  let documentURL: String

  static func anchor(topic: String) -> String { "topic-" + topic }
  static func anchor(question: String, topic: String) -> String { "q-\(topic)-\(question)" }

  /// `html`, written for the page at `pageURL`, rewritten to sit in the document under `anchor`,
  /// its headings `demote` levels down (`<h2` → `<h3`…, at most `h6`) so they sit under the
  /// document's own heading for the page. One pass over the UTF-8 bytes: the whole guide goes
  /// through here for each document.
  func rewrite(_ html: String, from pageURL: String, anchor: String, demote: Int = 0) -> String {
    let bytes = Array(html.utf8), idMark = Array(" id=\"".utf8), hrefMark = Array("href=\"".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 8)
    func starts(_ mark: [UInt8], at i: Int) -> Bool {
      i + mark.count <= bytes.count && mark.indices.allSatisfy { bytes[i + $0] == mark[$0] }
    }
    var i = 0
    while i < bytes.count {
      // `<hN` or `</hN`: cmark escapes `<` in text, so this is a heading tag.
      if demote > 0, bytes[i] == 0x68, i > 0, bytes[i - 1] == 0x3C || (bytes[i - 1] == 0x2F && i > 1 && bytes[i - 2] == 0x3C),
        i + 1 < bytes.count, (0x31...0x36).contains(bytes[i + 1]) {
        out.append(0x68)
        out.append(UInt8(min(0x36, Int(bytes[i + 1]) + demote)))
        i += 2
        continue
      }
      let isID = bytes[i] == 0x20 && starts(idMark, at: i)
      guard isID || (bytes[i] == 0x68 && starts(hrefMark, at: i)) else {
        out.append(bytes[i])
        i += 1
        continue
      }
      let valueStart = i + (isID ? idMark.count : hrefMark.count)
      guard let close = bytes[valueStart...].firstIndex(of: 0x22) else { break }
      out.append(contentsOf: bytes[i..<valueStart])
      let value = String(decoding: bytes[valueStart..<close], as: UTF8.self)
      out.append(contentsOf: (isID ? anchor + "-" + value : target(of: value, from: pageURL, anchor: anchor)).utf8)
      i = close
    }
    if i < bytes.count { out.append(contentsOf: bytes[i...]) }
    return String(decoding: out, as: UTF8.self)
  }

  /// Where a link found on `pageURL` points from inside the document.
  func target(of href: String, from pageURL: String, anchor: String) -> String {
    if href.hasPrefix("#") { return href.count > 1 ? "#\(anchor)-\(href.dropFirst())" : "#\(anchor)" }
    if href.isEmpty || href.hasPrefix("/") || href.contains(":") { return href }
    let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
    let path = Self.resolve(String(parts[0]), from: pageURL)
    let fragment = parts.count > 1 ? String(parts[1]) : nil
    if let page = anchors[path] { return "#" + page + (fragment.map { "-" + $0 } ?? "") }
    return SiteURL.rootPrefix(from: documentURL) + path + (fragment.map { "#" + $0 } ?? "")
  }

  /// `relative` as seen from the page at `pageURL`, as a root-relative path.
  static func resolve(_ relative: String, from pageURL: String) -> String {
    var folders = pageURL.split(separator: "/").dropLast().map(String.init)
    for part in relative.split(separator: "/", omittingEmptySubsequences: false) {
      if part == ".." { if !folders.isEmpty { folders.removeLast() } }
      else if part != "." { folders.append(String(part)) }
    }
    return folders.joined(separator: "/")
  }
}
