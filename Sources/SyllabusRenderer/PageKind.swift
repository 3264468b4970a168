import SyllabusModel
import SyllabusResolver

/// Every kind of page the site has, declared once: its name (the layout's `kind-…` body
/// class), its template, where its pages go, what they show, whether search indexes them, how
/// the build summary counts them, and the render jobs that make them. The renderer, the
/// template check, the search index and the build summary all read this list.
public enum PageKind: CaseIterable, Sendable {
  case home, chapter, question, cheatSheet, cheatSheets, path, level, tag, tags, page, map, notFound, search
  case practice, assessment, flashcards, drill, mock, printGuide, printPath

  /// A noun in the author's terminal (English whatever the guide's language).
  public struct Noun: Sendable, Equatable {
    public var one: String
    public var many: String

    static let chapter = Noun(one: "chapter", many: "chapters"), question = Noun(one: "question", many: "questions")
    static let cheatSheet = Noun(one: "cheat sheet", many: "cheat sheets"), path = Noun(one: "path", many: "paths")
    static let level = Noun(one: "level", many: "levels"), tag = Noun(one: "tag", many: "tags"), page = Noun(one: "page", many: "pages")
  }

  struct Spec {
    /// The layout's `kind`: `<body class="kind-…">`, which the stylesheet keys on.
    var name: String
    var template: String
    /// Where its pages go, relative to the site root (`SiteURL` builds them).
    var urls: String
    /// What a page of this kind shows.
    var shows: String
    /// What the build summary counts it as ("3 chapters"); nil: "other". An index page counts
    /// with the pages it lists.
    var counted: Noun?
    /// Search indexes its pages, labelled with `counted.one` (the strings key `kind_…`).
    var searched = false
    /// The pages of this kind in a site, each with the sources it shows (see `Job`).
    var jobs: (SiteRenderer) -> [SiteRenderer.Job]
  }

  var spec: Spec {
    switch self {
    case .home:
      return Spec(name: "home", template: "home", urls: SiteURL.home, shows: "the guide's introduction (the page with id `home`), map, layers, paths, levels") { r in
        // Home counts questions per level.
        [.init(url: SiteURL.home, bodies: r.homePage.map { [$0.body.path] } ?? [], frontMatter: r.allQuestionPaths) { $0.home() }]
      }
    case .chapter:
      return Spec(name: "chapter", template: "topic", urls: "topics/<id>.html", shows: "a chapter's body, its links in the graph, its questions",
        counted: .chapter, searched: true) { r in
        r.site.topics.enumerated().map { index, topic in
          .init(url: SiteURL.topic(topic.id), bodies: [topic.body.path], frontMatter: (r.site.questionsByTopic[topic.id] ?? []).map(\.body.path)) {
            $0.topicPage(topic, index: index)
          }
        }
      }
    case .question:
      return Spec(name: "question", template: "question", urls: "questions/<topic>/<id>.html", shows: "a question, its hints, answer, pitfalls, follow-ups and rubric",
        counted: .question, searched: true) { r in
        r.site.topics.flatMap { topic -> [SiteRenderer.Job] in
          let questions = r.site.questionsByTopic[topic.id] ?? []
          return questions.enumerated().map { i, question -> SiteRenderer.Job in
            // The pager shows the titles of the questions before and after this one.
            let neighbours = [i - 1, i + 1].filter { questions.indices.contains($0) }.map { questions[$0].body.path }
            return .init(url: SiteURL.question(topic: topic.id, id: question.id), bodies: [question.body.path], frontMatter: [question.body.path] + neighbours) {
              $0.questionPage(question, in: topic, siblings: questions, index: i)
            }
          }
        }
      }
    case .cheatSheet:
      return Spec(name: "cheatsheet", template: "cheatsheet", urls: "cheatsheets/<id>.html", shows: "a chapter's `## Cheat sheet` section, printable",
        counted: .cheatSheet, searched: true) { r in
        r.site.topics.filter { r.hasCheatSheet($0) }.map { topic in .init(url: SiteURL.cheatSheet(topic.id), bodies: [topic.body.path]) { $0.cheatSheetPage(topic) } }
      }
    case .cheatSheets:
      return Spec(name: "cheatsheets", template: "cheatsheets", urls: SiteURL.cheatSheets, shows: "every cheat sheet on one page", counted: .cheatSheet) { r in
        [.init(url: SiteURL.cheatSheets, bodies: r.site.topics.map(\.body.path)) { $0.allCheatSheets() }]
      }
    case .path:
      return Spec(name: "path", template: "path", urls: "paths/<id>.html", shows: "a role's week-by-week plan and its questions",
        counted: .path, searched: true) { r in
        r.site.paths.map { path in .init(url: SiteURL.path(path.id), bodies: [path.body.path], frontMatter: r.allQuestionPaths) { $0.pathPage(path) } }
      }
    case .level:
      return Spec(name: "level", template: "level", urls: "levels/<id>.html", shows: "the questions of one level, by chapter", counted: .level) { r in
        r.site.guide.levels.map { level -> SiteRenderer.Job in
          let listed = r.site.allQuestions.filter { $0.level.value == level.id }.map(\.body.path)
          return .init(url: SiteURL.level(level.id), bodies: [], frontMatter: listed) { $0.levelPage(level) }
        }
      }
    case .tag:
      return Spec(name: "tag", template: "tag", urls: "tags/<slug>.html", shows: "the questions with one tag", counted: .tag) { r in
        r.site.tags.map { entry in .init(url: SiteURL.tag(entry.tag), bodies: [], frontMatter: entry.questions.map(\.body.path)) { $0.tagPage(entry.tag, entry.questions) } }
      }
    case .tags:
      return Spec(name: "tags", template: "tags", urls: SiteURL.tags, shows: "every tag with its count", counted: .tag) { r in
        // The tag index counts questions per tag.
        [.init(url: SiteURL.tags, bodies: [], frontMatter: r.allQuestionPaths) { $0.tagIndex() }]
      }
    case .page:
      return Spec(name: "page", template: "page", urls: "pages/<id>.html", shows: "a free-standing page", counted: .page, searched: true) { r in
        r.site.pages.map { page in .init(url: SiteURL.page(page.id), bodies: [page.body.path]) { $0.freePage(page) } }
      }
    case .map:
      return Spec(name: "map", template: "map", urls: SiteURL.map, shows: "the dependency map and every chapter by layer") { _ in [.init(url: SiteURL.map, bodies: []) { $0.mapPage() }] }
    case .notFound:
      return Spec(name: "notfound", template: "notfound", urls: SiteURL.notFound, shows: "the not-found page") { _ in [.init(url: SiteURL.notFound, bodies: []) { $0.notFound() }] }
    case .search:
      return Spec(name: "search", template: "search", urls: SiteURL.search, shows: "the search page (results come from the index)") { _ in [.init(url: SiteURL.search, bodies: []) { $0.searchPage() }] }
    case .practice:
      return Spec(name: "practice", template: "practice", urls: SiteURL.practice, shows: "the practice hub") { _ in [.init(url: SiteURL.practice) { $0.practiceHub() }] }
    case .assessment:
      return Spec(name: "assessment", template: "assessment", urls: SiteURL.assessment, shows: "the self-assessment") { _ in [.init(url: SiteURL.assessment) { $0.assessmentPage() }] }
    case .flashcards:
      return Spec(name: "flashcards", template: "flashcards", urls: SiteURL.flashcards, shows: "flashcards with spaced review") { _ in [.init(url: SiteURL.flashcards) { $0.flashcardsPage() }] }
    case .drill:
      return Spec(name: "drill", template: "drill", urls: SiteURL.drill, shows: "the timed drill") { _ in [.init(url: SiteURL.drill) { $0.drillPage() }] }
    case .mock:
      return Spec(name: "mock", template: "mock", urls: SiteURL.mockInterview, shows: "the mock interview") { _ in [.init(url: SiteURL.mockInterview) { $0.mockPage() }] }
    case .printGuide:
      return Spec(name: "print", template: "print", urls: SiteURL.printGuide, shows: "every chapter and question as one printable document") { r in
        [.init(url: SiteURL.printGuide, bodies: r.site.topics.map(\.body.path) + r.allQuestionPaths, frontMatter: r.allQuestionPaths) { $0.printGuide($1) }]
      }
    case .printPath:
      return Spec(name: "print", template: "print", urls: "print/<id>.html", shows: "one path's chapters and questions as one printable document") { r in
        r.site.paths.map { path in
          .init(url: SiteURL.printPath(path.id), bodies: [path.body.path] + r.site.topics.map(\.body.path) + r.allQuestionPaths,
            frontMatter: r.allQuestionPaths) { $0.printPath(path, $1) }
        }
      }
    }
  }

  /// The layout's name for the kind (`<body class="kind-…">`).
  public var name: String { spec.name }
  public var template: String { spec.template }
  /// What the build summary counts the kind's pages as; nil when it counts them as "other".
  public var counted: Noun? { spec.counted }
  /// The label search results of this kind carry, or nil when search does not index it.
  public var searchLabel: String? { spec.searched ? spec.counted?.one : nil }

  /// Every template the renderer needs: the frame's three, then one per kind.
  public static var templates: [String] {
    var names = ["layout", "header", "sidebar"]
    for kind in allCases where !names.contains(kind.template) { names.append(kind.template) }
    return names
  }
}

extension SiteRenderer {
  var allQuestionPaths: [String] { site.allQuestions.map(\.body.path) }
  /// The page whose body is also the home page's introduction.
  var homePage: Page? { site.pages.first { $0.id == "home" } }
  func hasCheatSheet(_ topic: Topic) -> Bool { documents[topic.body.path]?.section(titled: strings[SectionName.cheatSheet.rawValue]) != nil }
}
