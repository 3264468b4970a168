import SyllabusModel

/// A cheat sheet longer than the limits below does not print on one page with the default
/// stylesheet.
struct LongCheatSheet: LintRule {
  let id = "long-cheat-sheet"
  let defaultSeverity = Severity.warning
  var summary: String { "a cheat sheet over \(Self.maxWords) words or \(Self.maxLines) rows, list items and paragraphs" }

  static let maxWords = 380
  static let maxLines = 48

  func check(_ context: LintContext) -> [LintFinding] {
    let title = context.strings[SectionName.cheatSheet.rawValue]
    return context.site.topics.compactMap { topic in
      guard let sheet = context.document(topic.body).section(titled: title) else { return nil }
      let words = HTML.text(of: Self.withoutMathML(sheet.html)).split(whereSeparator: \.isWhitespace).count
      let lines = ["<tr>", "<li>", "<p>"].reduce(0) { $0 + sheet.html.components(separatedBy: $1).count - 1 }
      guard words > Self.maxWords || lines > Self.maxLines else { return nil }
      return LintFinding(
        Self.heading(named: title, in: topic.body),
        "cheat sheet is \(words) words in \(lines) rows, lines and paragraphs; keep it under \(Self.maxWords) words and \(Self.maxLines) lines so it prints on one page")
    }
  }

  /// A typeset formula carries its MathML copy (and its TeX) for screen readers besides what
  /// is printed; only the printed part counts towards the one-page rule.
  static func withoutMathML(_ html: String) -> String {
    var out = "", rest = html[...]
    while let start = rest.range(of: "<span class=\"katex-mathml\">"), let end = rest[start.upperBound...].range(of: "</math></span>") {
      out += rest[..<start.lowerBound]
      rest = rest[end.upperBound...]
    }
    return out + rest
  }

  /// The line of the `## Cheat sheet` heading, where the author would shorten it.
  static func heading(named title: String, in body: MarkdownSource) -> SourceLocation {
    var line = 0
    for text in body.text.split(separator: "\n", omittingEmptySubsequences: false) {
      line += 1
      if text.trimmingSpaces().lowercased() == "## \(title.lowercased())" { return body.location(line: line, column: 1) }
    }
    return body.location(line: 1, column: 1)
  }
}
