import Foundation
import SyllabusModel

/// What the site's pages use to show math and code, handed to the deck so its cards look the same.
public struct DeckStyle: Sendable {
  /// KaTeX's stylesheet and WOFF2 fonts as the site ships them (`Typesetter.mathAssets`);
  /// empty when no page has math.
  public var mathAssets: [OutputFile]
  /// The theme's stylesheet: its code colours and formula rules go into the note type's CSS.
  public var themeStylesheet: String

  public init(mathAssets: [OutputFile] = [], themeStylesheet: String = "") {
    self.mathAssets = mathAssets
    self.themeStylesheet = themeStylesheet
  }
}

/// The files an Anki package ships besides its collection, and the note type's CSS that uses
/// them. Anki keeps every media file whose name starts with `_` even though no field names it,
/// so KaTeX's stylesheet and fonts go in under such names, the stylesheet's font URLs rewritten
/// to them, and the note type's CSS imports it. All of it only when a card has a formula; the
/// code colours only when a card has code. Same style and fields, same files and CSS.
struct DeckMedia {
  static let mathStylesheet = "_katex.min.css"
  /// Anki's night mode, on the desktop (`nightMode`) and on phones (`night_mode`).
  static let nightMode = ".card.nightMode, .card.night_mode"

  /// By name, sorted: the order of the package's numbered entries.
  var files: [(name: String, contents: Data)] = []
  var css: String

  init(style: DeckStyle, fields: [String]) {
    let hasMath = fields.contains { ByteScan.contains($0, "class=\"katex") }
    let hasCode = fields.contains { ByteScan.contains($0, "<code") }
    var css = ""
    if hasMath, let sheet = style.mathAssets.first(where: { $0.path == SiteURL.mathStylesheet }) {
      let rewritten = Self.ankiStylesheet(String(decoding: sheet.contents, as: UTF8.self))
      let fonts = Dictionary(
        style.mathAssets.filter { $0.path.hasSuffix(".woff2") }.map { ("_" + ($0.path as NSString).lastPathComponent, $0.contents) },
        uniquingKeysWith: { a, _ in a })
      let needed = Set(Self.fontURLs(in: rewritten))
      files = [(Self.mathStylesheet, Data(rewritten.utf8))] + fonts.filter { needed.contains($0.key) }.map { ($0.key, $0.value) }
      files.sort { $0.name < $1.name }
      // An @import counts only before every other rule.
      css += "@import url(\"\(Self.mathStylesheet)\");\n"
    }
    css += AnkiCollection.css + "\n"
    let theme = ThemeRules(style.themeStylesheet)
    if hasCode { css += theme.css(rulesStartingWith: [".hljs"], properties: ["--hl-", "--code-bg"], nightMode: Self.nightMode) }
    if hasMath { css += theme.css(rulesStartingWith: [".math-display", ".katex"], properties: [], nightMode: Self.nightMode) }
    self.css = css
  }

  /// KaTeX's stylesheet for Anki's flat media folder: `url(fonts/X.woff2)` becomes
  /// `url(_X.woff2)`, and the WOFF and TrueType fallbacks go (every browser engine Anki runs
  /// on reads WOFF2, and the package does not carry the others).
  static func ankiStylesheet(_ css: String) -> String {
    let fallbacks = try! NSRegularExpression(pattern: #",\s*url\(fonts/[^)]*\.(woff|ttf)\)\s*format\(["'][a-z]+["']\)"#)
    let trimmed = fallbacks.stringByReplacingMatches(in: css, range: NSRange(css.startIndex..., in: css), withTemplate: "")
    return trimmed.replacingOccurrences(of: "url(fonts/", with: "url(_")
  }

  /// The file names the stylesheet's `url(…)`s point at.
  static func fontURLs(in css: String) -> [String] {
    css.components(separatedBy: "url(").dropFirst().compactMap { part in
      part.split(separator: ")", maxSplits: 1).first.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"'")) }
    }
  }

  /// The media manifest: entry name (the file's position) to file name.
  var manifest: String {
    get throws {
      try AnkiCollection.json(Dictionary(uniqueKeysWithValues: files.enumerated().map { ("\($0.offset)", $0.element.name) }))
    }
  }
}

/// The top-level rules of the theme's stylesheet, read just far enough to reuse some of them on
/// cards: a rule's selector and body, `@media` and other at-rules skipped whole. The theme says
/// its colours once, and the cards take them from there.
struct ThemeRules {
  var rules: [(selector: String, body: String)] = []

  init(_ css: String) {
    var text = Substring(css)
    while let comment = text.range(of: "/*") {
      let end = text[comment.upperBound...].range(of: "*/")?.upperBound ?? text.endIndex
      text = text[..<comment.lowerBound] + " " + text[end...]
    }
    var rest = text[...]
    while let open = rest.firstIndex(of: "{") {
      let selector = rest[..<open].trimmingCharacters(in: .whitespacesAndNewlines)
      var depth = 0
      var close = open
      for index in rest[open...].indices {
        if rest[index] == "{" { depth += 1 }
        if rest[index] == "}" { depth -= 1 }
        if depth == 0 {
          close = index
          break
        }
      }
      guard depth == 0 else { break }
      if !selector.hasPrefix("@") {
        rules.append((selector, String(rest[rest.index(after: open)..<close])))
      }
      rest = rest[rest.index(after: close)...]
    }
  }

  /// The rules whose every selector starts with one of `prefixes`, as written; before them,
  /// the custom properties named with one of `properties` as the theme's light `:root` and
  /// dark `:root[data-theme="dark"]` set them, on the card and in Anki's night mode.
  func css(rulesStartingWith prefixes: [String], properties: [String], nightMode: String) -> String {
    func declarations(_ selector: String) -> String {
      let body = rules.filter { $0.selector == selector }.map(\.body).joined(separator: ";")
      return body.split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        .filter { line in properties.contains { line.hasPrefix($0) } }.joined(separator: "; ")
    }
    var out = ""
    if !properties.isEmpty {
      out += ".card { \(declarations(":root")); }\n\(nightMode) { \(declarations(#":root[data-theme="dark"]"#)); }\n"
    }
    for rule in rules {
      let selectors = rule.selector.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
      guard selectors.allSatisfy({ s in prefixes.contains { s.hasPrefix($0) } }) else { continue }
      out += "\(rule.selector) { \(rule.body.trimmingCharacters(in: .whitespacesAndNewlines)) }\n"
    }
    return out
  }
}
