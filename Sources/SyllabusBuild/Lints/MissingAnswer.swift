import SyllabusModel

/// Readers and flashcards show a question's `## Answer`; without one they show nothing.
struct MissingAnswer: LintRule {
  let id = "missing-answer"
  let defaultSeverity = Severity.warning
  let summary = "a question with no `## Answer` section"

  func check(_ context: LintContext) -> [LintFinding] {
    let (title, questions) = context.lacking(.answer, in: context.site.allQuestions) { $0.body }
    return questions.map { LintFinding($0.location, "question has no `## \(title)` section; readers and flashcards need one") }
  }
}
