import CCmarkGFM
import Foundation
import SyllabusModel

/// The parse stage for one Markdown body, and the only code that touches cmark-gfm.
///
/// After cmark parses the text, the tree is adjusted before rendering: headings get stable ids,
/// GitHub alert block quotes become callouts, raw HTML becomes text unless the guide allows it,
/// and links to other `.md` sources are rewritten by the caller's `rewriteLink`.
public enum MarkdownParser {
  public struct Options: Sendable {
    public var allowRawHTML: Bool
    public var limits: Limits
    /// Level-2 sections whose first list is also returned item by item (e.g. "Hints").
    public var itemizedSections: Set<String>
    /// Ids the templates give their own elements (`main`, `hint-1`…): a heading never takes
    /// one, or the skip link and the hint buttons would jump to the wrong place.
    public var reservedIDs: ReservedIDs
    /// The accessible name of each heading's `#` link, in the guide's language.
    public var anchorLabel: String
    /// The words the search index leaves out (SearchTerms.stopwords(language:)).
    public var stopwords: Set<String>

    public init(
      allowRawHTML: Bool = false, limits: Limits = Limits(), itemizedSections: Set<String> = ["hints"],
      reservedIDs: ReservedIDs = ReservedIDs(), anchorLabel: String = UIStrings.english["anchor_label"] ?? "",
      stopwords: Set<String> = SearchTerms.stopwords
    ) {
      self.stopwords = stopwords
      self.anchorLabel = anchorLabel
      self.allowRawHTML = allowRawHTML
      self.limits = limits
      self.itemizedSections = itemizedSections
      self.reservedIDs = reservedIDs
    }
  }

  private static let extensionsRegistered: Void = cmark_gfm_core_extensions_ensure_registered()
  private static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]
  /// cmark-gfm 0.29.0.gfm.6 adds the extensions' inline trigger characters to one global table
  /// when `cmark_parser_finish` parses inlines, and clears them when it is done: two finishes
  /// at once lose autolinks and strike-throughs (MarkdownAndLinkTests pins it). Block parsing
  /// (`feed`), our tree edits and HTML rendering stay parallel; only this step takes turns.
  private static let finishLock = NSLock()
  /// Placed before each level-2 heading while rendering; never left in the output.
  public static let sectionMark = "\u{1}syllabus-section\u{1}"

  /// Parses and renders `source`. `rewriteLink` gets each relative link to a `.md` file as
  /// written and returns the URL to use, or nil to leave it (the resolver reports it).
  public static func parse(
    _ source: MarkdownSource, options: Options, rewriteLink: @escaping (String) -> String?
  ) -> MarkdownDocument {
    if let refusal = MarkdownGate.check(source, limits: options.limits) {
      return MarkdownDocument(sections: [], headings: [], links: [], diagnostics: [refusal], plainText: "")
    }
    if let reserved = reservedCharacter(in: source) {
      return MarkdownDocument(sections: [], headings: [], links: [], diagnostics: [reserved], plainText: "")
    }
    _ = extensionsRegistered
    // Single-tilde `~strike~` is struck, as on GitHub (no STRIKETHROUGH_DOUBLE_TILDE).
    guard let parser = cmark_parser_new(CMARK_OPT_FOOTNOTES) else { return .empty }
    defer { cmark_parser_free(parser) }
    // GitHub's tag filter only matters when raw HTML reaches the page at all.
    for name in extensionNames + (options.allowRawHTML ? ["tagfilter"] : []) {
      if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
    }
    // Math is swapped for tokens first, so cmark never reads TeX as Markdown.
    let math = MathScanner.protect(source)
    math.text.withCString { cmark_parser_feed(parser, $0, strlen($0)) }
    guard let root = finishLock.withLock({ cmark_parser_finish(parser) }) else { return .empty }
    defer { cmark_node_free(root) }

    var tree = TreeEditor(
      root: root, source: source, allowRawHTML: options.allowRawHTML, formulas: math.formulas,
      reservedIDs: options.reservedIDs, anchorLabel: options.anchorLabel, rewriteLink: rewriteLink)
    tree.run()

    let extensions = cmark_parser_get_syntax_extensions(parser)
    let renderOptions = options.allowRawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
    let html = render(root, options: renderOptions, extensions: extensions)
    var sections = split(html, headings: tree.sectionHeadings)
    for (index, list) in tree.sectionLists where options.itemizedSections.contains(sections[index].heading?.text.lowercased() ?? "") {
      sections[index].items = items(of: list, options: renderOptions, extensions: extensions)
    }
    var document = MarkdownDocument(
      sections: sections, headings: tree.headings, links: tree.links, diagnostics: tree.diagnostics,
      plainText: tree.plainText)
    document.imagesWithoutAlt = tree.imagesWithoutAlt
    document.typeset = tree.pieces
    document.terms = Array(SearchTerms.of(tree.plainText + " " + tree.headings.map(\.text).joined(separator: " "), stopwords: options.stopwords))
    return document
  }

  /// The typeset tokens are made of Unicode noncharacters; a source that already holds one
  /// (nothing legitimate does) is refused rather than typeset wrongly.
  static func reservedCharacter(in source: MarkdownSource) -> Diagnostic? {
    guard TypesetMark.contains(source.text) else { return nil }
    for (index, line) in source.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      guard let found = line.firstIndex(where: { $0.unicodeScalars.contains { TypesetMark.reserved.contains($0.value) } }) else { continue }
      let column = line.distance(from: line.startIndex, to: found) + 1
      return .error(source.location(line: index + 1, column: column), "the noncharacter U+\(String(line[found].unicodeScalars.first!.value, radix: 16, uppercase: true)) is reserved for Syllabus's own use; delete it")
    }
    return nil
  }

  static func render(_ node: OpaquePointer, options: Int32, extensions: UnsafeMutablePointer<cmark_llist>?) -> String {
    guard let cString = cmark_render_html(node, options, extensions) else { return "" }
    defer { free(cString) }
    // Code blocks and tables scroll sideways when they are wider than the page (the stylesheet
    // lets them); tabindex lets keyboard users scroll them too. An empty header cell (the
    // corner of a comparison table, `| | A | B |`) becomes a plain cell: a header with no
    // text announces nothing to a screen reader, and axe flags it.
    return FastReplace.apply(
      String(cString: cString),
      [("<table>", "<table tabindex=\"0\">"), ("<pre><code", "<pre tabindex=\"0\"><code"), ("<pre lang=\"", "<pre tabindex=\"0\" lang=\""),
       ("<th></th>", "<td></td>"), ("<th align=\"left\"></th>", "<td></td>"), ("<th align=\"center\"></th>", "<td></td>"),
       ("<th align=\"right\"></th>", "<td></td>")])
  }

  /// The HTML of each item of a list, without the `<li>` wrapper.
  static func items(of list: OpaquePointer, options: Int32, extensions: UnsafeMutablePointer<cmark_llist>?) -> [String] {
    var out: [String] = []
    var item = cmark_node_first_child(list)
    while let current = item {
      var html = ""
      var child = cmark_node_first_child(current)
      while let c = child {
        html += render(c, options: options, extensions: extensions)
        child = cmark_node_next(c)
      }
      out.append(html)
      item = cmark_node_next(current)
    }
    return out
  }

  /// Splits rendered HTML at the marks placed before each level-2 heading.
  static func split(_ html: String, headings: [Heading]) -> [Section] {
    let chunks = FastReplace.components(of: html, separatedBy: sectionMark)
    var sections = [Section(heading: nil, headingHTML: "", html: chunks[0], items: [])]
    for (heading, chunk) in zip(headings, chunks.dropFirst()) {
      let parts = FastReplace.components(of: chunk, separatedBy: "</h2>\n", maxSplits: 1)
      let headingHTML = parts.count == 2 ? parts[0] + "</h2>\n" : ""
      let body = parts.count == 2 ? parts[1] : chunk
      sections.append(Section(heading: heading, headingHTML: headingHTML, html: body, items: []))
    }
    return sections
  }
}
