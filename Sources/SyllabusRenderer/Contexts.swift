// View models handed to the Mustache templates. Stored properties only: templates read them
// by name through reflection. Every string here is plain text (the template escapes it)
// unless its name ends in `HTML`, which holds markup the renderer produced and escaped itself.

struct LinkView {
  var title: String
  var url: String
}

struct NavTopic {
  var number: Int
  var title: String
  var url: String
  var current: Bool
}

struct NavLayer {
  var title: String
  var color: String
  var topics: [NavTopic]
  /// Set when the layer is folded away (large guides): where its chapters are listed instead.
  var collapsedURL: String? = nil
  var collapsedText: String? = nil
}

struct TOCEntry {
  var text: String
  var id: String
  var sub: Bool
}

/// The site header (`header.mustache`): the same on every page at one folder depth, so it is
/// rendered once per depth and pasted into the layout.
struct HeaderContext {
  var siteTitle: String
  var homeURL: String
  var headerLinks: [LinkView]
  /// Where the header search box's "all results" link and its no-script submit go.
  var searchURL: String
}

/// The chapter sidebar (`sidebar.mustache`): the same on every page with the same depth and
/// current chapter, so it is rendered once per pair and pasted into the layout.
struct SidebarContext {
  var nav: [NavLayer]
}

/// The frame around every page: head, header, sidebar, breadcrumbs, prev/next, footer.
struct LayoutContext {
  var root: String
  var lang: String
  var siteTitle: String
  var pageTitle: String
  var description: String
  var kind: String
  var canonical: String?
  var homeURL: String
  var headerHTML: String
  var sidebarHTML: String
  var breadcrumbs: [LinkView]
  var hasBreadcrumbs: Bool
  var toc: [TOCEntry]
  var hasTOC: Bool
  var prev: LinkView?
  var next: LinkView?
  var hasPager: Bool
  var isHome: Bool
  var contentHTML: String
  /// Open Graph `og:type`, written (with the Twitter card) only when `canonical` is known.
  var shareType: String
  /// KaTeX's stylesheet, only on pages that show math.
  var mathStylesheet: String? = nil
}

struct QuestionItem {
  var title: String
  var url: String
  var level: String
  var tldr: String?
  var topicTitle: String
}

struct TopicCard {
  var number: Int
  var title: String
  var url: String
  var summary: String?
  var questionCount: Int
  var questionCountText: String
  var color: String
  var layerTitle: String
}

struct LayerGroup {
  var title: String
  var color: String
  var topics: [TopicCard]
}

struct HomeContext {
  var root: String
  var title: String
  var description: String
  var introHTML: String
  var mapSVG: String
  var layers: [LayerGroup]
  var paths: [PathCard]
  var levels: [LevelCard]
  var pages: [LinkView]
  var topicCount: Int
  var questionCount: Int
  var topicCountText: String
  var questionCountText: String
  var cheatSheetsURL: String
  var mapURL: String
  var tagsURL: String
  /// The whole guide as one printable document.
  var printURL: String
}

struct PathCard {
  var title: String
  var url: String
  var weeks: Int
  var weeksText: String
  var audience: String?
}

struct LevelCard {
  var title: String
  var url: String
  var focus: String
  var questionCount: Int
  var questionCountText: String
}

/// A chapter's page. Its front matter (`title`, `summary`, …) reaches the template from
/// `Topic.fields`, laid over these by `SiteRenderer.render(_:showing:with:)`.
struct TopicContext {
  var root: String
  var number: Int
  var layerTitle: String
  var layerColor: String
  var requires: [LinkView]
  var unlocks: [LinkView]
  var bodyHTML: String
  var mapSVG: String
  var hasCheatSheet: Bool
  var cheatSheetURL: String
  var practice: [QuestionItem]
  var questions: [QuestionItem]
  var readingMinutes: Int
  var readingText: String
}

struct HintView {
  var number: Int
  var total: Int
  var html: String
}

/// A question's page; its front matter (`title`, `tldr`, `isPractice`, …) comes from
/// `Question.fields`.
struct QuestionContext {
  var root: String
  var topicTitle: String
  var topicURL: String
  var levelTitle: String
  var levelURL: String
  var tags: [LinkView]
  var introHTML: String?
  var hints: [HintView]
  var hasHints: Bool
  var answerHTML: String?
  var pitfallsHTML: String?
  var followUpsHTML: String?
  var rubricHTML: String?
  var key: String
}

struct CheatSheetContext {
  var root: String
  var title: String
  var topicURL: String
  var coreQuestion: String?
  var mustInclude: [String]
  var sheetHTML: String
}

struct CheatSheetsContext {
  var root: String
  var title: String
  var sheets: [CheatSheetContext]
}

struct WeekView {
  var week: Int
  var focus: String
  var topics: [LinkView]
  var questions: [QuestionItem]
  var questionCount: Int
  var questionCountText: String
}

/// A path's page; its front matter (`title`, `audience`, …) comes from `StudyPath.fields`.
struct PathContext {
  var root: String
  var id: String
  var weeks: Int
  var weeksText: String
  var assumes: [LinkView]
  var hasAssumes: Bool
  var plan: [WeekView]
  var bodyHTML: String
  /// The path as one printable document.
  var printURL: String
}

struct TopicQuestions {
  var title: String
  var url: String
  var questions: [QuestionItem]
}

struct LevelContext {
  var root: String
  var title: String
  var focus: String
  var hiredFor: String
  var groups: [TopicQuestions]
  var count: Int
  var countText: String
}

struct TagContext {
  var root: String
  var tag: String
  var title: String
  var questions: [QuestionItem]
  var count: Int
  var countText: String
}

struct TagCount {
  var tag: String
  var url: String
  var count: Int
}

struct TagsContext {
  var root: String
  var tags: [TagCount]
}

struct PageContext {
  var root: String
  var title: String
  var bodyHTML: String
}

struct MapContext {
  var root: String
  var title: String
  var mapSVG: String
  var layers: [LayerGroup]
}

/// The search page: filters are filled from the guide; results are rendered by the script.
struct SearchContext {
  var root: String
  /// `title` is shown, `url` holds the id the filter matches.
  var topics: [LinkView]
  var levels: [LinkView]
  /// "e.g. …" with a chapter title and a tag of this guide.
  var placeholder: String
}
