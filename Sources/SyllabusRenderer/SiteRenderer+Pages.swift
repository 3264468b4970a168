import SyllabusModel
import SyllabusResolver

/// One builder per kind of page. Each fills its view model and wraps it in the layout.
extension SiteRenderer {
  func home(_ root: String) -> LinkView { LinkView(title: strings["nav_home"], url: root + SiteURL.home) }

  func home() -> [UInt8] {
    let url = SiteURL.home, root = ""
    let layers = site.guide.layers.compactMap { layer -> LayerGroup? in
      let cards = site.topics.enumerated().filter { $0.element.layer.value == layer.id }.map { index, t in
        TopicCard(number: index + 1, title: t.title, url: root + SiteURL.topic(t.id), summary: t.summary,
          questionCount: site.questionsByTopic[t.id]?.count ?? 0,
          questionCountText: strings.count("questions", site.questionsByTopic[t.id]?.count ?? 0), color: layer.color, layerTitle: layer.title)
      }
      return cards.isEmpty ? nil : LayerGroup(title: layer.title, color: layer.color, topics: cards)
    }
    let intro = homePage.map { document($0.body).html() } ?? ""
    let context = HomeContext(
      root: root, title: site.guide.title, description: site.guide.description, introHTML: intro,
      mapSVG: mapSVG(root: root), layers: layers,
      paths: site.paths.map { PathCard(title: $0.title, url: root + SiteURL.path($0.id), weeks: $0.weeks, weeksText: strings.count("weeks", $0.weeks), audience: $0.audience) },
      levels: site.guide.levels.map { level in
        let count = site.allQuestions.filter { $0.level.value == level.id }.count
        return LevelCard(title: level.title, url: root + SiteURL.level(level.id), focus: level.focus,
          questionCount: count, questionCountText: strings.count("questions", count))
      },
      pages: site.pages.map { LinkView(title: $0.title, url: root + SiteURL.page($0.id)) },
      topicCount: site.topics.count, questionCount: site.allQuestions.count,
      topicCountText: strings.count("chapters", site.topics.count), questionCountText: strings.count("answered_questions", site.allQuestions.count),
      cheatSheetsURL: root + SiteURL.cheatSheets, mapURL: root + SiteURL.map, tagsURL: root + SiteURL.tags,
      printURL: root + SiteURL.printGuide)
    return layout(url: url, title: site.guide.title, kind: .home, content: templates.render(context, with: PageKind.home.template))
  }

  func topicPage(_ topic: Topic, index: Int) -> [UInt8] {
    let url = SiteURL.topic(topic.id), root = SiteURL.rootPrefix(from: url)
    let doc = document(topic.body)
    let layer = site.guide.layers.first { $0.id == topic.layer.value }
    let questions = site.questionsByTopic[topic.id] ?? []
    let words = doc.wordCount
    let context = TopicContext(
      root: root, number: index + 1, layerTitle: layer?.title ?? topic.layer.value, layerColor: layer?.color ?? "#777777",
      requires: (site.graph.requires[topic.id] ?? []).compactMap { topicLink($0, root: root) },
      unlocks: (site.graph.unlocks[topic.id] ?? []).compactMap { topicLink($0, root: root) },
      bodyHTML: doc.html(), mapSVG: mapSVG(root: root, focus: topic.id, compact: true),
      hasCheatSheet: hasCheatSheet(topic), cheatSheetURL: root + SiteURL.cheatSheet(topic.id),
      practice: questions.filter(\.isPractice).map { item($0, root: root) },
      questions: questions.filter { !$0.isPractice }.map { item($0, root: root) },
      readingMinutes: max(1, (words + 229) / 230), readingText: strings.count("minutes_read", max(1, (words + 229) / 230)))
    let prev = index > 0 ? site.topics[index - 1] : nil
    let next = index + 1 < site.topics.count ? site.topics[index + 1] : nil
    return layout(
      url: url, title: topic.title, kind: .chapter, content: render(context, showing: topic, with: PageKind.chapter.template),
      breadcrumbs: [home(root), LinkView(title: layer?.title ?? strings["nav_chapters"], url: root + SiteURL.map)],
      toc: doc.headings, prev: prev.map { LinkView(title: $0.title, url: root + SiteURL.topic($0.id)) },
      next: next.map { LinkView(title: $0.title, url: root + SiteURL.topic($0.id)) }, currentTopic: topic.id,
      summary: topic.summary ?? doc.plainText)
  }

  func questionPage(_ q: Question, in topic: Topic, siblings: [Question], index: Int) -> [UInt8] {
    let url = SiteURL.question(topic: topic.id, id: q.id), root = SiteURL.rootPrefix(from: url)
    let doc = document(q.body)
    let known = Set(SectionName.onQuestionPage.map { strings[$0.rawValue].lowercased() })
    let hintsSection = doc.section(titled: strings[SectionName.hints.rawValue])
    let hintItems = hintsSection.map { $0.items.isEmpty ? [$0.html] : $0.items } ?? []
    let other = doc.sections.filter { !known.contains($0.heading?.text.lowercased() ?? "") }.map { $0.headingHTML + $0.html }.joined()
    let level = site.guide.levels.first { $0.id == q.level.value }
    let context = QuestionContext(
      root: root, topicTitle: topic.title, topicURL: root + SiteURL.topic(topic.id),
      levelTitle: level?.title ?? q.level.value, levelURL: root + SiteURL.level(q.level.value),
      tags: q.tags.map { LinkView(title: $0.value, url: root + SiteURL.tag($0.value)) }, introHTML: other.isEmpty ? nil : other,
      hints: hintItems.enumerated().map { HintView(number: $0 + 1, total: hintItems.count, html: $1) },
      hasHints: !hintItems.isEmpty, answerHTML: doc.section(titled: strings[SectionName.answer.rawValue])?.html,
      pitfallsHTML: doc.section(titled: strings[SectionName.pitfalls.rawValue])?.html,
      followUpsHTML: doc.section(titled: strings[SectionName.followUps.rawValue])?.html,
      rubricHTML: doc.section(titled: strings[SectionName.rubric.rawValue])?.html, key: q.key)
    let prev = index > 0 ? siblings[index - 1] : nil
    let next = index + 1 < siblings.count ? siblings[index + 1] : nil
    return layout(
      url: url, title: q.title, kind: .question, content: render(context, showing: q, with: PageKind.question.template),
      breadcrumbs: [home(root), LinkView(title: topic.title, url: root + SiteURL.topic(topic.id))],
      prev: prev.map { LinkView(title: $0.title, url: root + SiteURL.question(topic: topic.id, id: $0.id)) },
      next: next.map { LinkView(title: $0.title, url: root + SiteURL.question(topic: topic.id, id: $0.id)) },
      currentTopic: topic.id, summary: q.tldr ?? doc.section(titled: "Answer").map { HTML.text(of: $0.html) })
  }

  /// A kind's own page: its view model with the kind's declared front matter laid over it
  /// (`FrontMatterField.template`), so a new field reaches the template without a view-model
  /// change. Still plain dictionaries: no reflection at lookup time.
  func render<Kind: FrontMatterKind>(_ context: Any, showing item: Kind, with template: String) -> String {
    // A view model is a struct, which boxes to a dictionary; `[:]` is never reached.
    var fields = TemplateValue.box(context) as? [String: Any] ?? [:]
    for (key, value) in item.templateView { fields[key] = value }
    return templates.render(fields, with: template)
  }

  func cheatSheetContext(_ topic: Topic, root: String) -> CheatSheetContext {
    CheatSheetContext(
      root: root, title: topic.title, topicURL: root + SiteURL.topic(topic.id), coreQuestion: topic.coreQuestion,
      mustInclude: topic.mustInclude, sheetHTML: document(topic.body).section(titled: strings[SectionName.cheatSheet.rawValue])?.html ?? "")
  }

  func cheatSheetPage(_ topic: Topic) -> [UInt8] {
    let url = SiteURL.cheatSheet(topic.id), root = SiteURL.rootPrefix(from: url)
    return layout(
      url: url, title: strings.format("title_cheat_sheet", ["title": topic.title]), kind: .cheatSheet,
      content: templates.render(cheatSheetContext(topic, root: root), with: PageKind.cheatSheet.template),
      breadcrumbs: [home(root), LinkView(title: strings["nav_cheat_sheets"], url: root + SiteURL.cheatSheets)],
      currentTopic: topic.id, summary: topic.coreQuestion ?? topic.summary)
  }

  func allCheatSheets() -> [UInt8] {
    let url = SiteURL.cheatSheets, root = SiteURL.rootPrefix(from: url)
    let sheets = site.topics.filter(hasCheatSheet).map { cheatSheetContext($0, root: root) }
    return layout(
      url: url, title: strings["title_cheat_sheets"], kind: .cheatSheets,
      content: templates.render(CheatSheetsContext(root: root, title: strings["title_cheat_sheets"], sheets: sheets), with: PageKind.cheatSheets.template),
      breadcrumbs: [home(root)])
  }

  func pathPage(_ path: StudyPath) -> [UInt8] {
    let url = SiteURL.path(path.id), root = SiteURL.rootPrefix(from: url)
    let studyIndex = Dictionary(uniqueKeysWithValues: site.topics.enumerated().map { ($1.id, $0) })
    let questions = questions(on: path)
    let plan = path.plan.sorted { $0.week < $1.week }.map { week -> WeekView in
      let ids = week.topics.map(\.value).sorted { (studyIndex[$0] ?? Int.max) < (studyIndex[$1] ?? Int.max) }
      let weekQuestions = questions.filter { ids.contains($0.topic.value) }.map { item($0, root: root) }
      return WeekView(week: week.week, focus: week.focus, topics: ids.compactMap { topicLink($0, root: root) },
        questions: weekQuestions, questionCount: weekQuestions.count, questionCountText: strings.count("questions_this_week", weekQuestions.count))
    }
    let assumes = path.assumes.compactMap { t in
      site.topics.first { $0.id == t.value }.map { LinkView(title: $0.title, url: root + SiteURL.cheatSheet($0.id)) }
    }
    let context = PathContext(
      root: root, id: path.id, weeks: path.weeks, weeksText: strings.count("weeks", path.weeks), assumes: assumes,
      hasAssumes: !assumes.isEmpty, plan: plan, bodyHTML: document(path.body).html(),
      printURL: root + SiteURL.printPath(path.id))
    return layout(
      url: url, title: path.title, kind: .path, content: render(context, showing: path, with: PageKind.path.template),
      breadcrumbs: [home(root)], toc: document(path.body).headings,
      summary: path.audience ?? document(path.body).plainText)
  }

  func levelPage(_ level: Level) -> [UInt8] {
    let url = SiteURL.level(level.id), root = SiteURL.rootPrefix(from: url)
    let groups = site.topics.compactMap { topic -> TopicQuestions? in
      let qs = (site.questionsByTopic[topic.id] ?? []).filter { $0.level.value == level.id }
      return qs.isEmpty ? nil : TopicQuestions(title: topic.title, url: root + SiteURL.topic(topic.id), questions: qs.map { item($0, root: root) })
    }
    let context = LevelContext(
      root: root, title: level.title, focus: level.focus, hiredFor: level.hiredFor, groups: groups,
      count: groups.reduce(0) { $0 + $1.questions.count }, countText: strings.count("questions_at_level", groups.reduce(0) { $0 + $1.questions.count }))
    return layout(url: url, title: level.title, kind: .level, content: templates.render(context, with: PageKind.level.template),
      breadcrumbs: [home(root)], summary: level.focus)
  }

  func tagPage(_ tag: String, _ questions: [Question]) -> [UInt8] {
    let url = SiteURL.tag(tag), root = SiteURL.rootPrefix(from: url)
    let title = strings.format("title_tag", ["tag": tag])
    let context = TagContext(
      root: root, tag: tag, title: title, questions: questions.map { item($0, root: root) }, count: questions.count,
      countText: strings.count("questions_tagged", questions.count))
    return layout(url: url, title: title, kind: .tag, content: templates.render(context, with: PageKind.tag.template),
      breadcrumbs: [home(root), LinkView(title: strings["nav_tags"], url: root + SiteURL.tags)])
  }

  func tagIndex() -> [UInt8] {
    let url = SiteURL.tags, root = SiteURL.rootPrefix(from: url)
    let context = TagsContext(root: root, tags: site.tags.map { TagCount(tag: $0.tag, url: root + SiteURL.tag($0.tag), count: $0.questions.count) })
    return layout(url: url, title: strings["title_tags"], kind: .tags, content: templates.render(context, with: PageKind.tags.template),
      breadcrumbs: [home(root)])
  }

  func freePage(_ page: Page) -> [UInt8] {
    let url = SiteURL.page(page.id), root = SiteURL.rootPrefix(from: url)
    let doc = document(page.body)
    return layout(url: url, title: page.title, kind: .page,
      content: render(PageContext(root: root, title: page.title, bodyHTML: doc.html()), showing: page, with: PageKind.page.template),
      breadcrumbs: [home(root)], toc: doc.headings, summary: doc.plainText)
  }

  func mapPage() -> [UInt8] {
    let url = SiteURL.map, root = SiteURL.rootPrefix(from: url)
    let layers = site.guide.layers.map { layer in
      LayerGroup(title: layer.title, color: layer.color, topics: site.topics.enumerated().filter { $0.element.layer.value == layer.id }.map { index, t in
        TopicCard(number: index + 1, title: t.title, url: root + SiteURL.topic(t.id), summary: t.summary,
          questionCount: site.questionsByTopic[t.id]?.count ?? 0,
          questionCountText: strings.count("questions", site.questionsByTopic[t.id]?.count ?? 0), color: layer.color, layerTitle: layer.title)
      })
    }.filter { !$0.topics.isEmpty }
    return layout(url: url, title: strings["title_map"], kind: .map,
      content: templates.render(MapContext(root: root, title: strings["title_map"], mapSVG: mapSVG(root: root), layers: layers), with: PageKind.map.template),
      breadcrumbs: [home(root)])
  }

  func searchPage() -> [UInt8] {
    let url = SiteURL.search, root = SiteURL.rootPrefix(from: url)
    let context = SearchContext(
      root: root, topics: site.topics.map { LinkView(title: $0.title, url: $0.id) },
      levels: site.guide.levels.map { LinkView(title: $0.title, url: $0.id) }, placeholder: searchPlaceholder())
    return layout(url: url, title: strings["title_search"], kind: .search, content: templates.render(context, with: PageKind.search.template),
      breadcrumbs: [home(root)])
  }

  func notFound() -> [UInt8] {
    layout(url: SiteURL.notFound, title: strings["title_not_found"], kind: .notFound,
      content: templates.render(PageContext(root: "", title: strings["title_not_found"], bodyHTML: ""), with: PageKind.notFound.template))
  }

  /// The search box's example: this guide's first two chapter titles, never ours. Chapter
  /// front matter only, so an edit that changes it re-renders every page in `serve`.
  func searchPlaceholder() -> String {
    let examples = site.topics.prefix(2).map { $0.title.lowercased() }
    return examples.isEmpty ? strings["search_type"] : strings.format("search_placeholder", ["examples": examples.joined(separator: ", ")])
  }
}
