import SyllabusModel

/// A tag only one question carries is often a typo of another tag.
struct TagUsedOnce: LintRule {
  let id = "tag-used-once"
  let defaultSeverity = Severity.warning
  var summary: String { "a tag used by one question only (in a guide of \(Self.minQuestions) questions or more, unless guide.yml names the lint)" }

  /// The lint means something only once a guide has this many questions: in a smaller one
  /// most tags are still new, not typos.
  static let minQuestions = 30

  func check(_ context: LintContext) -> [LintFinding] {
    let site = context.site
    guard context.named || site.allQuestions.count >= Self.minQuestions else { return [] }
    return site.tags.filter { $0.questions.count == 1 }.map { entry in
      let question = entry.questions[0]
      let location = question.tags.first { $0.value == entry.tag }?.location ?? question.location
      return LintFinding(location, "tag `\(entry.tag)` is used only once; a typo of another tag? (known tags: \(Self.closest(entry.tag, among: site.tags.map(\.tag))))")
    }
  }

  /// Tags sharing the first three letters, else the first five others.
  static func closest(_ tag: String, among tags: [String]) -> String {
    let others = tags.filter { $0 != tag }
    let near = others.filter { $0.hasPrefix(String(tag.prefix(3))) || tag.hasPrefix(String($0.prefix(3))) }
    return (near.isEmpty ? Array(others.prefix(5)) : near).map { "`\($0)`" }.joined(separator: ", ")
  }
}
