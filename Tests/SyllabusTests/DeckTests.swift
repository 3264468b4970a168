import Foundation
import XCTest

@testable import SyllabusBuild
@testable import SyllabusDeck
@testable import SyllabusModel

/// The Anki deck's own pieces; Tests/browser/test_anki.py imports the whole package with Anki.
final class DeckTests: XCTestCase {
  /// The valid fixture guide's deck, laid out from its checked (parsed and typeset) site.
  static func validFixtureDeck() throws -> DeckContent {
    let checked = Pipeline.check(BuildSettings(
      content: TestSupport.fixtures.appendingPathComponent("valid/content"), templates: TestSupport.templates,
      output: URL(fileURLWithPath: "/nonexistent")))
    return DeckContent(site: try XCTUnwrap(checked.site), documents: checked.documents, clock: DeckClock(modified: [:]))
  }

  func testSHA1MatchesTheStandardVectors() {
    let hex = { (words: [UInt32]) in words.map { String(format: "%08x", $0) }.joined() }
    XCTAssertEqual(hex(SHA1.hash(Array("abc".utf8))), "a9993e364706816aba3e25717850c26c9cd0d89d")
    XCTAssertEqual(hex(SHA1.hash([])), "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)  // two blocks
    XCTAssertEqual(hex(SHA1.hash(long)), "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
    XCTAssertEqual(SHA1.checksum("abc"), 0xa999_3e36)
  }

  func testStableIDsDependOnTheNameOnly() {
    XCTAssertEqual(StableID.number("note\u{0}syllabus:g:a/b"), StableID.number("note\u{0}syllabus:g:a/b"))
    XCTAssertNotEqual(StableID.number("note\u{0}syllabus:g:a/b"), StableID.number("note\u{0}syllabus:g:a/c"))
    for name in ["", "a", "deck\u{0}guide"] {
      let id = StableID.number(name)
      XCTAssertTrue(id > 0 && id < 1 << 52, name)
    }
  }

  func testNoteTimesAreTheNewestSourceClampedToSourceDateEpoch() {
    let modified: [String: Int64] = ["q.md": 1_000, "topic.md": 3_000, "guide.yml": 2_000]
    XCTAssertEqual(DeckClock(modified: modified).time(of: ["q.md", "topic.md", "guide.yml"]), 3_000)
    XCTAssertEqual(DeckClock(modified: modified, sourceDateEpoch: 2_500).time(of: ["q.md", "topic.md"]), 2_500)
    XCTAssertEqual(DeckClock(modified: modified, sourceDateEpoch: 2_500).time(of: ["q.md"]), 1_000)
  }

  /// The collection is made in a scratch file in the temporary folder, or in memory where
  /// there is none: the same bytes either way (SQLite's file-only header stamps are zeroed),
  /// and nothing is left behind.
  func testTheCollectionIsTheSameInAFileAndInMemoryAndLeavesNoFile() throws {
    let deck = try DeckTests.validFixtureDeck()
    let scratch = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let before = ProcessInfo.processInfo.environment["TMPDIR"]
    defer { if let before { setenv("TMPDIR", before, 1) } else { unsetenv("TMPDIR") } }
    func bytes(tmp: String) throws -> Data {
      setenv("TMPDIR", tmp, 1)
      XCTAssertEqual(FileManager.default.temporaryDirectory.standardizedFileURL.path, URL(fileURLWithPath: tmp).standardizedFileURL.path)
      let collection = try AnkiCollection.sqlite(deck, css: "")
      return try collection.read(0, collection.size)
    }
    let inFile = try bytes(tmp: scratch.path)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.path), [], "the scratch file and its folder go")
    let inMemory = try bytes(tmp: scratch.appendingPathComponent("missing").path)
    XCTAssertGreaterThan(inFile.count, 4096)
    XCTAssertEqual(inFile, inMemory)
    XCTAssertEqual(Array(inFile.prefix(16)), Array("SQLite format 3\u{0}".utf8))
  }

  func testDeckNamesKeepStudyOrderAndCannotNest() throws {
    let deck = try DeckTests.validFixtureDeck()
    XCTAssertEqual(deck.chapters.map(\.name), ["Fixture Guide::1. Basics", "Fixture Guide::2. Advanced <Topics> & More"])
    XCTAssertEqual(DeckContent.deckName("A::B"), "A:B")
    XCTAssertEqual(Set(deck.notes.map(\.id)).count, deck.notes.count)
  }
}

/// What the cards show: the site's typeset HTML made safe for a card, and the files and CSS it needs.
final class DeckMediaTests: XCTestCase {
  static let katexCSS = """
    @font-face{font-family:KaTeX_AMS;src:url(fonts/KaTeX_AMS-Regular.woff2) format('woff2'),url(fonts/KaTeX_AMS-Regular.woff) \
    format('woff'),url(fonts/KaTeX_AMS-Regular.ttf) format('truetype');font-weight:400}.katex{font:normal 1.21em KaTeX_Main}
    """
  static let theme = """
    :root { --fg: #000; --hl-keyword: #111; --code-bg: #eee; }
    @media (prefers-color-scheme: dark) { :root:not([data-theme="light"]) { --hl-keyword: #999; } }
    :root[data-theme="dark"] { --hl-keyword: #ddd; --code-bg: #222; }
    /* a comment { with a brace */ .hljs-keyword, .hljs-name { color: var(--hl-keyword); }
    .prose .hljs-title { color: red; }
    .math-display { display: block; overflow-x: auto; }
    @media print { .hljs-keyword { color: black; } }
    """
  static let style = DeckStyle(
    mathAssets: [
      OutputFile(path: SiteURL.mathStylesheet, contents: Data(katexCSS.utf8)),
      OutputFile(path: "assets/katex/fonts/KaTeX_AMS-Regular.woff2", contents: Data([1, 2, 3])),
      OutputFile(path: "assets/katex/fonts/KaTeX_Unused-Regular.woff2", contents: Data([4])),
    ], themeStylesheet: theme)
  static let math = #"<span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math></span>"#
  static let code = #"<pre><code class="language-python"><span class="hljs-keyword">def</span> f</code></pre>"#

  func testMathShipsKaTeXUnderUnderscoreNamesWithItsFontURLsRewritten() throws {
    let media = DeckMedia(style: Self.style, fields: ["plain", Self.math])
    XCTAssertEqual(media.files.map(\.name), ["_KaTeX_AMS-Regular.woff2", "_katex.min.css"], "only the fonts the stylesheet names")
    XCTAssertEqual(try media.manifest, #"{"0":"_KaTeX_AMS-Regular.woff2","1":"_katex.min.css"}"#)
    XCTAssertEqual(media.files[0].contents, Data([1, 2, 3]))
    let css = String(decoding: media.files[1].contents, as: UTF8.self)
    XCTAssertTrue(css.hasPrefix("@font-face{font-family:KaTeX_AMS;src:url(_KaTeX_AMS-Regular.woff2) format('woff2');font-weight:400}"), css)
    XCTAssertFalse(css.contains("fonts/"))
    XCTAssertTrue(media.css.hasPrefix("@import url(\"_katex.min.css\");\n"), "an @import counts only as the first rule")
    XCTAssertTrue(media.css.contains(".math-display { display: block; overflow-x: auto; }"))
    XCTAssertFalse(media.css.contains("hljs"), "no code on the cards, no code colours")
  }

  func testCodeTakesTheThemeColoursForLightAndNightMode() {
    let media = DeckMedia(style: Self.style, fields: [Self.code])
    XCTAssertTrue(media.files.isEmpty)
    XCTAssertEqual(try media.manifest, "{}")
    XCTAssertFalse(media.css.contains("@import") || media.css.contains("math-display"))
    XCTAssertTrue(media.css.contains(".card { --hl-keyword: #111; --code-bg: #eee; }"), media.css)
    XCTAssertTrue(media.css.contains(".card.nightMode, .card.night_mode { --hl-keyword: #ddd; --code-bg: #222; }"), media.css)
    XCTAssertTrue(media.css.contains(".hljs-keyword, .hljs-name { color: var(--hl-keyword); }"))
    XCTAssertFalse(media.css.contains("--fg") || media.css.contains("red") || media.css.contains("black"), media.css)
  }

  func testTheSameInputGivesTheSameMedia() {
    let a = DeckMedia(style: Self.style, fields: [Self.math, Self.code]), b = DeckMedia(style: Self.style, fields: [Self.code, Self.math])
    XCTAssertEqual(try a.manifest, try b.manifest)
    XCTAssertEqual(a.css, b.css)
    XCTAssertEqual(a.files.map(\.contents), b.files.map(\.contents))
  }

  func testCardHTMLKeepsTypesetMarkupAndDropsWhatRuns() {
    let html = """
      <h3 id="x"><a class="anchor" href="#x" aria-label="Link">#</a>The x</h3>\
      <p onclick="evil()">See <a href="../../topics/basics.html#y">this</a>, <a href="#x">here</a>, \
      <a href="JavaScript:alert(1)">that</a> and <a href="https://example.com/a?b=1&amp;c=2" target="_blank">web</a>.</p>\
      <script>document.write("<p>")</script><SCRIPT src="x.js"></SCRIPT><!-- <script> -->\
      <span class="math-display" tabindex="0"><span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML">\
      <mi>x</mi></math><svg viewBox="0 0 10 10"><path d="M0 0"/></svg></span></span>\
      <img src="a.png" alt="a chart"><iframe src="x"><p>inside</p></iframe><style>p{}</style>1 < 2
      """
    let expected = """
      <h3>The x</h3><p>See <a href="%topics/basics.html#y">this</a>, <a href="%questions/basics/first.html#x">here</a>, \
      <a>that</a> and <a href="https://example.com/a?b=1&amp;c=2">web</a>.</p>\
      <span class="math-display"><span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML">\
      <mi>x</mi></math><svg viewBox="0 0 10 10"><path d="M0 0"/></svg></span></span>a chart1 &lt; 2
      """
    let page = "questions/basics/first.html"
    XCTAssertEqual(CardHTML.field(html, page: page, baseURL: nil), expected.replacingOccurrences(of: "%", with: ""))
    XCTAssertEqual(
      CardHTML.field(html, page: page, baseURL: "https://example.org/guide/"),
      expected.replacingOccurrences(of: "%", with: "https://example.org/guide/"))
  }

  func testTheFullAnswerFieldIsTheTypesetAnswerSection() throws {
    let deck = try DeckTests.validFixtureDeck()
    let first = try XCTUnwrap(deck.notes.first { $0.guid == "syllabus:fixture-guide:basics/first" })
    XCTAssertEqual(first.fields.count, DeckContent.fieldNames.count)
    XCTAssertEqual(
      first.fields[4], #"<p>The full answer, linking back to <a href="https://example.org/guide/topics/basics.html">Basics</a>.</p>"#)
  }
}
