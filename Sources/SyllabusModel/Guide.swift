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

extension Guide: FrontMatterKind {
  /// guide.yml's keys, in the order the unknown-key warning lists them. The loader reads the
  /// plain ones from here; a `custom` one (a nested list or mapping, or a value with rules of
  /// its own) is read by `KindDecoders.guide`, and so are `base_url`'s closing `/` and the
  /// check of `language`. The table in docs/content-format.md is generated from this list.
  public static let fields: [FrontMatterField<Guide>] = [
    .init("title", .requiredText(\.title), required: true, example: "My Study Guide", meaning: "Site title."),
    .init("description", .textOrDefault(\.description), default: "empty",
      meaning: "Used on the home page and in the description meta tag of pages that have no summary of their own (a question's is its `tldr`, else its answer's opening; a chapter's its `summary`, else its opening; a cheat sheet's its `core_question`; a path's its `audience`; a level's its `focus`; a page's its opening)."),
    .init("base_url", .text(\.baseURL),
      meaning: "Only used for `sitemap.xml`, `<link rel=\"canonical\">` and the Open Graph and Twitter card tags of each page (which need absolute URLs); `/` is appended if missing. Links between pages are always relative. Without it, no sitemap and no sharing tags are written."),
    .init("allow_raw_html", .flag(\.allowRawHTML), default: "`false`",
      meaning: "**Extension.** `true` lets raw HTML in Markdown through unchanged; `false` shows it as text. See [Raw HTML](#raw-html)."),
    .init("layers", .custom(type: "list of `{id, title, color}`"), required: true,
      meaning: "Rows of the dependency map, in display order. `title` defaults to the id and `color` (`#rgb` or `#rrggbb`) to `#777777`. Quote the colour, because `#` starts a YAML comment. At least one layer is required."),
    .init("levels", .custom(type: "list of `{id, title, focus, hired_for}`"), required: true,
      meaning: "Seniority levels, in order. `title` defaults to the id. At least one level is required."),
    .init("assessment", .custom(type: "`{scale, bands}`"),
      meaning: "`scale`, a list of labels, and `bands`, a list of `{min, advice}` where `min` is required. The self-assessment page (`practice/assessment.html`) rates each chapter on `scale` (a rating counts its position, from 1) and gives the advice of the first band whose `min` the total reaches."),
    .init("review_days", .custom(type: "list of whole numbers ≥ 0"), default: "`[0, 3, 7, 14, 21]`",
      meaning: "The steps of the flashcard schedule, sorted; see [practice.md](practice.md#the-review-schedule)."),
    .init("limits", .custom(type: "mapping of the keys below"),
      meaning: "**Extension.** Raises the input gates below. Each value must be a positive whole number."),
    .init("language", .textOrDefault(\.language), default: "`en`", example: "en",
      meaning: "**Extension.** The reader's language as a BCP 47 tag (`en`, `de`, `pt-BR`). It sets `<html lang>`, the built-in strings and the section headings the tool recognises, the plural forms of counts, and the search tokeniser's locale. See [Language and strings](#language-and-strings)."),
    .init("theme", .text(\.theme), example: "theme",
      meaning: "**Extension.** A folder of templates and assets, relative to guide.yml, that overrides the built-in theme file by file. `--templates` wins over it; a `templates/` folder beside `content/` is picked up without it."),
    .init("lints", .custom(type: "mapping of lint names to `off`, `warning`, `error` or `on`"),
      meaning: "**Extension.** Sets each named lint; `on` is the lint's default severity. The lints, their defaults and what each reports are listed in [cli.md](cli.md#syllabus-check); each finding of `syllabus check` names its lint. An `error` lint fails `build` as well. `tag-used-once` runs only in a guide with at least 30 questions (in a smaller one most tags are new, not typos) unless `lints:` names it with any setting but `off`. An unknown name is an error that suggests the nearest lint."),
  ]
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
