import SyllabusModel

/// Shapes known to make Debian's cmark-gfm 0.29.0.gfm.6 quadratic (deep nesting, long bracket
/// and delimiter runs, wide tables, many HTML-like openers) are refused here, before cmark sees
/// the text. Each finding names the limit and the guide.yml key that raises it.
enum MarkdownGate {
  static func check(_ source: MarkdownSource, limits: Limits) -> Diagnostic? {
    var inFence: Substring? = nil
    var bracketDepth = 0
    var delimiters = 0
    var htmlLike = 0
    var lineNumber = 0
    for line in source.text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let trimmed = line.drop { $0 == " " }
      if let fence = inFence {
        if trimmed.hasPrefix(fence) { inFence = nil }
        continue
      }
      if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
        inFence = trimmed.prefix(3)
        continue
      }
      if trimmed.isEmpty {
        bracketDepth = 0
        delimiters = 0
        continue
      }
      func fail(_ column: Int, _ what: String, _ key: String, _ limit: Int) -> Diagnostic {
        .error(source.location(line: lineNumber, column: column), "\(what) (limit \(limit)); simplify the Markdown, or raise `limits: \(key)` in guide.yml")
      }
      let indent = line.count - trimmed.count
      if indent > limits.maxNesting * 8 {
        return fail(1, "line is indented \(indent) columns, deeper than any real nesting", "max_nesting", limits.maxNesting)
      }
      // Container markers chained at the start of a line: `> > - * 1. >` …
      var depth = 0
      var rest = trimmed
      while let first = rest.first {
        if first == ">" || ((first == "-" || first == "*" || first == "+") && rest.dropFirst().first == " ") {
          depth += 1
          rest = rest.dropFirst().drop { $0 == " " }
        } else if first.isNumber, let dot = rest.firstIndex(where: { $0 == "." || $0 == ")" }),
          rest[..<dot].allSatisfy(\.isNumber), rest.distance(from: rest.startIndex, to: dot) <= 9
        {
          depth += 1
          rest = rest[rest.index(after: dot)...].drop { $0 == " " }
        } else {
          break
        }
        if depth > limits.maxNesting {
          return fail(1, "block quotes or list items nest more than \(limits.maxNesting) deep", "max_nesting", limits.maxNesting)
        }
      }
      var column = 0
      var run: Character? = nil
      var runLength = 0
      var pipes = 0
      var inCode = false
      var previous: Character = " "
      for ch in line {
        column += 1
        defer { previous = ch }
        if ch == run { runLength += 1 } else { run = ch; runLength = 1 }
        if "*_-~`>=#".contains(ch), runLength > limits.maxDelimiterRun {
          return fail(column, "a run of more than \(limits.maxDelimiterRun) `\(ch)` characters", "max_delimiter_run", limits.maxDelimiterRun)
        }
        if ch == "`" { inCode.toggle(); continue }
        if inCode || previous == "\\" { continue }
        switch ch {
        case "[":
          bracketDepth += 1
          if bracketDepth > limits.maxNesting {
            return fail(column, "more than \(limits.maxNesting) unclosed `[` in one paragraph", "max_nesting", limits.maxNesting)
          }
        case "]": bracketDepth = max(0, bracketDepth - 1)
        case "*", "_":
          delimiters += 1
          if delimiters > limits.maxDelimiterRun * 10 {
            return fail(column, "more than \(limits.maxDelimiterRun * 10) emphasis markers in one paragraph", "max_delimiter_run", limits.maxDelimiterRun)
          }
        case "|":
          pipes += 1
          if pipes > limits.maxTableColumns + 1 {
            return fail(column, "a table row with more than \(limits.maxTableColumns) columns", "max_table_columns", limits.maxTableColumns)
          }
        case "<":
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
