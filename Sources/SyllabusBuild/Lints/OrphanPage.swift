import Foundation
import SyllabusModel

/// A Markdown file in `content/` outside the layout: nothing builds it and nothing can link
/// to it, so it is usually a draft in the wrong folder.
struct OrphanPage: LintRule {
  let id = "orphan-page"
  let defaultSeverity = Severity.warning
  let summary = "a Markdown file outside `topics/`, `questions/<topic>/`, `paths/` and `pages/`"

  func check(_ context: LintContext) -> [LintFinding] {
    // An unreadable folder is the loader's error already; here it only has no orphans.
    guard let walker = FileManager.default.enumerator(atPath: context.contentRoot.path) else { return [] }
    var out: [LintFinding] = []
    for case let path as String in walker where path.hasSuffix(".md") {
      let parts = path.split(separator: "/")
      let expected = (parts.count == 2 && ["topics", "paths", "pages"].contains(parts[0])) || (parts.count == 3 && parts[0] == "questions")
      if !expected {
        let file = context.displayRoot.isEmpty ? path : context.displayRoot + "/" + path
        out.append(LintFinding(SourceLocation(file: file), "orphan page: nothing builds or links to this file; move it to topics/, questions/<topic>/, paths/ or pages/"))
      }
    }
    return out
  }
}
