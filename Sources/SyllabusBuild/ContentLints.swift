import Foundation
import SyllabusModel
import SyllabusResolver

/// Checks a build does not need but an author wants: content that renders, yet reads badly
/// or was probably a mistake. `syllabus check` runs them after everything the build checks.
public enum ContentLints {
  /// A cheat sheet longer than this will not print on one page with the default stylesheet.
  public static let cheatSheetMaxWords = 380

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
  public static let cheatSheetMaxLines = 48

  /// `tag-used-once` means something only once a guide has this many questions: in a
  /// smaller one most tags are still new, not typos.
  public static let tagUsedOnceMinQuestions = 30

  public static func run(site: ResolvedSite, documents: [String: MarkdownDocument], contentRoot: URL, displayRoot: String) -> [Diagnostic] {
    var out: [Diagnostic] = []
    let off = site.guide.disabledLints
    let strings = site.guide.strings
    let sheetTitle = strings[SectionName.cheatSheet.rawValue], answerTitle = strings[SectionName.answer.rawValue]
    for topic in site.topics {
      let doc = documents[topic.body.path] ?? .empty
      guard let sheet = doc.section(titled: sheetTitle) else {
        if !off.contains(.missingCheatSheet) {
          out.append(.warning(topic.location, "chapter has no `## \(sheetTitle)` section; add one so it gets a printable one-page summary (lint `\(Lint.missingCheatSheet.rawValue)`)"))
        }
        continue
      }
      let text = HTML.text(of: withoutMathML(sheet.html))
      let words = text.split(whereSeparator: \.isWhitespace).count
      let lines = sheet.html.components(separatedBy: "<tr>").count - 1 + sheet.html.components(separatedBy: "<li>").count - 1
        + sheet.html.components(separatedBy: "<p>").count - 1
      if (words > cheatSheetMaxWords || lines > cheatSheetMaxLines) && !off.contains(.longCheatSheet) {
        let at = heading(named: sheetTitle, in: topic.body)
        out.append(.warning(at, "cheat sheet is \(words) words in \(lines) rows, lines and paragraphs; keep it under \(cheatSheetMaxWords) words and \(cheatSheetMaxLines) lines so it prints on one page (lint `\(Lint.longCheatSheet.rawValue)`)"))
      }
    }
    for question in site.allQuestions where !off.contains(.missingAnswer) {
      let doc = documents[question.body.path] ?? .empty
      if doc.section(titled: answerTitle) == nil {
        out.append(.warning(question.location, "question has no `## \(answerTitle)` section; readers and flashcards need one (lint `\(Lint.missingAnswer.rawValue)`)"))
      }
    }
    let tagLintApplies = !off.contains(.tagUsedOnce)
      && (site.guide.forcedLints.contains(.tagUsedOnce) || site.allQuestions.count >= tagUsedOnceMinQuestions)
    for entry in site.tags where tagLintApplies && entry.questions.count == 1 {
      let q = entry.questions[0]
      let location = q.tags.first { $0.value == entry.tag }?.location ?? q.location
      out.append(.warning(location, "tag `\(entry.tag)` is used only once; a typo of another tag? (known tags: \(closest(entry.tag, among: site.tags.map(\.tag)))); switch off with `lints: {\(Lint.tagUsedOnce.rawValue): off}` in guide.yml"))
    }
    for (_, doc) in documents.sorted(by: { $0.key < $1.key }) {
      for image in doc.imagesWithoutAlt where !off.contains(.imageWithoutAlt) {
        out.append(.warning(image, "image without alt text; describe it inside the brackets: `![what it shows](…)` (lint `\(Lint.imageWithoutAlt.rawValue)`)"))
      }
    }
    if !off.contains(.orphanPage) { out += orphans(contentRoot: contentRoot, displayRoot: displayRoot) }
    return out
  }

  /// Markdown files in `content/` that are not part of the layout: nothing builds them and
  /// nothing can link to them.
  static func orphans(contentRoot: URL, displayRoot: String) -> [Diagnostic] {
    guard let walker = FileManager.default.enumerator(atPath: contentRoot.path) else { return [] }
    var out: [Diagnostic] = []
    for case let path as String in walker where path.hasSuffix(".md") {
      let parts = path.split(separator: "/")
      let expected = (parts.count == 2 && ["topics", "paths", "pages"].contains(parts[0])) || (parts.count == 3 && parts[0] == "questions")
      if !expected {
        let file = displayRoot.isEmpty ? path : displayRoot + "/" + path
        out.append(.warning(SourceLocation(file: file), "orphan page: nothing builds or links to this file; move it to topics/, questions/<topic>/, paths/ or pages/ (lint `\(Lint.orphanPage.rawValue)`)"))
      }
    }
    return out.sorted { $0.location < $1.location }
  }

  static func heading(named title: String, in body: MarkdownSource) -> SourceLocation {
    var line = 0
    for text in body.text.split(separator: "\n", omittingEmptySubsequences: false) {
      line += 1
      if text.trimmingSpaces().lowercased() == "## \(title.lowercased())" { return body.location(line: line, column: 1) }
    }
    return body.location(line: 1, column: 1)
  }

  static func closest(_ tag: String, among tags: [String]) -> String {
    let others = tags.filter { $0 != tag }
    let near = others.filter { $0.hasPrefix(String(tag.prefix(3))) || tag.hasPrefix(String($0.prefix(3))) }
    return (near.isEmpty ? Array(others.prefix(5)) : near).map { "`\($0)`" }.joined(separator: ", ")
  }
}
