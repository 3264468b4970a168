import SyllabusModel

/// Readers and flashcards show a question's `## Answer`; without one they show nothing.
struct MissingAnswer: LintRule {
  let id = "missing-answer"
  let defaultSeverity = Severity.warning
  let summary = "a question with no `## Answer` section"

  func check(_ context: LintContext) -> [LintFinding] {
    let title = context.strings[SectionName.answer.rawValue]
    return context.site.allQuestions.filter { context.document($0.body).section(titled: title) == nil }.map {
      LintFinding($0.location, "question has no `## \(title)` section; readers and flashcards need one")
    }
  }
}
