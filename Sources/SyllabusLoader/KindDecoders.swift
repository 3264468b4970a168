import SyllabusModel
import Yams

/// Field-by-field decoding of each kind of source file. Unknown fields are warnings (usually a
/// typo); wrong types and missing required fields are errors at the value's location.
enum KindDecoders {
  /// Ids quoted in "add e.g. …" hints: the guide's own (its first chapter, layer, level and
  /// path), so an author never sees another guide's subject in a diagnostic.
  struct Examples: Sendable {
    var topic = "my-chapter"
    var otherTopic = "my-other-chapter"
    var layer = "basics"
    var level = "beginner"
    var path = "my-path"
  }

  /// guide.yml: its plain keys from `Guide.fields`, then what a declaration cannot say.
  static func guide(_ fields: inout YAMLFields, diagnostics: inout [Diagnostic]) -> Guide {
    var guide = Guide(title: "Untitled guide", description: "")
    let defaultLanguage = guide.language
    // A guide without a title still loads (and reports it), so every other problem shows too.
    _ = decodeFields(&fields, into: &guide, id: "guide", examples: Examples(), diagnostics: &diagnostics)
    if let base = guide.baseURL, !base.hasSuffix("/") { guide.baseURL = base + "/" }
    if !isLanguageTag(guide.language) {
      diagnostics.append(.error(fields.location(of: fields["language"]), "`language` must be a BCP 47 tag such as `en`, `de` or `pt-BR`; found `\(guide.language)`"))
      guide.language = defaultLanguage
    }
    guide.layers = (fields.mappingList("layers", example: "`- id: basics`") ?? []).compactMap { item in
      var item = item
      defer { item.finish(known: ["id", "title", "color"], into: &diagnostics) }
      guard let id = checkedID(item.locatedString("id", required: true, example: "basics"), what: "layer", diagnostics: &diagnostics) else { return nil }
      // `color: #2a9d8f` unquoted is a YAML comment, so the key is there with no value.
      if let node = item["color"], case .scalar(let scalar) = node, scalar.style == .plain, scalar.string.isEmpty {
        diagnostics.append(.error(item.location(of: node), "layer color is empty: an unquoted `#` starts a YAML comment; quote it, e.g. `color: \"#2a9d8f\"`"))
      }
      let color = item.string("color") ?? "#777777"
      if !isHexColor(color) {
        diagnostics.append(.error(item.location(of: item["color"]), "layer color must be a hex colour like \"#4577d6\" (quote it: `#` starts a YAML comment)"))
      }
      return Layer(id: id, title: item.string("title") ?? id, color: color)
    }
    guide.levels = (fields.mappingList("levels", example: "`- id: beginner`") ?? []).compactMap { item in
      var item = item
      defer { item.finish(known: ["id", "title", "focus", "hired_for"], into: &diagnostics) }
      guard let id = checkedID(item.locatedString("id", required: true, example: "beginner"), what: "level", diagnostics: &diagnostics) else { return nil }
      return Level(id: id, title: item.string("title") ?? id, focus: item.string("focus") ?? "", hiredFor: item.string("hired_for") ?? "")
    }
    if var assessment = fields.mapping("assessment") {
      let scale = assessment.stringList("scale", example: "[\"Never seen\", \"Can teach\"]")?.map(\.value) ?? []
      let bands: [Assessment.Band] = (assessment.mappingList("bands", example: "`- min: 40`") ?? []).compactMap { band in
        var band = band
        defer { band.finish(known: ["min", "advice"], into: &diagnostics) }
        guard let min = band.int("min", example: "40") else {
          band.report(.error(band.start, "a band needs `min:`, the lowest total score it covers"))
          return nil
        }
        return Assessment.Band(min: min, advice: band.string("advice") ?? "")
      }
      guide.assessment = Assessment(scale: scale, bands: bands)
      assessment.finish(known: ["scale", "bands"], into: &diagnostics)
    }
    if var lints = fields.mapping("lints") {
      guide.lints = decodeLints(&lints, diagnostics: &diagnostics)
    }
    if let days = fields.stringList("review_days", example: "[0, 3, 7, 14, 21]") {
      var parsed: [Int] = []
      for day in days {
        if let n = Int(day.value), n >= 0 { parsed.append(n) } else {
          diagnostics.append(.error(day.location, "review day `\(day.value)` must be a whole number of days ≥ 0"))
        }
      }
      guide.reviewDays = parsed.sorted()
    }
    if var limits = fields.mapping("limits") {
      guide.limits = decodeLimits(&limits, diagnostics: &diagnostics)
    }
    if guide.layers.isEmpty { fields.report(.error(fields.start, "guide.yml declares no `layers:`; add at least one, e.g. `- {id: basics, title: Basics, color: \"#2a9d8f\"}`")) }
    if guide.levels.isEmpty { fields.report(.error(fields.start, "guide.yml declares no `levels:`; add at least one, e.g. `- {id: beginner, title: Beginner}`")) }
    fields.finish(known: Guide.fieldNames, into: &diagnostics)
    return guide
  }

  /// strings.yml: `key: text`, or for a count `key: {one: "{n} Frage", other: "{n} Fragen"}`.
  static func strings(_ fields: inout YAMLFields, diagnostics: inout [Diagnostic]) -> [String: String] {
    var out: [String: String] = [:]
    var known: [String] = []
    for (key, _) in fields.mapping {
      guard case .scalar(let scalar) = key else { continue }
      let name = scalar.string
      if UIStrings.countedKeys.contains(name), case .mapping? = fields[name] {
        known.append(name)
        guard var forms = fields.mapping(name) else { continue }
        for form in UIStrings.pluralForms { if let text = forms.string(form) { out["\(name)_\(form)"] = text } }
        forms.finish(known: UIStrings.pluralForms, into: &diagnostics)
      } else if UIStrings.isKnown(name) {
        known.append(name)
        if let text = fields.string(name) { out[name] = text }
      } else {
        // The closest keys first: the longest shared beginning, then the nearest length.
        let shared = { (key: String) in zip(key, name).prefix { $0 == $1 }.count }
        let near = UIStrings.english.keys.filter { shared($0) >= 3 }
          .sorted { (shared($0), -abs($0.count - name.count), $1) > (shared($1), -abs($1.count - name.count), $0) }.prefix(3)
        fields.report(.warning(fields.location(of: key), "unknown string `\(name)`\(near.isEmpty ? "" : "; did you mean " + near.map { "`\($0)`" }.joined(separator: ", "))? The keys are listed in docs/content-format.md"))
        _ = fields.node(name)
      }
    }
    fields.finish(known: known, into: &diagnostics)
    return out
  }

  /// `lints: {tag-used-once: off, missing-answer: error}`: each value `off`, `on`, `warning`
  /// or `error` (`on`/`off` as YAML booleans too). The names are the lint rules' and are
  /// checked where the rules live (`LintRules.validate` in SyllabusBuild).
  static func decodeLints(_ fields: inout YAMLFields, diagnostics: inout [Diagnostic]) -> [LintSetting] {
    var out: [LintSetting] = []
    for (key, _) in fields.mapping {
      guard case .scalar(let scalar) = key else { continue }
      let name = scalar.string, value = fields.node(name)
      // One error for a list, an empty value or another word alike, so no `string()` here.
      var word = "", found = "a list or mapping"
      if case .scalar(let text)? = value { (word, found) = (text.string, text.string.isEmpty ? "nothing" : "`\(text.string)`") }
      guard let level = YAMLFields.flagWord(word).map({ $0 ? .on : .off }) ?? LintLevel(rawValue: word) else {
        let levels = LintLevel.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
        fields.report(.error(fields.location(of: value), "lint `\(name)` must be one of \(levels); found \(found)"))
        continue
      }
      out.append(LintSetting(name: Located(name, at: fields.location(of: key)), level: level))
    }
    // Every key was read above; `finish` still reports an exhausted YAML value budget.
    fields.finish(known: [], into: &diagnostics)
    return out
  }

  /// A BCP 47 tag in its common shape: a 2–3 letter language, then subtags of 1–8 letters or
  /// digits (`en`, `de-CH`, `zh-Hant-TW`).
  static func isLanguageTag(_ s: String) -> Bool {
    let parts = s.split(separator: "-", omittingEmptySubsequences: false)
    guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
    return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
  }

  static func decodeLimits(_ fields: inout YAMLFields, diagnostics: inout [Diagnostic]) -> Limits {
    var limits = Limits()
    let keys: [(String, WritableKeyPath<Limits, Int>)] = [
      ("max_file_bytes", \.maxFileBytes), ("max_front_matter_bytes", \.maxFrontMatterBytes),
      ("max_yaml_nodes", \.maxYAMLNodes), ("max_yaml_depth", \.maxYAMLDepth), ("max_nesting", \.maxNesting),
      ("max_table_columns", \.maxTableColumns), ("max_html_like", \.maxHTMLLike), ("max_delimiter_run", \.maxDelimiterRun),
      ("max_tags", \.maxTags),
    ]
    for (key, path) in keys {
      if let value = fields.int(key) {
        if value > 0 { limits[keyPath: path] = value } else {
          fields.report(.error(fields.location(of: fields[key]), "`\(key)` must be a positive number"))
        }
      }
    }
    fields.finish(known: keys.map(\.0), into: &diagnostics)
    return limits
  }

  /// Each kind starts from what its file path says (the id as title, the folder as topic)
  /// and is filled from its declared fields; nil when a required field is missing or invalid.
  static func topic(
    _ f: inout YAMLFields, id: String, body: MarkdownSource, location: SourceLocation, examples: Examples, diagnostics: inout [Diagnostic]
  ) -> Topic? {
    var topic = Topic(id: id, title: id, layer: Located("", at: location), body: body, location: location)
    let complete = decodeFields(&f, into: &topic, id: id, examples: examples, diagnostics: &diagnostics)
    f.finish(known: Topic.fieldNames, into: &diagnostics)
    return complete ? topic : nil
  }

  static func question(
    _ f: inout YAMLFields, id: String, folder: Located<String>, body: MarkdownSource, location: SourceLocation, limits: Limits,
    examples: Examples, diagnostics: inout [Diagnostic]
  ) -> Question? {
    var question = Question(id: id, title: id, topic: Located(folder.value, at: location), level: Located("", at: location), body: body, location: location)
    let complete = decodeFields(&f, into: &question, id: id, examples: examples, diagnostics: &diagnostics)
    f.finish(known: Question.fieldNames, into: &diagnostics)
    if question.tags.count > limits.maxTags {
      diagnostics.append(.error(f.location(of: f["tags"]), "\(question.tags.count) tags on one question, over the limit of \(limits.maxTags); keep the few that matter, or raise `limits: max_tags` in guide.yml"))
      question.tags = Array(question.tags.prefix(limits.maxTags))
    }
    return complete ? question : nil
  }

  static func path(
    _ f: inout YAMLFields, id: String, body: MarkdownSource, location: SourceLocation, examples: Examples, diagnostics: inout [Diagnostic]
  ) -> StudyPath? {
    var path = StudyPath(id: id, title: id, weeks: 0, plan: [], body: body, location: location)
    let complete = decodeFields(&f, into: &path, id: id, examples: examples, diagnostics: &diagnostics)
    // `plan` and `weeks` are declared `custom`: a week is a mapping of its own, and `weeks`
    // defaults to the plan's length.
    let week1 = "`- {week: 1, topics: [\(examples.topic)], focus: \"…\"}`"
    let weeksField = f.int("weeks", example: "4")
    if let entries = f.mappingList("plan", example: week1) {
      if entries.isEmpty { f.report(.error(f.location(of: f["plan"]), "`plan` is empty; add at least one week, e.g. \(week1)")) }
      for var entry in entries {
        let week = entry.int("week", example: "1") ?? (path.plan.count + 1)
        let topics = ids(entry.stringList("topics", example: "[\(examples.topic)]"), what: "topic", diagnostics: &diagnostics)
        if topics.isEmpty { entry.report(.error(entry.start, "week \(week) lists no `topics:`; add e.g. `topics: [\(examples.topic)]`")) }
        path.plan.append(StudyPath.Week(week: week, topics: topics, focus: entry.string("focus") ?? "", location: entry.start))
        entry.finish(known: ["week", "topics", "focus"], into: &diagnostics)
      }
    } else if f["plan"] == nil {
      f.report(.error(f.start, "missing required field `plan`; add a list like `plan: [{week: 1, topics: [\(examples.topic)], focus: \"…\"}]`"))
    }
    f.finish(known: StudyPath.fieldNames, into: &diagnostics)
    path.weeks = weeksField ?? path.plan.count
    return complete && !path.plan.isEmpty ? path : nil
  }

  static func page(_ f: inout YAMLFields, id: String, body: MarkdownSource, location: SourceLocation, diagnostics: inout [Diagnostic]) -> Page? {
    var page = Page(id: id, title: id, body: body, location: location)
    let complete = decodeFields(&f, into: &page, id: id, examples: Examples(), diagnostics: &diagnostics)
    f.finish(known: Page.fieldNames, into: &diagnostics)
    return complete ? page : nil
  }

  // MARK: - Helpers

  static func ids(_ values: [Located<String>]?, what: String, diagnostics: inout [Diagnostic]) -> [Located<String>] {
    (values ?? []).filter { checkedID($0, what: what, diagnostics: &diagnostics) != nil }
  }

  static func checkedID(_ value: Located<String>?, what: String, diagnostics: inout [Diagnostic]) -> String? {
    guard let value else { return nil }
    guard Identifier.isValid(value.value) else {
      diagnostics.append(.error(value.location, "invalid \(what) id `\(value.value)`: \(Identifier.rule)"))
      return nil
    }
    return value.value
  }

  static func isHexColor(_ s: String) -> Bool {
    guard s.hasPrefix("#"), [4, 7].contains(s.count) else { return false }
    return s.dropFirst().allSatisfy(\.isHexDigit)
  }
}
