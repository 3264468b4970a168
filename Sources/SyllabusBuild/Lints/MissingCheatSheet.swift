import SyllabusModel

/// A chapter's `## Cheat sheet` becomes its printable one-page summary.
struct MissingCheatSheet: LintRule {
  let id = "missing-cheat-sheet"
  let defaultSeverity = Severity.warning
  let summary = "a chapter with no `## Cheat sheet` section"

  func check(_ context: LintContext) -> [LintFinding] {
    let (title, chapters) = context.lacking(.cheatSheet, in: context.site.topics) { $0.body }
    return chapters.map { LintFinding($0.location, "chapter has no `## \(title)` section; add one so it gets a printable one-page summary") }
  }
}
