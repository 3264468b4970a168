/// Every string a reader sees that does not come from the content: navigation, buttons,
/// page titles, status lines, the search placeholder, the 404 page, the scripts' messages and
/// the section headings the tool recognises. `english` is the one declaration of every key;
/// other languages (UIStrings+German.swift) translate them, and `strings.yml` beside guide.yml
/// overrides any of them. Templates read them as `{{t.key}}`, scripts as `T.key`.
///
/// A key ending in `_one`, `_few`, `_many`, `_two`, `_zero` or `_other` is one plural form of
/// a count; `{n}` stands for the number. `count(_:_:)` picks the form the language needs.
public struct UIStrings: Sendable, Equatable {
  public let language: String
  public let values: [String: String]

  public init(language: String, overrides: [String: String] = [:]) {
    self.language = language
    var values = Self.english
    let base = language.split(separator: "-").first.map { String($0).lowercased() } ?? language
    for (key, text) in Self.builtIn[base] ?? [:] { values[key] = text }
    for (key, text) in overrides { values[key] = text }
    self.values = values
  }

  public subscript(key: String) -> String { values[key] ?? Self.english[key] ?? key }

  /// "1 question", "2 questions": the plural form of `key` for `n` in this language.
  public func count(_ key: String, _ n: Int) -> String {
    let form = PluralRule.category(language: language, n)
    let text = values["\(key)_\(form)"] ?? values["\(key)_other"] ?? key
    return text.replacingOccurrences(of: "{n}", with: String(n))
  }

  /// A string with `{name}` placeholders filled in.
  public func format(_ key: String, _ arguments: [String: String]) -> String {
    var text = self[key]
    for (name, value) in arguments { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
    return text
  }

  /// The plural forms a key may have in strings.yml.
  public static let pluralForms = ["zero", "one", "two", "few", "many", "other"]

  /// The keys that are counted, without their form suffix (`questions` for `questions_one`).
  public static let countedKeys: Set<String> = Set(english.keys.compactMap { key in
    pluralForms.first { key.hasSuffix("_" + $0) }.map { String(key.dropLast($0.count + 1)) }
  })

  /// Whether strings.yml may set `key` (a declared key, or another plural form of one).
  public static func isKnown(_ key: String) -> Bool {
    if english[key] != nil { return true }
    return pluralForms.contains { key.hasSuffix("_" + $0) && countedKeys.contains(String(key.dropLast($0.count + 1))) }
  }

  static let builtIn: [String: [String: String]] = ["de": german]
}

/// The section headings the tool recognises, by their key in the strings table: a German guide
/// writes `## Antwort`, an English one `## Answer`.
public enum SectionName: String, CaseIterable, Sendable {
  case answer = "section_answer", hints = "section_hints", pitfalls = "section_pitfalls"
  case followUps = "section_follow_ups", rubric = "section_rubric", cheatSheet = "section_cheat_sheet"

  /// The sections a question page lays out itself rather than as body text.
  public static let onQuestionPage: [SectionName] = [.answer, .hints, .pitfalls, .followUps, .rubric]
}

/// CLDR plural categories for the languages whose rules differ from "one if 1, else other".
public enum PluralRule {
  public static func category(language: String, _ n: Int) -> String {
    let base = language.split(separator: "-").first.map { String($0).lowercased() } ?? language
    let mod10 = n % 10, mod100 = n % 100
    switch base {
    case "ja", "zh", "ko", "vi", "th", "id", "ms":
      return "other"
    case "fr", "pt":
      return n == 0 || n == 1 ? "one" : "other"
    case "ru", "uk", "be", "sr", "hr", "bs":
      if mod10 == 1 && mod100 != 11 { return "one" }
      if (2...4).contains(mod10) && !(12...14).contains(mod100) { return "few" }
      return "many"
    case "pl":
      if n == 1 { return "one" }
      if (2...4).contains(mod10) && !(12...14).contains(mod100) { return "few" }
      return "many"
    case "cs", "sk":
      return n == 1 ? "one" : (2...4).contains(n) ? "few" : "other"
    case "ar":
      if n == 0 { return "zero" }
      if n == 1 { return "one" }
      if n == 2 { return "two" }
      if (3...10).contains(mod100) { return "few" }
      if (11...99).contains(mod100) { return "many" }
      return "other"
    default:
      return n == 1 ? "one" : "other"
    }
  }
}
