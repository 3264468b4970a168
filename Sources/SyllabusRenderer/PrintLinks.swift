import SyllabusModel

/// Moves page HTML into one printable document (`print.html`, `print/<path>.html`): each page
/// included becomes an anchor, so a link to it (or to a heading in it) becomes an in-page link,
/// and every id inside it gets the page's anchor as a prefix, so two pages' "answer" headings
/// stay distinct (`PrintFragment`). Links to pages left out still work: they are made relative
/// to the document.
struct PrintLinks {
  /// Root-relative page URL → its anchor in the document.
  let anchors: [String: String]
  /// Where the document itself lands (root-relative).
  let documentURL: String
  /// From the document back to the site root.
  private let root: [UInt8]

  init(anchors: [String: String], documentURL: String) {
    self.anchors = anchors
    self.documentURL = documentURL
    root = Array(SiteURL.rootPrefix(from: documentURL).utf8)
  }

  static func anchor(topic: String) -> String { "topic-" + topic }
  /// The `question`th question (from 1) of the `chapter`th chapter: `q3-12`. Short, as every id
  /// in the question carries it; unique, as no other anchor starts with `q` and a digit, and
  /// the `-` after the number keeps `q1-1…` apart from `q11-…`.
  static func anchor(chapter: Int, question: Int) -> String { "q\(chapter)-\(question)" }

  /// `html`, written for the page at `pageURL`, as it sits in this document under `anchor`
  /// (see `PrintFragment`).
  func rewrite(_ html: String, from pageURL: String, anchor: String, demote: Int = 0) -> String {
    place(PrintFragment(html, from: pageURL, anchor: anchor, demote: demote))
  }

  /// The fragment's HTML with each link to another page pointed at that page's anchor when
  /// the document includes it, else at the page itself.
  func place(_ fragment: PrintFragment) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(fragment.bytes.count + fragment.links.count * 24)
    place(fragment) { out.append(contentsOf: $0) }
    return String(decoding: out, as: UTF8.self)
  }

  /// The same, handed to `emit` piece by piece: the fragment's stretches and link targets.
  func place(_ fragment: PrintFragment, to emit: PieceSink) {
    var copied = 0
    var target: [UInt8] = []
    fragment.bytes.withUnsafeBytes { bytes in
      for link in fragment.links {
        emit(UnsafeRawBufferPointer(rebasing: bytes[copied..<link.offset]))
        target.removeAll(keepingCapacity: true)
        append(link.page, link.fragment, to: &target)
        target.withUnsafeBytes(emit)
        copied = link.offset
      }
      emit(UnsafeRawBufferPointer(rebasing: bytes[copied...]))
    }
  }

  private func append(_ page: String, _ fragment: String?, to out: inout [UInt8]) {
    if let anchor = anchors[page] {
      out.append(UInt8(ascii: "#"))
      out.append(contentsOf: anchor.utf8)
      if let fragment {
        out.append(UInt8(ascii: "-"))
        out.append(contentsOf: fragment.utf8)
      }
    } else {
      out.append(contentsOf: root)
      out.append(contentsOf: page.utf8)
      if let fragment {
        out.append(UInt8(ascii: "#"))
        out.append(contentsOf: fragment.utf8)
      }
    }
  }

  /// Where a link found on `pageURL` points from inside the document.
  func target(of href: String, from pageURL: String, anchor: String) -> String {
    switch PrintFragment.target(of: Array(href.utf8), from: Array(pageURL.utf8), anchor: Array(anchor.utf8)) {
    case .fixed(let bytes): return String(decoding: bytes, as: UTF8.self)
    case .page(let page, let fragment):
      var out: [UInt8] = []
      append(page, fragment, to: &out)
      return String(decoding: out, as: UTF8.self)
    }
  }
}
