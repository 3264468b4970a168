import Foundation
import SyllabusModel
import SyllabusResolver

/// The registry: every lint rule, once. guide.yml's `lints:` names, the check of those names,
/// the docs table and what `syllabus check` runs all come from this list.
public enum LintRules {
  public static let all: [any LintRule] = [
    MissingAnswer(), MissingCheatSheet(), LongCheatSheet(), TagUsedOnce(), ImageWithoutAlt(), OrphanPage(),
  ]

  public static var ids: [String] { all.map(\.id) }

  /// An error at each `lints:` name that is no rule's id, with the nearest ids as a hint.
  public static func validate(_ settings: [LintSetting]) -> [Diagnostic] {
    settings.filter { !ids.contains($0.name.value) }.map { setting in
      let near = Suggestion.nearest(setting.name.value, among: ids)
      let hint = near.isEmpty ? "" : "; did you mean \(near.map { "`\($0)`" }.joined(separator: " or "))?"
      return .error(setting.name.location, "unknown lint `\(setting.name.value)`\(hint) The lints are \(ids.map { "`\($0)`" }.joined(separator: ", "))")
    }
  }

  /// The severity guide.yml gives `rule`, nil when it is off.
  static func severity(of rule: any LintRule, in settings: [LintSetting]) -> Severity? {
    switch settings.last(where: { $0.name.value == rule.id })?.level {
    case nil, .on?: return rule.defaultSeverity
    case .off?: return nil
    case .warning?: return .warning
    case .error?: return .error
    }
  }

  /// Runs every rule whose severity is at least `minimum` (a build asks for `.error` only:
  /// an `error` lint fails it like any error, and with none set so, nothing runs).
  public static func run(
    site: ResolvedSite, documents: [String: MarkdownDocument], contentRoot: URL, displayRoot: String, minimum: Severity = .warning
  ) -> [Diagnostic] {
    let settings = site.guide.lints
    var context = LintContext(site: site, documents: documents, contentRoot: contentRoot, displayRoot: displayRoot)
    var out: [Diagnostic] = []
    for rule in all {
      guard let severity = severity(of: rule, in: settings), severity >= minimum else { continue }
      context.named = settings.contains { $0.name.value == rule.id && $0.level != .off }
      out += rule.check(context).map { Diagnostic(severity, $0.location, "\($0.message) (lint `\(rule.id)`)", lint: rule.id) }
    }
    return out
  }

  /// The table in docs/cli.md (FixtureTests keeps the two equal).
  public static var docsTable: String {
    let rows = all.map { "| `\($0.id)` | \($0.defaultSeverity.rawValue) | \($0.summary) |" }
    return (["| lint | default | reports |", "|---|---|---|"] + rows).joined(separator: "\n") + "\n"
  }
}
