/// Escaping for every context the renderer writes into: text and attribute values.
public enum HTML {
  /// How a heading's "#" link to itself starts: every heading ends with one on its page
  /// (`selfLink`); the print documents, one long page, leave them out.
  public static let selfLinkStart = "<a class=\"anchor\" href=\"#"

  /// A heading's link to its own `id`, written before its closing tag.
  public static func selfLink(to id: String, label: String) -> String {
    selfLinkStart + escape(id) + "\" aria-label=\"" + escape(label) + "\">#</a>"
  }

  /// Replaces `& < > " '` with entities, on UTF-8 bytes (this runs for every value of every
  /// page, through the templates' content type as well as directly).
  public static func escape(_ text: String) -> String {
    guard text.utf8.contains(where: isSpecial) else { return text }
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count + 16)
    appendEscaped(text, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// `& < > " '`, the bytes escaping replaces.
  @inlinable public static func isSpecial(_ b: UInt8) -> Bool { b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 }

  /// `text` escaped, appended to a byte buffer (the compiled templates write into one).
  public static func appendEscaped(_ text: String, to out: inout [UInt8]) {
    guard text.utf8.contains(where: isSpecial) else { return out.append(contentsOf: text.utf8) }
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
  }

  /// The text of rendered HTML: tags dropped, the five entities this renderer writes decoded.
  /// A block's tag (or a `<br>`) leaves a space, so paragraphs and list items stay apart; an
  /// inline one (a link, emphasis, a formula's spans) leaves nothing, so "see <a>attention</a>,
  /// which" reads "see attention, which". For sections, which keep no plain text of their own.
  public static func text(of html: String) -> String {
    var out = String.UnicodeScalarView()
    var inTag = false
    var tagName = String.UnicodeScalarView()
    var readingName = false
    var entity: String.UnicodeScalarView? = nil
    for scalar in html.unicodeScalars {
      if let pending = entity {
        if scalar == ";" {
          switch String(pending) {
          case "lt": out.append("<")
          case "gt": out.append(">")
          case "quot": out.append("\"")
          case "#39": out.append("'")
          case "amp": out.append("&")
          default: out.append(" ")
          }
          entity = nil
        } else if pending.count < 8 {
          entity!.append(scalar)
        } else {
          out.append(contentsOf: pending)
          entity = nil
        }
        continue
      }
      if inTag {
        if scalar == ">" {
          inTag = false
          if blockTags.contains(String(tagName).lowercased()) { out.append(" ") }
        } else if readingName {
          if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
            tagName.append(scalar)
          } else if !(scalar == "/" && tagName.isEmpty) {
            readingName = false
          }
        }
        continue
      }
      switch scalar {
      case "<": inTag = true; readingName = true; tagName = String.UnicodeScalarView()
      case "&": entity = String.UnicodeScalarView()
      default: out.append(scalar)
      }
    }
    return String(out)
  }

  /// Elements that start a new line of text: where `text(of:)` keeps words apart.
  static let blockTags: Set<String> = [
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
  ]
}
