import SyllabusModel

/// Screen readers announce an image by its alt text; an empty one says nothing.
struct ImageWithoutAlt: LintRule {
  let id = "image-without-alt"
  let defaultSeverity = Severity.warning
  let summary = "an image with empty alt text"

  func check(_ context: LintContext) -> [LintFinding] {
    context.documents.values.flatMap(\.imagesWithoutAlt).map {
      LintFinding($0, "image without alt text; describe it inside the brackets: `![what it shows](…)`")
    }
  }
}
