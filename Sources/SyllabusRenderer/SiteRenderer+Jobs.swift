import SyllabusModel
import SyllabusResolver

/// Which pages a site has, and what each one shows: the map `serve` uses to re-render only
/// the pages an edit affects.
extension SiteRenderer {
  /// One page to render: where it goes, what it shows, and how to build it. `serve` uses
  /// the two source lists to re-render only what an edit affects.
  struct Job {
    var url: String
    /// The Markdown sources (by path) whose bodies the page shows; nil when it must always
    /// be rendered.
    var bodies: [String]?
    /// The question files whose front matter the page shows (titles, levels, tags, order).
    /// guide.yml and the front matter of chapters, paths and pages are not listed: they reach
    /// every page (sidebar, header, counts), so a change to them re-renders the whole site.
    var frontMatter: [String]
    var render: (SiteRenderer) -> String

    init(url: String, bodies: [String]? = nil, frontMatter: [String] = [], render: @escaping (SiteRenderer) -> String) {
      self.url = url
      self.bodies = bodies
      self.frontMatter = frontMatter
      self.render = render
    }
  }

  /// Pages from an earlier render that may be reused: those that show none of the changed
  /// bodies and none of the changed front matter, then or now. `serve` hands the earlier
  /// pages themselves (`files`); a cached build names the pages the previous site holds
  /// (`previousSite`), and those come back as `Rendered.unchanged`, to be linked, not read.
  public struct Reuse: Sendable {
    public var files: [String: OutputFile]
    public var previousSite: Set<String>
    public var changedBodies: Set<String>
    public var changedFrontMatter: Set<String>
    /// Each page's `frontMatter` when it was rendered: a question that leaves a tag or a level
    /// is no longer listed by that page now, but the old page still shows it.
    public var previousFrontMatter: [String: [String]]

    public init(
      files: [String: OutputFile] = [:], previousSite: Set<String> = [], changedBodies: Set<String>,
      changedFrontMatter: Set<String> = [], previousFrontMatter: [String: [String]] = [:]
    ) {
      self.files = files
      self.previousSite = previousSite
      self.changedBodies = changedBodies
      self.changedFrontMatter = changedFrontMatter
      self.previousFrontMatter = previousFrontMatter
    }

    /// Whether the page `job` renders is the same as last time.
    func unchanged(_ job: Job) -> Bool {
      guard let bodies = job.bodies, changedBodies.isDisjoint(with: bodies) else { return false }
      return changedFrontMatter.isEmpty
        || (changedFrontMatter.isDisjoint(with: job.frontMatter)
          && changedFrontMatter.isDisjoint(with: previousFrontMatter[job.url] ?? []))
    }
  }

  func pageJobs() -> [Job] {
    let allQuestions = site.allQuestions.map(\.body.path)
    var jobs: [Job] = [
      // Home counts questions per level; the tag index counts them per tag.
      Job(url: SiteURL.home, bodies: site.pages.filter { $0.id == "home" }.map(\.body.path), frontMatter: allQuestions) { $0.home() },
      Job(url: SiteURL.map, bodies: []) { $0.mapPage() },
      Job(url: SiteURL.cheatSheets, bodies: site.topics.map(\.body.path)) { $0.allCheatSheets() },
      Job(url: SiteURL.tags, bodies: [], frontMatter: allQuestions) { $0.tagIndex() },
      Job(url: SiteURL.notFound, bodies: []) { $0.notFound() },
      Job(url: SiteURL.search, bodies: []) { $0.searchPage() },
      Job(url: SiteURL.practice) { $0.practiceHub() },
      Job(url: SiteURL.assessment) { $0.assessmentPage() },
      Job(url: SiteURL.flashcards) { $0.flashcardsPage() },
      Job(url: SiteURL.drill) { $0.drillPage() },
      Job(url: SiteURL.mockInterview) { $0.mockPage() },
      // The printable guide shows every chapter's and question's body.
      Job(url: SiteURL.printGuide, bodies: site.topics.map(\.body.path) + allQuestions, frontMatter: allQuestions) { $0.printGuide() },
    ]
    for (index, topic) in site.topics.enumerated() {
      let questions = site.questionsByTopic[topic.id] ?? []
      jobs.append(Job(url: SiteURL.topic(topic.id), bodies: [topic.body.path], frontMatter: questions.map(\.body.path)) {
        $0.topicPage(topic, index: index)
      })
      if documents[topic.body.path]?.section(titled: strings[SectionName.cheatSheet.rawValue]) != nil {
        jobs.append(Job(url: SiteURL.cheatSheet(topic.id), bodies: [topic.body.path]) { $0.cheatSheetPage(topic) })
      }
      for (i, question) in questions.enumerated() {
        // The pager shows the titles of the questions before and after this one.
        let neighbours = [i - 1, i + 1].filter { questions.indices.contains($0) }.map { questions[$0].body.path }
        jobs.append(Job(url: SiteURL.question(topic: topic.id, id: question.id), bodies: [question.body.path], frontMatter: [question.body.path] + neighbours) {
          $0.questionPage(question, in: topic, siblings: questions, index: i)
        })
      }
    }
    for path in site.paths {
      jobs.append(Job(url: SiteURL.path(path.id), bodies: [path.body.path], frontMatter: allQuestions) { $0.pathPage(path) })
      jobs.append(Job(url: SiteURL.printPath(path.id), bodies: [path.body.path] + site.topics.map(\.body.path) + allQuestions,
        frontMatter: allQuestions) { $0.printPath(path) })
    }
    for level in site.guide.levels {
      let listed = site.allQuestions.filter { $0.level.value == level.id }.map(\.body.path)
      jobs.append(Job(url: SiteURL.level(level.id), bodies: [], frontMatter: listed) { $0.levelPage(level) })
    }
    for entry in site.tags {
      jobs.append(Job(url: SiteURL.tag(entry.tag), bodies: [], frontMatter: entry.questions.map(\.body.path)) { $0.tagPage(entry.tag, entry.questions) })
    }
    for page in site.pages { jobs.append(Job(url: SiteURL.page(page.id), bodies: [page.body.path]) { $0.freePage(page) }) }
    return jobs
  }
}
