import SyllabusModel

/// Shapes known to make Debian's cmark-gfm 0.29.0.gfm.6 quadratic (deep nesting, long bracket
/// and delimiter runs, wide tables, many HTML-like openers) are refused here, before cmark sees
/// the text. Each finding names the limit and the guide.yml key that raises it.
///
/// One pass over the UTF-8 bytes: this runs on every file of every build, so it must cost
/// little next to cmark itself.
enum MarkdownGate {
  private static let space = UInt8(ascii: " "), newline = UInt8(ascii: "\n"), backtick = UInt8(ascii: "`")
  private static let tilde = UInt8(ascii: "~"), backslash = UInt8(ascii: "\\")

  static func check(_ source: MarkdownSource, limits: Limits) -> Diagnostic? {
    var text = source.text
    return text.withUTF8 { check(bytes: $0, source: source, limits: limits) }
  }

  private static func check(bytes: UnsafeBufferPointer<UInt8>, source: MarkdownSource, limits: Limits) -> Diagnostic? {
    var fence: UInt8 = 0  // backtick or tilde while inside a fenced code block
    var bracketDepth = 0, delimiters = 0, htmlLike = 0
    var lineNumber = 0
    var start = 0
    let count = bytes.count
    while start <= count {
      var end = start
      while end < count && bytes[end] != newline { end += 1 }
      lineNumber += 1
      defer { start = end + 1 }
      var first = start
      while first < end && bytes[first] == space { first += 1 }
      let isFence = end - first >= 3 && (bytes[first] == backtick || bytes[first] == tilde)
        && bytes[first + 1] == bytes[first] && bytes[first + 2] == bytes[first]
      if fence != 0 {
        if isFence && bytes[first] == fence { fence = 0 }
        continue
      }
      if isFence {
        fence = bytes[first]
        continue
      }
      if first == end {
        bracketDepth = 0
        delimiters = 0
        continue
      }
      func fail(_ column: Int, _ what: String, _ key: String, _ limit: Int) -> Diagnostic {
        .error(source.location(line: lineNumber, column: column), "\(what) (limit \(limit)); simplify the Markdown, or raise `limits: \(key)` in guide.yml")
      }
      if first - start > limits.maxNesting * 8 {
        return fail(1, "line is indented \(first - start) columns, deeper than any real nesting", "max_nesting", limits.maxNesting)
      }
      // Container markers chained at the start of a line: `> > - * 1. >` …
      var depth = 0
      var i = first
      while i < end {
        let b = bytes[i]
        if b == UInt8(ascii: ">") {
          i += 1
        } else if (b == UInt8(ascii: "-") || b == UInt8(ascii: "*") || b == UInt8(ascii: "+")) && i + 1 < end && bytes[i + 1] == space {
          i += 1
        } else if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
          var j = i
          while j < end && j - i < 9 && bytes[j] >= UInt8(ascii: "0") && bytes[j] <= UInt8(ascii: "9") { j += 1 }
          guard j < end && (bytes[j] == UInt8(ascii: ".") || bytes[j] == UInt8(ascii: ")")) else { break }
          i = j + 1
        } else {
          break
        }
        depth += 1
        if depth > limits.maxNesting {
          return fail(1, "block quotes or list items nest more than \(limits.maxNesting) deep", "max_nesting", limits.maxNesting)
        }
        while i < end && bytes[i] == space { i += 1 }
      }
      var column = 0, run: UInt8 = 0, runLength = 0, pipes = 0
      var inCode = false, previous: UInt8 = space
      for k in start..<end {
        let b = bytes[k]
        if b & 0xC0 != 0x80 { column += 1 }  // count characters, not bytes
        defer { previous = b }
        if b == run { runLength += 1 } else { run = b; runLength = 1 }
        switch b {
        case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "-"), tilde, backtick, UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "#"):
          if runLength > limits.maxDelimiterRun {
            return fail(column, "a run of more than \(limits.maxDelimiterRun) `\(Character(UnicodeScalar(b)))` characters", "max_delimiter_run", limits.maxDelimiterRun)
          }
        default: break
        }
        if b == backtick { inCode.toggle(); continue }
        if inCode || previous == backslash { continue }
        switch b {
        case UInt8(ascii: "["):
          bracketDepth += 1
          if bracketDepth > limits.maxNesting {
            return fail(column, "more than \(limits.maxNesting) unclosed `[` in one paragraph", "max_nesting", limits.maxNesting)
          }
        case UInt8(ascii: "]"): bracketDepth = max(0, bracketDepth - 1)
        case UInt8(ascii: "*"), UInt8(ascii: "_"):
          delimiters += 1
          if delimiters > limits.maxDelimiterRun * 10 {
            return fail(column, "more than \(limits.maxDelimiterRun * 10) emphasis markers in one paragraph", "max_delimiter_run", limits.maxDelimiterRun)
          }
        case UInt8(ascii: "|"):
          pipes += 1
          if pipes > limits.maxTableColumns + 1 {
            return fail(column, "a table row with more than \(limits.maxTableColumns) columns", "max_table_columns", limits.maxTableColumns)
          }
        case UInt8(ascii: "<"):
          htmlLike += 1
          if htmlLike > limits.maxHTMLLike {
            return fail(column, "more than \(limits.maxHTMLLike) `<` characters in one file", "max_html_like", limits.maxHTMLLike)
          }
        default: break
        }
      }
    }
    return nil
  }
}
