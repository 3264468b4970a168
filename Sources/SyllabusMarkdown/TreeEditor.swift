import CCmarkGFM
import Foundation
import SyllabusModel

/// Adjusts a parsed cmark tree in place before it is rendered.
struct TreeEditor {
  let root: OpaquePointer
  let source: MarkdownSource
  let allowRawHTML: Bool
  let rewriteLink: (String) -> String?

  private(set) var headings: [Heading] = []
  /// Level-2 headings directly under the document, in order: each starts a section.
  private(set) var sectionHeadings: [Heading] = []
  /// The first list of each section, by section index (0 is the text before any heading).
  private(set) var sectionLists: [(Int, OpaquePointer)] = []
  private(set) var links: [LinkReference] = []
  private(set) var diagnostics: [Diagnostic] = []
  private(set) var plainText = ""
  private(set) var imagesWithoutAlt: [SourceLocation] = []
  /// What the typeset step fills in, by token index: the scanner's formulas first, then
  /// ```` ```math ```` fences and fenced code with a language, in document order.
  private(set) var pieces: [TypesetPiece]
  private var usedIDs: [String: Int] = [:]
  private let reservedIDs: ReservedIDs
  private let anchorLabel: String

  init(
    root: OpaquePointer, source: MarkdownSource, allowRawHTML: Bool, formulas: [MathFormula] = [],
    reservedIDs: ReservedIDs = ReservedIDs(), anchorLabel: String = UIStrings.english["anchor_label"] ?? "",
    rewriteLink: @escaping (String) -> String?
  ) {
    self.root = root
    self.reservedIDs = reservedIDs
    self.anchorLabel = anchorLabel
    self.source = source
    self.allowRawHTML = allowRawHTML
    self.rewriteLink = rewriteLink
    self.pieces = formulas.map { .math($0) }
  }

  mutating func run() {
    var nodes: [OpaquePointer] = []
    let iterator = cmark_iter_new(root)
    defer { cmark_iter_free(iterator) }
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { nodes.append(node) }
    }
    // Sort nodes by kind first: the edits below free nodes, so none may be looked at later.
    // Plain text: text and code spans as written (a link or emphasis adds no space of its own,
    // so "see [attention](a), which" reads "see attention, which"); a block or a line break
    // separates words.
    var text = ""
    var quotes: [OpaquePointer] = []
    var headingNodes: [OpaquePointer] = []
    var rawHTML: [(OpaquePointer, Bool)] = []
    var codeBlocks: [OpaquePointer] = []
    for node in nodes {
      let type = cmark_node_get_type(node)
      if Self.isBlock(type) || type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
        if !text.isEmpty && text.utf8.last != UInt8(ascii: " ") { text += " " }
      }
      if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
        text += literal(node)
      } else if type == CMARK_NODE_HTML_INLINE {
        text += HTML.text(of: rawLiteral(node))  // a <br> separates words, a <kbd> does not
      }
      if type == CMARK_NODE_CODE_BLOCK {
        codeBlocks.append(node)
      } else if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
        rewrite(node)
        if type == CMARK_NODE_IMAGE { untokenize(node) }
        if type == CMARK_NODE_IMAGE, inlineText(node).trimmingSpaces().isEmpty {
          let line = max(1, Int(cmark_node_get_start_line(node)))
          imagesWithoutAlt.append(source.location(line: line, column: max(1, Int(cmark_node_get_start_column(node)))))
        }
      } else if type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_HTML_BLOCK {
        rawHTML.append((node, type == CMARK_NODE_HTML_BLOCK))
      } else if type == CMARK_NODE_BLOCK_QUOTE {
        quotes.append(node)
      } else if type == CMARK_NODE_HEADING {
        headingNodes.append(node)
      }
    }
    for block in codeBlocks {
      if let tex = typeset(block) { text += " " + tex }
    }
    plainText = text
    if !allowRawHTML {
      for (node, block) in rawHTML { escapeRawHTML(node, block: block) }
    }
    for quote in quotes { makeCallout(quote) }
    // A section is itemised only when its whole body is one list, so no text is ever dropped.
    var section = 0
    var blocks: [Int: [OpaquePointer]] = [:]
    var child = cmark_node_first_child(root)
    while let node = child {
      child = cmark_node_next(node)
      let type = cmark_node_get_type(node)
      if type == CMARK_NODE_HEADING, cmark_node_get_heading_level(node) == 2 {
        section += 1
        continue
      }
      blocks[section, default: []].append(node)
    }
    for (index, nodes) in blocks.sorted(by: { $0.key < $1.key }) where nodes.count == 1 && cmark_node_get_type(nodes[0]) == CMARK_NODE_LIST {
      sectionLists.append((index, nodes[0]))
    }
    for heading in headingNodes { identify(heading) }
  }

  // MARK: - Headings

  private mutating func identify(_ node: OpaquePointer) {
    let level = Int(cmark_node_get_heading_level(node))
    let text = inlineText(node).trimmingSpaces()
    let base = Identifier.slug(text).isEmpty ? "section" : Identifier.slug(text)
    var id = base
    // "Foo", "Foo", "Foo 1" must not give two "foo-1": keep counting until the id is free.
    while usedIDs[id] != nil || reservedIDs.contains(id) {
      let count = usedIDs[base] ?? 1
      usedIDs[base] = count + 1
      id = "\(base)-\(count)"
    }
    usedIDs[id] = 1
    let heading = Heading(level: level, text: text, id: id)
    headings.append(heading)
    let startsSection = level == 2 && cmark_node_parent(node) == root
    if startsSection { sectionHeadings.append(heading) }
    // The HTML renderer writes bare <hN>; a custom block around the heading's inlines lets us
    // write the id (and a section mark) without post-processing the HTML text.
    guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
    let open = (startsSection ? MarkdownParser.sectionMark : "") + "<h\(level) id=\"\(HTML.escape(id))\">"
    let close = HTML.selfLink(to: id, label: anchorLabel) + "</h\(level)>"
    cmark_node_set_on_enter(block, open)
    cmark_node_set_on_exit(block, close)
    moveChildren(from: node, to: block)
    cmark_node_insert_before(node, block)
    cmark_node_unlink(node)
    cmark_node_free(node)
  }

  // MARK: - Callouts

  private static let calloutKinds = ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"]

  /// `> [!TIP] Optional title` → `<aside class="callout callout-tip">`.
  private mutating func makeCallout(_ quote: OpaquePointer) {
    guard let paragraph = cmark_node_first_child(quote), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH else { return }
    var firstLine: [OpaquePointer] = []
    var lineText = ""
    var node = cmark_node_first_child(paragraph)
    while let current = node {
      let type = cmark_node_get_type(current)
      if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
        firstLine.append(current)
        break
      }
      firstLine.append(current)
      lineText += type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE ? literal(current) : inlineText(current)
      node = cmark_node_next(current)
    }
    guard lineText.hasPrefix("[!"), let close = lineText.firstIndex(of: "]") else { return }
    let kind = String(lineText[lineText.index(lineText.startIndex, offsetBy: 2)..<close]).uppercased()
    guard Self.calloutKinds.contains(kind) else {
      if !kind.isEmpty, kind.allSatisfy({ $0.isLetter }) {
        let line = Int(cmark_node_get_start_line(quote))
        diagnostics.append(.warning(source.location(line: line, column: 1), "unknown callout `[!\(kind)]`; use one of \(Self.calloutKinds.map { "[!\($0)]" }.joined(separator: ", "))"))
      }
      return
    }
    let customTitle = lineText[lineText.index(after: close)...].trimmingSpaces()
    let title = customTitle.isEmpty ? kind.prefix(1) + kind.dropFirst().lowercased() : customTitle
    for n in firstLine {
      cmark_node_unlink(n)
      cmark_node_free(n)
    }
    if cmark_node_first_child(paragraph) == nil {
      cmark_node_unlink(paragraph)
      cmark_node_free(paragraph)
    }
    guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
    let css = kind.lowercased()
    cmark_node_set_on_enter(block, "<aside class=\"callout callout-\(css)\" aria-label=\"\(HTML.escape(String(title)))\"><p class=\"callout-title\">\(HTML.escape(String(title)))</p>\n")
    cmark_node_set_on_exit(block, "</aside>")
    moveChildren(from: quote, to: block)
    cmark_node_insert_before(quote, block)
    cmark_node_unlink(quote)
    cmark_node_free(quote)
  }

  // MARK: - Links and raw HTML

  private mutating func rewrite(_ node: OpaquePointer) {
    guard let raw = cmark_node_get_url(node) else { return }
    let url = String(cString: raw)
    guard Self.isSourceLink(url) else { return }
    var line = Int(cmark_node_get_start_line(node))
    var column = Int(cmark_node_get_start_column(node))
    if line == 0, let parent = cmark_node_parent(node) {
      line = Int(cmark_node_get_start_line(parent))
      column = Int(cmark_node_get_start_column(parent))
    }
    links.append(LinkReference(destination: url, location: source.location(line: max(line, 1), column: max(column, 1))))
    if let replacement = rewriteLink(url) { cmark_node_set_url(node, replacement) }
  }

  /// A relative link to another Markdown source (with or without an anchor).
  static func isSourceLink(_ url: String) -> Bool {
    let bytes = url.utf8
    guard let first = bytes.first, first != UInt8(ascii: "#"), first != UInt8(ascii: "/"),
      RelativePath.schemeEnd(bytes) == nil
    else { return false }
    let path = url[..<(bytes.firstIndex(of: UInt8(ascii: "#")) ?? url.endIndex)]
    return path.hasSuffix(".md")
  }

  private func escapeRawHTML(_ node: OpaquePointer, block: Bool) {
    let text = literal(node)
    guard let replacement = cmark_node_new(block ? CMARK_NODE_PARAGRAPH : CMARK_NODE_TEXT) else { return }
    if block {
      guard let inner = cmark_node_new(CMARK_NODE_TEXT) else { return }
      cmark_node_set_literal(inner, text.trimmingCharacters(in: .newlines))
      cmark_node_append_child(replacement, inner)
    } else {
      cmark_node_set_literal(replacement, text)
    }
    cmark_node_insert_before(node, replacement)
    cmark_node_unlink(node)
    cmark_node_free(node)
  }

  // MARK: - Math and code

  /// A fenced block with a language becomes a token for the typeset step: ```` ```math ````
  /// is display math (its TeX is returned for the search text), any other language is code
  /// to highlight. A block without a language stays cmark's plain `<pre><code>`.
  private mutating func typeset(_ node: OpaquePointer) -> String? {
    let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
    guard let word = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first else { return nil }
    let language = String(word)
    let text = rawLiteral(node)
    let index = pieces.count
    guard language == "math" else {
      pieces.append(.code(language: language, text: text))
      cmark_node_set_literal(node, TypesetMark.token(index))
      return nil
    }
    let line = max(1, Int(cmark_node_get_start_line(node)))
    let column = max(1, Int(cmark_node_get_start_column(node)))
    let tex = text.hasSuffix("\n") ? String(text.dropLast()) : text
    let lineCount = tex.utf8.filter { $0 == UInt8(ascii: "\n") }.count + 1
    pieces.append(
      .math(
        MathFormula(
          tex: tex, display: true, location: source.location(line: line, column: column),
          texLine: source.location(line: line + 1, column: 1).line, lineColumns: Array(repeating: column, count: lineCount))))
    guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return tex }
    cmark_node_set_on_enter(block, "<div class=\"math-block\">" + TypesetMark.token(index) + "</div>\n")
    cmark_node_insert_before(node, block)
    cmark_node_unlink(node)
    cmark_node_free(node)
    return tex
  }

  /// Alt text is an attribute: a formula there stays its TeX source, never markup.
  private func untokenize(_ node: OpaquePointer) {
    guard !pieces.isEmpty else { return }
    let iterator = cmark_iter_new(node)
    defer { cmark_iter_free(iterator) }
    while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
      guard let child = cmark_iter_get_node(iterator), cmark_node_get_type(child) == CMARK_NODE_TEXT else { continue }
      let raw = rawLiteral(child)
      if TypesetMark.contains(raw) { cmark_node_set_literal(child, literal(child)) }
    }
  }

  // MARK: - Helpers

  /// Paragraphs, headings, list items, table cells…: cmark marks a node's category in its type.
  private static func isBlock(_ type: cmark_node_type) -> Bool {
    type.rawValue & 0xC000 == CMARK_NODE_DOCUMENT.rawValue & 0xC000
  }

  private func rawLiteral(_ node: OpaquePointer) -> String {
    cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
  }

  /// A node's text, with each formula token read back as its TeX source (for headings,
  /// search and alt text).
  private func literal(_ node: OpaquePointer) -> String {
    let text = rawLiteral(node)
    guard !pieces.isEmpty else { return text }
    return TypesetMark.fill(text) { index in
      guard index < pieces.count, case .math(let formula) = pieces[index] else { return nil }
      return formula.tex
    }
  }

  private func inlineText(_ node: OpaquePointer) -> String {
    var out = ""
    var child = cmark_node_first_child(node)
    while let c = child {
      let type = cmark_node_get_type(c)
      if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_HTML_INLINE {
        out += literal(c)
      } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
        out += " "
      } else {
        out += inlineText(c)
      }
      child = cmark_node_next(c)
    }
    return out
  }

  private func moveChildren(from: OpaquePointer, to: OpaquePointer) {
    while let child = cmark_node_first_child(from) {
      cmark_node_unlink(child)
      cmark_node_append_child(to, child)
    }
  }
}
