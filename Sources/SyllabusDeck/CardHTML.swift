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
  /// `questions/a/b.html`), for a card, without leading and trailing white space: see the
  /// type's comment.
  ///
  /// Read and written as UTF-8 bytes: every byte the syntax looks at is ASCII, and walking
  /// Characters and Foundation's searches made this most of the deck's cost. Where a String
  /// method and a byte test could disagree (a combining mark next to what is looked for),
  /// the String method decides, as it did when this was written with them.
  static func field(_ html: String, page: String, baseURL: String?) -> String {
    var html = html
    let out = html.withUTF8 { bytes -> [UInt8] in
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count)
      var i = 0
      while let open = bytes[i...].firstIndex(of: UInt8(ascii: "<")) {
        out.append(contentsOf: bytes[i..<open])
        i = open
        if let next = comment(bytes, at: i) {
          i = next
          continue
        }
        guard let tag = Tag(bytes, at: i) else {
          out.append(contentsOf: "&lt;".utf8)
          i += 1
          continue
        }
        i = tag.end
        let name = tag.name(bytes)
        if !tag.closing && (droppedWithContent.contains(name) || (name == "a" && tag.value("class", bytes) == "anchor")) {
          // A heading's own "#" link points at the page it was written for: on a card it is noise.
          i = skipElement(name, in: bytes, from: i)
          continue
        }
        if droppedTags.contains(name) { continue }
        if name == "img" {
          // Pictures live on the site, not in the deck: the card keeps what they show in words.
          if let alt = tag.value("alt", bytes) { out.append(contentsOf: ByteScan.replacing(UInt8(ascii: "<"), with: "&lt;", in: alt).utf8) }
          continue
        }
        if tag.closing {
          out.append(contentsOf: "</".utf8)
          out.append(contentsOf: name.utf8)
          out.append(UInt8(ascii: ">"))
        } else {
          tag.write(name, bytes, page: page, baseURL: baseURL, to: &out)
        }
      }
      out.append(contentsOf: bytes[i...])
      return out
    }
    return ByteScan.trimmingSpace(String(decoding: out, as: UTF8.self))
  }

  /// Where the text after the comment starting at `i` goes on (the end of the text when it
  /// is not closed), or nil when none starts there.
  static func comment(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
    // Asked at every `<`; KaTeX's markup is thousands of tags per formula and no comments.
    guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "!") else { return nil }
    let open = Array("<!--".utf8), close = Array("-->".utf8)
    guard i + open.count <= bytes.count, bytes[i..<i + open.count].elementsEqual(open) else { return nil }
    // From the `<`, as it always was: `<!-->` is a whole comment.
    let found = ByteScan.find(close, in: bytes, from: i)
    let end = found.map { $0 + close.count } ?? bytes.count
    // Bytes next to a mark that joins them into another character: ask String, as before.
    if !ByteScan.isASCII(bytes, i..<min(end + 1, bytes.count)) {
      let rest = Substring(String(decoding: bytes[i...], as: UTF8.self))
      guard rest.hasPrefix("<!--") else { return nil }
      return i + (rest.range(of: "-->").map { rest.utf8.distance(from: rest.startIndex, to: $0.upperBound) } ?? rest.utf8.count)
    }
    return end
  }

  /// Where the text after the element's end tag goes on; the end of the text when it has
  /// none. The first end tag of that name counts, as it does for a browser reading
  /// `<script>`: what follows is read (and cleaned) again.
  static func skipElement(_ name: String, in bytes: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
    let pattern = Array(("</" + name).utf8)
    var end = bytes.count
    if let close = ByteScan.find(pattern, in: bytes, from: i, ignoringCase: true) {
      end = bytes[(close + pattern.count)...].firstIndex(of: UInt8(ascii: ">")).map { $0 + 1 } ?? bytes.count
    }
    guard !ByteScan.isASCII(bytes, i..<min(end + 1, bytes.count)) else { return end }
    // Case folding and combining marks are String's business.
    let text = Substring(String(decoding: bytes[i...], as: UTF8.self))
    guard let close = text.range(of: "</" + name, options: .caseInsensitive) else { return bytes.count }
    let after = text[close.upperBound...]
    let rest = after.firstIndex(of: ">").map { after[after.index(after: $0)...] } ?? ""
    return bytes.count - rest.utf8.count
  }

  /// `href` as written on `page`, for a card: a link into the guide becomes absolute with
  /// `base_url`, otherwise its path in the guide (as the Link field is); web and mail links
  /// stay; any other scheme (`javascript:`) is nil, and the link loses its target.
  static func link(_ href: String, page: String, baseURL: String?) -> String? {
    // cmark percent-encodes what it writes, so nearly every link is ASCII, where characters
    // are bytes and trimming bytes gives the same; any other takes the String method.
    let ascii = href.utf8.allSatisfy { $0 < 0x80 } && page.utf8.allSatisfy { $0 < 0x80 }
    let trimmed = ascii ? asciiTrimmingSpaces(href) : href.trimmingCharacters(in: .whitespaces)
    if let colon = RelativePath.schemeEnd(trimmed.utf8) {
      let scheme = trimmed[..<colon].lowercased()
      return ["http", "https", "mailto"].contains(scheme) ? trimmed : nil
    }
    if trimmed.hasPrefix("//") { return "https:" + trimmed }
    var target = trimmed
    if target.hasPrefix("#") || target.isEmpty {
      // The page's file name: a link to its own anchor.
      let name = page.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(page[page.utf8.index(after: $0)...]) } ?? page
      target = name + target
    }
    // The rule every link reader shares; a leading `/` starts at the guide's root.
    let path = RelativePath.resolve(target, from: page, aboveRoot: .stayAtRoot)!
    return baseURL.map { $0 + path } ?? path
  }

  /// `text.trimmingCharacters(in: .whitespaces)` for ASCII text: its spaces and tabs.
  static func asciiTrimmingSpaces(_ text: String) -> String {
    let u = text.utf8
    guard let first = u.first, let last = u.last, first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 else { return text }
    return String(decoding: u.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed(), as: UTF8.self)
  }

  /// One start or end tag, read from its `<`: where its parts are in the bytes.
  struct Tag {
    var nameRange: Range<Int>
    var closing: Bool
    var selfClosing: Bool
    var attributes: [(name: Range<Int>, value: Range<Int>?)]
    /// Just past its `>`.
    var end: Int

    init?(_ u: UnsafeBufferPointer<UInt8>, at start: Int) {
      func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
      // Not ByteScan.isSpace: HTML's spaces leave out the vertical tab.
      func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
      var i = start + 1
      closing = i < u.count && u[i] == UInt8(ascii: "/")
      if closing { i += 1 }
      let nameStart = i
      while i < u.count, isLetter(u[i]) || (u[i] >= 0x30 && u[i] <= 0x39) || u[i] == UInt8(ascii: "-") || u[i] == UInt8(ascii: ":") {
        i += 1
      }
      guard i > nameStart, isLetter(u[nameStart]) else { return nil }
      nameRange = nameStart..<i
      attributes = []
      selfClosing = false
      while true {
        while i < u.count, isSpace(u[i]) { i += 1 }
        guard i < u.count else { return nil }
        if u[i] == UInt8(ascii: ">") { break }
        if u[i] == UInt8(ascii: "/") {
          selfClosing = true
          i += 1
          continue
        }
        let attributeStart = i
        while i < u.count, !isSpace(u[i]), u[i] != UInt8(ascii: "="), u[i] != UInt8(ascii: ">"), u[i] != UInt8(ascii: "/") {
          i += 1
        }
        let attributeName = attributeStart..<i
        if attributeName.isEmpty {  // a stray quote or `=`: not a tag cmark or KaTeX would write
          return nil
        }
        var value: Range<Int>?
        if i < u.count, u[i] == UInt8(ascii: "=") {
          i += 1
          guard i < u.count else { return nil }
          if u[i] == UInt8(ascii: "\"") || u[i] == UInt8(ascii: "'") {
            let quote = u[i]
            guard let close = u[(i + 1)...].firstIndex(of: quote) else { return nil }
            value = (i + 1)..<close
            i = close + 1
          } else {
            let valueStart = i
            while i < u.count, !isSpace(u[i]), u[i] != UInt8(ascii: ">") { i += 1 }
            value = valueStart..<i
          }
        }
        attributes.append((attributeName, value))
      }
      end = i + 1
    }

    /// The tag's name, lowercased (it is ASCII).
    func name(_ u: UnsafeBufferPointer<UInt8>) -> String {
      Self.asciiLowercased(nameRange, u)
    }

    /// An attribute's name, lowercased as String does it.
    static func lowercased(_ range: Range<Int>, _ u: UnsafeBufferPointer<UInt8>) -> String {
      guard ByteScan.isASCII(u, range) else { return String(decoding: u[range], as: UTF8.self).lowercased() }
      return asciiLowercased(range, u)
    }

    /// ASCII bytes lowercased; straight from the bytes when they are lowercase already (as
    /// nearly every name cmark and KaTeX write is), without a copy to lowercase first.
    static func asciiLowercased(_ range: Range<Int>, _ u: UnsafeBufferPointer<UInt8>) -> String {
      guard u[range].contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else {
        return String(decoding: UnsafeBufferPointer(rebasing: u[range]), as: UTF8.self)
      }
      return String(decoding: u[range].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    func value(_ attribute: String, _ u: UnsafeBufferPointer<UInt8>) -> String? {
      attributes.first { Self.lowercased($0.name, u) == attribute }?.value.map { String(decoding: u[$0], as: UTF8.self) }
    }

    /// The tag with only the attributes a card keeps, and its link made to work off the site.
    /// Names and values are written back as they were read (SVG's `viewBox` keeps its case):
    /// cmark and KaTeX escape values already.
    func write(_ name: String, _ u: UnsafeBufferPointer<UInt8>, page: String, baseURL: String?, to out: inout [UInt8]) {
      out.append(UInt8(ascii: "<"))
      out.append(contentsOf: name.utf8)
      for (attribute, range) in attributes {
        let lowercased = Self.lowercased(attribute, u)
        guard CardHTML.keptAttributes.contains(lowercased) else { continue }
        if lowercased != "href", let range, !u[range].contains(UInt8(ascii: "\"")) {
          // What the String round trip below would write, without it: nothing to replace.
          out.append(UInt8(ascii: " "))
          out.append(contentsOf: u[attribute])
          out.append(contentsOf: "=\"".utf8)
          out.append(contentsOf: u[range])
          out.append(UInt8(ascii: "\""))
          continue
        }
        var value = range.map { String(decoding: u[$0], as: UTF8.self) }
        if lowercased == "href", let href = value {
          guard let target = CardHTML.link(href, page: page, baseURL: baseURL) else { continue }
          value = target
        }
        out.append(UInt8(ascii: " "))
        out.append(contentsOf: u[attribute])
        if let value {
          out.append(contentsOf: "=\"".utf8)
          out.append(contentsOf: ByteScan.replacing(UInt8(ascii: "\""), with: "&quot;", in: value).utf8)
          out.append(UInt8(ascii: "\""))
        }
      }
      out.append(contentsOf: (selfClosing ? "/>" : ">").utf8)
    }
  }
}
