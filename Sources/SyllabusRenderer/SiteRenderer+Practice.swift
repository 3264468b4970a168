import Foundation
import SyllabusModel
import SyllabusResolver

/// Practice mode: the hub, the self-assessment, flashcards, the 60-second drill and the mock
/// interview, plus `assets/practice-data.js`, the slice of the guide those pages need. The pages
/// read as plain HTML; `assets/practice.js` runs the exercises and keeps the reader's state in
/// `localStorage`. Nothing here depends on the state, so builds stay byte-identical.
extension SiteRenderer {
  // MARK: - Pages

  func practiceHub() -> [UInt8] {
    let url = SiteURL.practice, root = SiteURL.rootPrefix(from: url)
    let days = reviewDays
    let context = PracticeHubContext(
      root: root, links: practiceLinks(root: root), topicCount: site.topics.count,
      questionCount: site.allQuestions.count, reviewDays: list(days.map(String.init)),
      goodRun: (Array(days.dropFirst()) + [days[days.count - 1]]).map { String(max(1, $0)) }.joined(separator: ", "))
    return practiceLayout(url: url, title: strings["nav_practice"], kind: .practice, context: context, parent: false)
  }

  func assessmentPage() -> [UInt8] {
    let url = SiteURL.assessment, root = SiteURL.rootPrefix(from: url)
    let scale = site.guide.assessment.scale
    let rows = site.topics.enumerated().map { index, topic in
      AssessmentRow(
        id: topic.id, number: index + 1, title: topic.title, url: root + SiteURL.topic(topic.id),
        choices: scale.enumerated().map { i, label in
          RatingChoice(inputID: "rate-\(topic.id)-\(i + 1)", name: "rate-\(topic.id)", value: i + 1, label: label)
        })
    }
    let maxScore = scale.count * site.topics.count
    let bands = site.guide.assessment.bands
    let bandViews = bands.enumerated().map { i, band -> BandView in
      let upper = i == 0 ? maxScore : bands[i - 1].min - 1
      return BandView(range: upper > band.min ? "\(band.min)–\(upper)" : "\(band.min)", advice: band.advice)
    }
    let context = AssessmentContext(
      root: root, links: practiceLinks(root: root), hasScale: !scale.isEmpty,
      scale: scale.enumerated().map { OptionView(value: String($0 + 1), label: $1) }, rows: rows, minScore: site.topics.count, maxScore: maxScore,
      bands: bandViews)
    return practiceLayout(url: url, title: strings["practice_assessment"], kind: .assessment, context: context)
  }

  func flashcardsPage() -> [UInt8] {
    let url = SiteURL.flashcards, root = SiteURL.rootPrefix(from: url)
    let context = FlashcardsContext(
      root: root, links: practiceLinks(root: root), decks: deckChoices(), reviewDays: list(reviewDays.map(String.init)))
    return practiceLayout(url: url, title: strings["practice_flashcards"], kind: .flashcards, context: context)
  }

  func drillPage() -> [UInt8] {
    let url = SiteURL.drill, root = SiteURL.rootPrefix(from: url)
    let chapters = site.topics.enumerated().compactMap { index, topic -> DrillChapter? in
      guard let core = topic.coreQuestion else { return nil }
      return DrillChapter(
        number: index + 1, title: topic.title, url: root + SiteURL.topic(topic.id), coreQuestion: core,
        mustInclude: topic.mustInclude)
    }
    let context = DrillContext(root: root, links: practiceLinks(root: root), decks: deckChoices(), seconds: 60, chapters: chapters)
    return practiceLayout(url: url, title: strings["practice_drill"], kind: .drill, context: context)
  }

  func mockPage() -> [UInt8] {
    let url = SiteURL.mockInterview, root = SiteURL.rootPrefix(from: url)
    let context = MockContext(
      root: root, links: practiceLinks(root: root),
      paths: site.paths.map { OptionView(value: $0.id, label: $0.title) },
      levels: site.guide.levels.map { OptionView(value: $0.id, label: $0.title) },
      pathLinks: site.paths.map { LinkView(title: $0.title, url: root + SiteURL.path($0.id)) })
    return practiceLayout(url: url, title: strings["practice_mock"], kind: .mock, context: context)
  }

  // MARK: - Data for the script

  /// `window.SYLLABUS_PRACTICE = {…}`: topics, questions, paths, levels, tags, the assessment
  /// scale and bands, and the review schedule. URLs are relative to the site root (the page
  /// prefixes its `data-root`). A question's `roles` are the paths whose pages list it: paths
  /// that schedule its topic and, if the question names `roles:`, are among them.
  func practiceData() -> String {
    let studyIndex = Dictionary(uniqueKeysWithValues: site.topics.enumerated().map { ($1.id, $0) })
    let payload = PracticeData(
      schema: "syllabus-practice", version: 1, guide: site.guide.slug, title: site.guide.title,
      topics: site.topics.enumerated().map { index, topic in
        .init(id: topic.id, title: topic.title, layer: topic.layer.value, order: index + 1, url: SiteURL.topic(topic.id), mustInclude: topic.mustInclude)
      },
      questions: site.allQuestions.map { q in
        .init(
          key: q.key, title: q.title, tldr: q.tldr ?? "", level: q.level.value, topic: q.topic.value,
          tags: q.tags.map { Identifier.slug($0.value) }, url: SiteURL.question(topic: q.topic.value, id: q.id), roles: site.roles(of: q).map(\.id))
      },
      paths: site.paths.map { path in
        .init(id: path.id, title: path.title, url: SiteURL.path(path.id), assumes: path.assumes.map(\.value),
          weeks: path.plan.sorted { $0.week < $1.week }.map { week in
            let ids = week.topics.map(\.value).sorted { (studyIndex[$0] ?? Int.max) < (studyIndex[$1] ?? Int.max) }
            return .init(week: week.week, focus: week.focus, topics: ids)
          })
      },
      levels: site.guide.levels.map { .init(id: $0.id, title: $0.title) },
      tags: site.tags.map { .init(slug: Identifier.slug($0.tag), title: $0.tag) },
      scale: site.guide.assessment.scale,
      bands: site.guide.assessment.bands.map { .init(min: $0.min, advice: $0.advice) },
      reviewDays: reviewDays)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // Only text, whole numbers and lists of them: encoding cannot fail, and if a change ever
    // made it (a NaN), the build must stop rather than ship `{}` to every practice page.
    let data: Data
    do { data = try encoder.encode(payload) } catch { preconditionFailure("practice data does not encode: \(error)") }
    return "/* Syllabus practice data, generated by `syllabus build`. */\nwindow.SYLLABUS_PRACTICE=" + String(decoding: data, as: UTF8.self) + ";\n"
  }

  // MARK: - Helpers

  /// The guide's `review_days`, or the default schedule when it lists none.
  var reviewDays: [Int] { site.guide.reviewDays.isEmpty ? [0, 3, 7, 14, 21] : site.guide.reviewDays }

  func practiceLinks(root: String) -> PracticeLinks {
    PracticeLinks(
      hub: root + SiteURL.practice, assessment: root + SiteURL.assessment, flashcards: root + SiteURL.flashcards,
      drill: root + SiteURL.drill, mock: root + SiteURL.mockInterview, cheatSheets: root + SiteURL.cheatSheets,
      dataScript: root + SiteURL.practiceData, script: root + SiteURL.practiceScript, deck: root + SiteURL.ankiDeck(site.guide.slug))
  }

  /// Decks: every question, or those of one chapter, level, study path or tag.
  func deckChoices() -> DeckChoices {
    let groups = [
      OptionGroup(label: strings["deck_chapter"], options: site.topics.enumerated().map { OptionView(value: "topic:\($1.id)", label: "\($0 + 1). \($1.title)") }),
      OptionGroup(label: strings["deck_level"], options: site.guide.levels.map { OptionView(value: "level:\($0.id)", label: $0.title) }),
      OptionGroup(label: strings["deck_path"], options: site.paths.map { OptionView(value: "path:\($0.id)", label: $0.title) }),
      OptionGroup(label: strings["deck_tag"], options: site.tags.map { OptionView(value: "tag:\(Identifier.slug($0.tag))", label: "\($0.tag) (\($0.questions.count))") }),
    ]
    return DeckChoices(groups: groups.filter { !$0.options.isEmpty })
  }

  func practiceLayout<Context>(url: String, title: String, kind: PageKind, context: Context, parent: Bool = true) -> [UInt8] {
    let root = SiteURL.rootPrefix(from: url)
    var crumbs = [home(root)]
    if parent { crumbs.append(LinkView(title: strings["nav_practice"], url: root + SiteURL.practice)) }
    return layout(url: url, title: title, kind: kind, content: templates.render(context, with: kind.template), breadcrumbs: crumbs)
  }

  /// "a", "a and b", "a, b and c".
  func list(_ items: [String]) -> String {
    items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " \(strings["and"]) " + items[items.count - 1]
  }
}
