/// Where each page lands in the output, relative to the site root. Every page is a plain
/// `.html` file (no directory indexes), so the site works from `file://` and under any sub-path.
public enum SiteURL {
  public static let home = "index.html"
  public static let notFound = "404.html"
  public static let map = "map.html"
  public static let cheatSheets = "cheatsheets/index.html"
  public static let tags = "tags/index.html"
  public static let search = "search.html"
  public static let stylesheet = "assets/style.css"
  public static let script = "assets/app.js"
  public static let searchIndex = "assets/search-index.js"
  /// KaTeX's stylesheet, with its fonts under `assets/katex/fonts/`: written only when a page has math.
  public static let mathStylesheet = "assets/katex/katex.min.css"
  /// The guide's reader-visible strings for the scripts (`window.SYLLABUS_STRINGS`).
  public static let strings = "assets/strings.js"
  /// Practice mode: a hub and one page per exercise; the guide's data they read; their script.
  public static let practice = "practice/index.html"
  public static let assessment = "practice/assessment.html"
  public static let flashcards = "practice/flashcards.html"
  public static let drill = "practice/drill.html"
  public static let mockInterview = "practice/mock.html"
  public static let practiceData = "assets/practice-data.js"
  public static let practiceScript = "assets/practice.js"
  /// The guide's Anki package (SyllabusDeck), named by `Guide.slug`.
  public static func ankiDeck(_ guideSlug: String) -> String { "practice/\(guideSlug).apkg" }
  /// The whole guide as one printable document; `printPath` is one role path's.
  public static let printGuide = "print.html"

  public static func topic(_ id: String) -> String { "topics/\(id).html" }
  public static func cheatSheet(_ id: String) -> String { "cheatsheets/\(id).html" }
  public static func question(topic: String, id: String) -> String { "questions/\(topic)/\(id).html" }
  public static func path(_ id: String) -> String { "paths/\(id).html" }
  public static func level(_ id: String) -> String { "levels/\(id).html" }
  public static func tag(_ tag: String) -> String { "tags/\(Identifier.slug(tag)).html" }
  public static func page(_ id: String) -> String { "pages/\(id).html" }
  public static func printPath(_ id: String) -> String { "print/\(id).html" }

  /// The prefix that leads from a page back to the site root: `../` once per folder level.
  public static func rootPrefix(from page: String) -> String {
    // Split the UTF-8 bytes: `String.split` walks grapheme clusters, and this runs per link.
    String(repeating: "../", count: page.utf8.split(separator: UInt8(ascii: "/")).count - 1)
  }
}
