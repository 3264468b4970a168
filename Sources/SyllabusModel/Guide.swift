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
  /// Lints switched off by name in guide.yml (`lints: {tag-used-once: off}`).
  public var disabledLints: Set<Lint> = []
  /// Lints switched on by name: they run even where they would hold back (`tag-used-once`
  /// in a guide with few questions).
  public var forcedLints: Set<Lint> = []
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

/// The checks `syllabus check` runs beyond what a build needs, by the name guide.yml uses to
/// switch one off (`lints: {tag-used-once: off}`). Declared once; ContentLints runs them.
public enum Lint: String, CaseIterable, Sendable, Hashable {
  case missingCheatSheet = "missing-cheat-sheet"
  case longCheatSheet = "long-cheat-sheet"
  case missingAnswer = "missing-answer"
  case tagUsedOnce = "tag-used-once"
  case imageWithoutAlt = "image-without-alt"
  case orphanPage = "orphan-page"
}
