import Foundation
import SyllabusModel

/// A section of a question page, as a card field: the site's own typeset HTML (KaTeX's HTML +
/// MathML, highlight.js spans, tables, callouts) with what a card cannot use or must not run
/// taken out. A guide may allow raw HTML, and Anki runs a card's scripts, so this is an allow
/// list: elements that run, embed or submit anything go with their content, event handlers and
/// ids go, and links leave the page they were written for (see `link`).
enum CardHTML {
  /// Dropped with everything inside them.
  static let droppedWithContent: Set<String> = [
    "script", "style", "iframe", "object", "embed", "noscript", "template", "textarea", "select", "button", "form",
    "audio", "video", "canvas", "frameset", "noembed", "title", "head",
  ]
  /// Dropped, their content kept (or, having none, simply dropped).
  static let droppedTags: Set<String> = [
    "input", "link", "meta", "base", "source", "track", "picture", "frame", "html", "body", "label", "option",
  ]
  /// Attributes a card keeps; everything else (`on…`, `id`, `tabindex`, `src`…) goes.
  static let keptAttributes: Set<String> = [
    "class", "style", "href", "title", "alt", "lang", "dir", "colspan", "rowspan", "align", "start", "reversed", "type",
    "aria-hidden", "aria-label", "role", "open",
    // KaTeX: MathML and the SVG of stretchy symbols.
    "xmlns", "display", "encoding", "mathvariant", "stretchy", "fence", "separator", "lspace", "rspace", "accent",
    "accentunder", "columnalign", "columnspacing", "rowspacing", "columnlines", "rowlines", "scriptlevel",
    "displaystyle", "minsize", "maxsize", "movablelimits", "symmetric", "largeop", "linethickness", "width", "height",
    "depth", "voffset", "mathcolor", "mathbackground", "mathsize", "notation", "viewbox", "preserveaspectratio", "d",
    "x", "y", "x1", "x2", "y1", "y2", "stroke", "stroke-width", "fill",
  ]

  /// `html` written for the page at `page` (a path in the guide, such as
  /// `questions/a/b.html`), for a card: see the type's comment.
  static func field(_ html: String, page: String, baseURL: String?) -> String {
    var out = ""
    var rest = Substring(html)
    while let open = rest.utf8.firstIndex(of: UInt8(ascii: "<")) {
      out += rest[..<open]
      rest = rest[open...]
      if rest.hasPrefix("<!--") {
        rest = rest.range(of: "-->").map { rest[$0.upperBound...] } ?? ""
        continue
      }
      guard let tag = Tag(rest) else {
        out += "&lt;"
        rest = rest[rest.utf8.index(after: rest.startIndex)...]
        continue
      }
      rest = rest[tag.end...]
      if !tag.closing && (droppedWithContent.contains(tag.name) || (tag.name == "a" && tag.value("class") == "anchor")) {
        // A heading's own "#" link points at the page it was written for: on a card it is noise.
        rest = skipElement(tag.name, in: rest)
        continue
      }
      if droppedTags.contains(tag.name) { continue }
      if tag.name == "img" {
        // Pictures live on the site, not in the deck: the card keeps what they show in words.
        if let alt = tag.value("alt") { out += alt.replacingOccurrences(of: "<", with: "&lt;") }
        continue
      }
      out += tag.closing ? "</\(tag.name)>" : tag.rewritten(page: page, baseURL: baseURL)
    }
    return out + rest
  }

  /// What follows the element's end tag; nothing when it has none. The first end tag of
  /// that name counts, as it does for a browser reading `<script>`: what follows is read
  /// (and cleaned) again.
  static func skipElement(_ name: String, in text: Substring) -> Substring {
    guard let close = text.range(of: "</" + name, options: .caseInsensitive) else { return "" }
    let after = text[close.upperBound...]
    return after.firstIndex(of: ">").map { after[after.index(after: $0)...] } ?? ""
  }

  /// `href` as written on `page`, for a card: a link into the guide becomes absolute with
  /// `base_url`, otherwise its path in the guide (as the Link field is); web and mail links
  /// stay; any other scheme (`javascript:`) is nil, and the link loses its target.
  static func link(_ href: String, page: String, baseURL: String?) -> String? {
    let trimmed = href.trimmingCharacters(in: .whitespaces)
    if let colon = trimmed.firstIndex(of: ":"),
      trimmed[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
    {
      let scheme = trimmed[..<colon].lowercased()
      return ["http", "https", "mailto"].contains(scheme) ? trimmed : nil
    }
    if trimmed.hasPrefix("//") { return "https:" + trimmed }
    var target = trimmed
    if target.hasPrefix("#") || target.isEmpty { target = (page as NSString).lastPathComponent + target }
    var folders = page.split(separator: "/").dropLast().map(String.init)
    if target.hasPrefix("/") { folders = [] }
    for part in target.split(separator: "/", omittingEmptySubsequences: false) {
      switch part {
      case "..": if !folders.isEmpty { folders.removeLast() }
      case ".", "": continue
      default: folders.append(String(part))
      }
    }
    let path = folders.joined(separator: "/")
    return baseURL.map { $0 + path } ?? path
  }

  /// One start or end tag, read from its `<`.
  struct Tag {
    var name: String
    var closing: Bool
    var selfClosing: Bool
    var attributes: [(name: String, value: String?)]
    var end: Substring.Index

    // Read on UTF-8 bytes: every byte the syntax looks at is ASCII, and walking Characters
    // (grapheme breaking) made this the most expensive step of the deck.
    init?(_ text: Substring) {
      let u = text.utf8
      func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
      func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
      var i = u.index(after: u.startIndex)
      closing = i < u.endIndex && u[i] == UInt8(ascii: "/")
      if closing { i = u.index(after: i) }
      let nameStart = i
      while i < u.endIndex, isLetter(u[i]) || (u[i] >= 0x30 && u[i] <= 0x39) || u[i] == UInt8(ascii: "-") || u[i] == UInt8(ascii: ":") {
        i = u.index(after: i)
      }
      guard i > nameStart, isLetter(u[nameStart]) else { return nil }
      name = String(text[nameStart..<i]).lowercased()
      attributes = []
      selfClosing = false
      while true {
        while i < u.endIndex, isSpace(u[i]) { i = u.index(after: i) }
        guard i < u.endIndex else { return nil }
        if u[i] == UInt8(ascii: ">") { break }
        if u[i] == UInt8(ascii: "/") {
          selfClosing = true
          i = u.index(after: i)
          continue
        }
        let start = i
        while i < u.endIndex, !isSpace(u[i]), u[i] != UInt8(ascii: "="), u[i] != UInt8(ascii: ">"), u[i] != UInt8(ascii: "/") {
          i = u.index(after: i)
        }
        let attribute = String(text[start..<i])
        if attribute.isEmpty {  // a stray quote or `=`: not a tag cmark or KaTeX would write
          return nil
        }
        var value: String?
        if i < u.endIndex, u[i] == UInt8(ascii: "=") {
          i = u.index(after: i)
          guard i < u.endIndex else { return nil }
          if u[i] == UInt8(ascii: "\"") || u[i] == UInt8(ascii: "'") {
            let quote = u[i]
            let valueStart = u.index(after: i)
            guard let close = u[valueStart...].firstIndex(of: quote) else { return nil }
            value = String(text[valueStart..<close])
            i = u.index(after: close)
          } else {
            let valueStart = i
            while i < u.endIndex, !isSpace(u[i]), u[i] != UInt8(ascii: ">") { i = u.index(after: i) }
            value = String(text[valueStart..<i])
          }
        }
        attributes.append((attribute, value))
      }
      end = u.index(after: i)
    }

    func value(_ attribute: String) -> String? {
      attributes.first { $0.name.lowercased() == attribute }?.value
    }

    /// The tag with only the attributes a card keeps, and its link made to work off the site.
    /// Names and values are written back as they were read (SVG's `viewBox` keeps its case):
    /// cmark and KaTeX escape values already.
    func rewritten(page: String, baseURL: String?) -> String {
      var out = "<" + name
      for (attribute, value) in attributes where CardHTML.keptAttributes.contains(attribute.lowercased()) {
        var value = value
        if attribute.lowercased() == "href", let href = value {
          guard let target = CardHTML.link(href, page: page, baseURL: baseURL) else { continue }
          value = target
        }
        out += value.map { " \(attribute)=\"\($0.replacingOccurrences(of: "\"", with: "&quot;"))\"" } ?? " \(attribute)"
      }
      return out + (selfClosing ? "/>" : ">")
    }
  }
}
