/// Site-wide settings from `content/guide.yml`.
public struct Guide: Sendable {
  public var title: String
  public var description: String
  /// Only used for `sitemap.xml` and canonical links; every link in the pages stays relative.
  public var baseURL: String?
  public var layers: [Layer]
  public var levels: [Level]
  public var assessment: Assessment
  public var reviewDays: [Int]
  /// Raw HTML in Markdown is escaped unless the guide opts in.
  public var allowRawHTML: Bool
  public var limits: Limits
  /// The reader's language, a BCP 47 tag (`en`, `de`, `pt-BR`): `<html lang>`, the built-in
  /// strings and the search tokeniser.
  public var language: String = "en"
  /// A folder of templates overriding the built-in theme, relative to guide.yml.
  public var theme: String?
  /// guide.yml's `lints:` entries as written (`lints: {tag-used-once: off}`). The names are
  /// checked against the lint rules (SyllabusBuild's `LintRules.all`), which own them.
  public var lints: [LintSetting] = []
  /// The reader-visible strings: the built-in ones of `language`, then strings.yml.
  public var strings = UIStrings(language: "en")

  public init(
    title: String, description: String, baseURL: String? = nil, layers: [Layer] = [],
    levels: [Level] = [], assessment: Assessment = Assessment(), reviewDays: [Int] = [0, 3, 7, 14, 21],
    allowRawHTML: Bool = false, limits: Limits = Limits()
  ) {
    self.title = title
    self.description = description
    self.baseURL = baseURL
    self.layers = layers
    self.levels = levels
    self.assessment = assessment
    self.reviewDays = reviewDays
    self.allowRawHTML = allowRawHTML
    self.limits = limits
  }

  /// The title as an id: names the practice state in the browser and the Anki deck file.
  public var slug: String {
    let slug = Identifier.slug(title)
    return slug.isEmpty ? "guide" : slug
  }
}

public struct Layer: Sendable, Hashable {
  public var id: String
  public var title: String
  public var color: String

  public init(id: String, title: String, color: String) {
    self.id = id
    self.title = title
    self.color = color
  }
}

public struct Level: Sendable, Hashable {
  public var id: String
  public var title: String
  public var focus: String
  public var hiredFor: String

  public init(id: String, title: String, focus: String = "", hiredFor: String = "") {
    self.id = id
    self.title = title
    self.focus = focus
    self.hiredFor = hiredFor
  }
}

public struct Assessment: Sendable, Hashable {
  public struct Band: Sendable, Hashable {
    public var min: Int
    public var advice: String
    public init(min: Int, advice: String) {
      self.min = min
      self.advice = advice
    }
  }

  public var scale: [String]
  /// Highest `min` first, so the first band a score reaches is its band.
  public var bands: [Band]

  public init(scale: [String] = [], bands: [Band] = []) {
    self.scale = scale
    self.bands = bands.sorted { $0.min > $1.min }
  }
}

/// How guide.yml sets one lint: `off`, `on` (the rule's default severity), `warning` or `error`.
/// Any setting but `off` also makes a rule that holds back in some guides run anyway.
public enum LintLevel: String, CaseIterable, Sendable {
  case off, on, warning, error
}

/// One entry of guide.yml's `lints:`, with the place of its name for "unknown lint" errors.
public struct LintSetting: Sendable {
  public var name: Located<String>
  public var level: LintLevel

  public init(name: Located<String>, level: LintLevel) {
    self.name = name
    self.level = level
  }
}
