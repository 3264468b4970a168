import Foundation
import SyllabusModel
import SyllabusResolver

/// One content lint: a check a build does not need but an author wants, for content that
/// renders yet reads badly or was probably a mistake. Each rule is a small type of its own
/// (one file), listed once in `LintRules.all`; its id is the name guide.yml's `lints:` uses,
/// and every diagnostic it finds ends with "(lint `id`)".
public protocol LintRule: Sendable {
  /// The name in guide.yml and in each message, kebab-case (`missing-answer`).
  var id: String { get }
  /// What it reports as when guide.yml leaves it alone or says `on`.
  var defaultSeverity: Severity { get }
  /// One line for the docs table: what it checks.
  var summary: String { get }
  func check(_ context: LintContext) -> [LintFinding]
}

/// Something a rule found: where, and what to do about it (the runner adds the severity
/// guide.yml asks for and the lint's name).
public struct LintFinding: Sendable {
  public var location: SourceLocation
  public var message: String

  public init(_ location: SourceLocation, _ message: String) {
    self.location = location
    self.message = message
  }
}

/// What a rule may look at: the resolved site, its parsed documents and the content folder.
public struct LintContext {
  public var site: ResolvedSite
  public var documents: [String: MarkdownDocument]
  public var contentRoot: URL
  /// `content/` as the author typed it, to name files the site does not hold (orphans).
  public var displayRoot: String
  /// guide.yml names this rule (`on`, `warning` or `error`): a rule that holds back in some
  /// guides (`tag-used-once` in a small one) runs anyway.
  public var named = false

  public var strings: UIStrings { site.guide.strings }

  public func document(_ body: MarkdownSource) -> MarkdownDocument { documents[body.path] ?? .empty }

  /// The heading of section `name` in the guide's language, and the items whose body lacks it.
  public func lacking<Item>(_ name: SectionName, in items: [Item], body: (Item) -> MarkdownSource) -> (title: String, items: [Item]) {
    let title = strings[name.rawValue]
    return (title, items.filter { document(body($0)).section(titled: title) == nil })
  }
}
