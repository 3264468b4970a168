import SyllabusModel

/// One page's HTML as every print document holds it: each id prefixed with the page's anchor,
/// headings moved down and without their "#" self-links (`HTML.selfLink`: a printed page
/// cannot follow them, and at 10k questions they were a seventh of print.html), in-page links
/// pointed at the prefixed ids. Only its links to other
/// pages differ between documents (in-page when the document includes the page, relative to the
/// document when not), so they are left as holes that `PrintLinks.place` fills: the page is
/// rewritten once per render for all documents, and kept for the next render while its HTML
/// stays the same (`PrintFragmentCache`).
///
/// The HTML comes from cmark, which escapes `"` in text and attribute values and `<` in text,
/// so a literal ` id="` or `href="` is always an attribute and `<hN` always a heading tag.
public struct PrintFragment: Sendable, Equatable {
  /// The rewritten HTML, without the targets of `links`.
  public let bytes: [UInt8]
  /// In the order of their offsets.
  public var links: [Link]
  /// Whether it holds KaTeX's markup (`SiteRenderer.showsMath`): told once, for every print
  /// document that places it.
  let showsMath: Bool

  public struct Link: Sendable, Equatable {
    /// Where in `bytes` the target goes.
    public var offset: Int
    /// The page linked to (root-relative), and what follows its `#`, if anything.
    public var page: String
    public var fragment: String?

    public init(offset: Int, page: String, fragment: String?) {
      self.offset = offset
      self.page = page
      self.fragment = fragment
    }
  }

  public init(bytes: [UInt8], links: [Link]) {
    self.bytes = bytes
    self.links = links
    showsMath = SiteRenderer.showsMath(bytes)
  }

  /// `html`, written for the page at `pageURL`, rewritten to sit in a document under
  /// `anchor`, its headings `demote` levels down (`<h2` → `<h3`…, at most `h6`) so they sit
  /// under the document's own heading for the page. One pass over the UTF-8 bytes.
  init(_ html: String, from pageURL: String, anchor: String, demote: Int = 0) {
    var html = html
    let page = Array(pageURL.utf8), prefix = Array(anchor.utf8), selfLink = Array(HTML.selfLinkStart.utf8)
    var out: [UInt8] = [], links: [Link] = []
    html.withUTF8 { bytes in
      out.reserveCapacity(bytes.count + bytes.count / 8)
      func starts(_ mark: StaticString, at i: Int) -> Bool {
        starts(UnsafeBufferPointer(start: mark.utf8Start, count: mark.utf8CodeUnitCount), at: i)
      }
      func starts<M: RandomAccessCollection<UInt8>>(_ mark: M, at i: Int) -> Bool where M.Index == Int {
        guard i + mark.count <= bytes.count else { return false }
        for k in 0..<mark.count where bytes[i + k] != mark[mark.startIndex + k] { return false }
        return true
      }
      var i = 0
      while i < bytes.count {
        let byte = bytes[i]
        // `<hN` or `</hN`.
        if demote > 0, byte == 0x68, i > 0, bytes[i - 1] == 0x3C || (bytes[i - 1] == 0x2F && i > 1 && bytes[i - 2] == 0x3C),
          i + 1 < bytes.count, (0x31...0x36).contains(bytes[i + 1]) {
          out.append(0x68)
          out.append(UInt8(min(0x36, Int(bytes[i + 1]) + demote)))
          i += 2
          continue
        }
        // The self-link ends at its `</a>`: its label is escaped text.
        if byte == 0x3C, starts(selfLink, at: i) {
          var end = i + selfLink.count
          while end < bytes.count && !starts("</a>", at: end) { end += 1 }
          if end < bytes.count {
            i = end + 4
            continue
          }
        }
        let isID = byte == 0x20 && starts(" id=\"", at: i)
        guard isID || (byte == 0x68 && starts("href=\"", at: i)) else {
          out.append(byte)
          i += 1
          continue
        }
        let valueStart = i + (isID ? 5 : 6)
        var close = valueStart
        while close < bytes.count && bytes[close] != 0x22 { close += 1 }
        guard close < bytes.count else { break }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<valueStart]))
        let value = UnsafeBufferPointer(rebasing: bytes[valueStart..<close])
        if isID {
          out.append(contentsOf: prefix)
          out.append(0x2D)
          out.append(contentsOf: value)
        } else {
          switch Self.target(of: value, from: page, anchor: prefix) {
          case .fixed(let text): out.append(contentsOf: text)
          case .page(let path, let fragment): links.append(Link(offset: out.count, page: path, fragment: fragment))
          }
        }
        i = close
      }
      if i < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i...])) }
    }
    // Kept for the whole render (and the next): at its exact size, not the room reserved.
    let exact = [UInt8](unsafeUninitializedCapacity: out.count) { buffer, count in
      count = buffer.initialize(from: out).1
    }
    self.init(bytes: exact, links: links)
  }

  enum Target: Equatable {
    /// The same in every document.
    case fixed([UInt8])
    /// Another page (root-relative), and what follows its `#`.
    case page(String, fragment: String?)
  }

  /// Where a link found on the page at `page` points from inside a document: `#x` to the
  /// page's own `#<anchor>-x`; a URL with a scheme, a root-relative or an empty one unchanged;
  /// anything else to another page.
  static func target<C: RandomAccessCollection<UInt8>>(of href: C, from page: [UInt8], anchor: [UInt8]) -> Target where C.Index == Int {
    let hash = UInt8(ascii: "#")
    if href.first == hash {
      return .fixed([hash] + anchor + (href.count > 1 ? [0x2D] + href.dropFirst() : []))
    }
    if href.isEmpty || href.first == UInt8(ascii: "/") || RelativePath.schemeEnd(href) != nil { return .fixed(Array(href)) }
    let split = href.firstIndex(of: hash)
    let path = resolve(href[..<(split ?? href.endIndex)], from: page)
    return .page(path, fragment: split.map { String(decoding: href[($0 + 1)...], as: UTF8.self) })
  }

  /// `relative` as seen from the page at `page`, as a root-relative path (never above the
  /// root): the rule every link reader shares (`RelativePath`).
  static func resolve<C: BidirectionalCollection<UInt8>>(_ relative: C, from page: [UInt8]) -> String {
    func resolve(_ r: UnsafeBufferPointer<UInt8>) -> [UInt8] {
      page.withUnsafeBufferPointer { RelativePath.resolve(r, from: $0, aboveRoot: .stayAtRoot)! }
    }
    let bytes = relative.withContiguousStorageIfAvailable(resolve) ?? Array(relative).withUnsafeBufferPointer(resolve)
    return String(decoding: bytes, as: UTF8.self)
  }
}
