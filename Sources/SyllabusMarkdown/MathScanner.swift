import SyllabusModel

/// Finds math in a Markdown body the way GitHub writes it, before cmark sees the text, and
/// swaps each formula for a `TypesetMark` token so cmark never touches the TeX (its `\`, `_`
/// and `*` stay TeX). Fenced ```` ```math ```` blocks are left to cmark: TreeEditor takes them.
///
/// The rules, pinned by MathScannerTests:
/// - `$…$` is inline math when the opening `$` is followed by a non-space, and the next
///   unescaped `$` is preceded by a non-space and not followed by a digit. When that next `$`
///   does not qualify, the opening one is a plain dollar: "$4,500 a day and $20" has no math.
///   The TeX may not contain a backtick (that is a code span's, not math's).
/// - `` $`…`$ `` is inline math whose TeX is verbatim; `$$…$$` is display math, on its own
///   lines or inside a paragraph. Both need non-blank TeX.
/// - `\$` is a dollar sign. Nothing inside code spans, fenced or indented code is math, and
///   no formula crosses a blank line or a fence.
enum MathScanner {
  struct Result {
    var text: String
    var formulas: [MathFormula]
  }

  private static let dollar = UInt8(ascii: "$"), backtick = UInt8(ascii: "`"), backslash = UInt8(ascii: "\\")
  private static let newline = UInt8(ascii: "\n"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
  private static let quote = UInt8(ascii: ">"), tilde = UInt8(ascii: "~")

  /// A formula as found: byte range of the whole span (delimiters included) and of its TeX.
  struct Span: Equatable {
    var start: Int, end: Int
    var texStart: Int, texEnd: Int
    var display: Bool
  }

  static func protect(_ source: MarkdownSource) -> Result {
    guard source.text.utf8.contains(dollar) else { return Result(text: source.text, formulas: []) }
    let bytes = Array(source.text.utf8)
    let spans = blocks(bytes).flatMap { Self.spans(in: bytes, $0) }
    guard !spans.isEmpty else { return Result(text: source.text, formulas: []) }
    return rewrite(bytes, spans, source)
  }

  // MARK: - Blocks

  /// Byte ranges of runs of lines that are neither blank nor code (fenced or indented) nor
  /// fences. An indented code block is found as cmark finds one, approximately: a line
  /// indented four columns past the enclosing list item's text, not continuing a paragraph
  /// (a blank line, a heading or a fence comes before it), and the lines after it that are
  /// blank or as deep. Block quotes are not looked into for indented code.
  static func blocks(_ bytes: [UInt8]) -> [Range<Int>] {
    var out: [Range<Int>] = []
    var fence: (UInt8, Int)?  // fence character and run length while inside fenced code
    var codeIndent: Int?  // the indentation that continues the indented code block we are in
    var itemColumn = 0  // where the text of the list item last opened starts (0: no list)
    var afterHeading = false
    var blockStart: Int?
    var start = 0
    func close(before lineStart: Int) {
      if let s = blockStart { out.append(s..<max(s, lineStart - 1)) }
      blockStart = nil
    }
    while start <= bytes.count {
      var end = start
      while end < bytes.count && bytes[end] != newline { end += 1 }
      defer { start = end + 1 }
      let first = contentStart(bytes, start, end)
      var run = 0
      if first < end && (bytes[first] == backtick || bytes[first] == tilde) {
        while first + run < end && bytes[first + run] == bytes[first] { run += 1 }
      }
      let isFence = run >= 3
      if let open = fence {
        if isFence && bytes[first] == open.0 && run >= open.1 { fence = nil }
        continue
      }
      let (indent, lead) = indentation(bytes, start, end)
      if let deep = codeIndent {
        if first == end || indent >= deep { continue }
        codeIndent = nil
      }
      let quoted = lead < end && bytes[lead] == quote
      if first != end && !quoted && indent >= itemColumn + 4 && (blockStart == nil || afterHeading) {
        close(before: start)
        codeIndent = itemColumn + 4
        afterHeading = false
        continue
      }
      if isFence || first == end {
        close(before: start)
        afterHeading = false
        if isFence { fence = (bytes[first], run) }
        continue
      }
      if !quoted {
        // A list item's text column; a line less indented after a blank line leaves the list.
        if first > lead && bytes[first - 1] == space {
          itemColumn = indent + (first - lead)
        } else if blockStart == nil && indent < itemColumn {
          itemColumn = 0
        }
      }
      afterHeading = !quoted && bytes[lead] == UInt8(ascii: "#") && isHeading(bytes, lead, end)
      if blockStart == nil { blockStart = start }
    }
    if let s = blockStart { out.append(s..<bytes.count) }
    return out
  }

  /// A line's leading spaces and tabs as columns (a tab goes to the next multiple of 4), and
  /// where its text starts.
  static func indentation(_ bytes: [UInt8], _ start: Int, _ end: Int) -> (columns: Int, lead: Int) {
    var columns = 0, i = start
    while i < end && (bytes[i] == space || bytes[i] == tab) {
      columns = bytes[i] == tab ? columns + 4 - columns % 4 : columns + 1
      i += 1
    }
    return (columns, i)
  }

  /// An ATX heading: one to six `#`, then a space or the end of the line.
  static func isHeading(_ bytes: [UInt8], _ lead: Int, _ end: Int) -> Bool {
    var i = lead
    while i < end && bytes[i] == UInt8(ascii: "#") { i += 1 }
    return i - lead <= 6 && (i == end || bytes[i] == space || bytes[i] == tab)
  }

  /// Where a line's text starts after its container markers: spaces, `>` and list markers
  /// (`- `, `* `, `+ `, `1. `, `1) `), so a fence inside a list item or a quote is seen.
  static func contentStart(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int {
    var i = start
    while i < end {
      let b = bytes[i]
      if b == space || b == tab || b == quote {
        i += 1
      } else if (b == UInt8(ascii: "-") || b == UInt8(ascii: "*") || b == UInt8(ascii: "+")) && i + 1 < end && bytes[i + 1] == space {
        i += 2
      } else if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
        var j = i
        while j < end && j - i < 9 && bytes[j] >= UInt8(ascii: "0") && bytes[j] <= UInt8(ascii: "9") { j += 1 }
        guard j + 1 < end, bytes[j] == UInt8(ascii: ".") || bytes[j] == UInt8(ascii: ")"), bytes[j + 1] == space else { break }
        i = j + 2
      } else {
        break
      }
    }
    return i
  }

  // MARK: - Spans

  static func spans(in bytes: [UInt8], _ block: Range<Int>) -> [Span] {
    var out: [Span] = []
    let hi = block.upperBound
    var k = block.lowerBound
    func isSpace(_ b: UInt8) -> Bool { b == space || b == tab || b == newline }
    func run(at i: Int) -> Int {
      var n = 0
      while i + n < hi && bytes[i + n] == backtick { n += 1 }
      return n
    }
    /// The next backtick run of exactly `n` at or after `i`.
    func closingRun(_ n: Int, from i: Int) -> Int? {
      var j = i
      while j < hi {
        if bytes[j] == backtick {
          let m = run(at: j)
          if m == n { return j }
          j += m
        } else {
          j += 1
        }
      }
      return nil
    }
    func isBlank(_ r: Range<Int>) -> Bool { r.allSatisfy { isSpace(bytes[$0]) } }
    while k < hi {
      let b = bytes[k]
      if b == backslash {
        k += 2
        continue
      }
      if b == backtick {
        let n = run(at: k)
        k = closingRun(n, from: k + n).map { $0 + n } ?? k + n
        continue
      }
      guard b == dollar else {
        k += 1
        continue
      }
      let next: UInt8? = k + 1 < hi ? bytes[k + 1] : nil
      if next == backtick {
        // $`…`$, or a code span right after a dollar sign.
        let n = run(at: k + 1)
        if let close = closingRun(n, from: k + 1 + n) {
          if close + n < hi && bytes[close + n] == dollar && !isBlank(k + 1 + n..<close) {
            out.append(Span(start: k, end: close + n + 1, texStart: k + 1 + n, texEnd: close, display: false))
            k = close + n + 1
          } else {
            k = close + n
          }
        } else {
          k += 1 + n
        }
        continue
      }
      if next == dollar {
        var j = k + 2
        var found: Int?
        while j + 1 < hi {
          if bytes[j] == backslash { j += 2; continue }
          if bytes[j] == dollar && bytes[j + 1] == dollar { found = j; break }
          j += 1
        }
        if let close = found, !isBlank(k + 2..<close) {
          out.append(Span(start: k, end: close + 2, texStart: k + 2, texEnd: close, display: true))
          k = close + 2
        } else {
          k += 2
        }
        continue
      }
      guard let n = next, !isSpace(n) else {
        k += 1
        continue
      }
      var j = k + 1
      var close: Int?
      var hasBacktick = false
      while j < hi {
        if bytes[j] == backslash { j += 2; continue }
        if bytes[j] == backtick { hasBacktick = true }
        if bytes[j] == dollar { close = j; break }
        j += 1
      }
      if let c = close, !hasBacktick, !isSpace(bytes[c - 1]),
        !(c + 1 < hi && bytes[c + 1] >= UInt8(ascii: "0") && bytes[c + 1] <= UInt8(ascii: "9"))
      {
        out.append(Span(start: k, end: c + 1, texStart: k + 1, texEnd: c, display: false))
        k = c + 1
      } else {
        k += 1
      }
    }
    return out
  }

  // MARK: - Rewriting

  /// The text with each span replaced by its token, and the formulas in token order.
  private static func rewrite(_ bytes: [UInt8], _ spans: [Span], _ source: MarkdownSource) -> Result {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 16 * spans.count)
    var formulas: [MathFormula] = []
    var copied = 0
    // Line and column bookkeeping, advanced monotonically through the text.
    var line = 1, lineStart = 0, scanned = 0
    func advance(to offset: Int) {
      while scanned < offset {
        if bytes[scanned] == newline {
          line += 1
          lineStart = scanned + 1
        }
        scanned += 1
      }
    }
    func column(_ offset: Int) -> Int {
      1 + bytes[lineStart..<offset].reduce(0) { $1 & 0xC0 != 0x80 ? $0 + 1 : $0 }
    }
    for span in spans {
      out.append(contentsOf: bytes[copied..<span.start])
      advance(to: span.start)
      let location = source.location(line: line, column: column(span.start))
      let quoteDepth = bytes[lineStart..<span.start].filter { $0 == quote }.count
      // TeX lines with their container prefix removed, and where each starts in the file.
      var texLines: [String] = []
      var columns: [Int] = []
      advance(to: span.texStart)
      let texLine = source.firstLine + line - 1
      var pieceStart = span.texStart
      var i = span.texStart
      var lines: [Range<Int>] = []  // byte ranges of each span line after the first
      while i <= span.texEnd {
        if i == span.texEnd || bytes[i] == newline {
          texLines.append(String(decoding: bytes[pieceStart..<i], as: UTF8.self))
          columns.append(column(pieceStart))
          if i == span.texEnd { break }
          advance(to: i + 1)
          var p = i + 1, depth = 0
          while p < span.texEnd {
            if bytes[p] == space || bytes[p] == tab {
              p += 1
            } else if bytes[p] == quote && depth < quoteDepth {
              depth += 1
              p += 1
            } else {
              break
            }
          }
          lines.append(i + 1..<p)
          pieceStart = p
        }
        i += 1
      }
      let firstLineEnd = bytes[span.start..<span.end].firstIndex(of: newline) ?? span.end
      out.append(contentsOf: TypesetMark.token(formulas.count, width: firstLineEnd - span.start).utf8)
      for prefix in lines {
        out.append(newline)
        out.append(contentsOf: bytes[prefix])
        out.append(contentsOf: TypesetMark.continuation.utf8)
      }
      var tex = texLines.joined(separator: "\n")
      var texColumns = columns
      if !span.display, bytes[span.start + 1] == backtick {
        // $` x `$ : like a code span, one space on each side is padding.
        if tex.hasPrefix(" ") && tex.hasSuffix(" ") && tex.count > 2 {
          tex = String(tex.dropFirst().dropLast())
          texColumns[0] += 1
        }
      }
      formulas.append(MathFormula(tex: tex, display: span.display, location: location, texLine: texLine, lineColumns: texColumns))
      copied = span.end
    }
    out.append(contentsOf: bytes[copied...])
    return Result(text: String(decoding: out, as: UTF8.self), formulas: formulas)
  }
}
