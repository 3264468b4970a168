import XCTest

@testable import SyllabusMarkdown
@testable import SyllabusModel
@testable import SyllabusTypeset

/// The typesetter in process: one renderer for many documents, and a cache that `serve`
/// keeps between rebuilds so only new formulas are sent.
final class TypesetterTests: XCTestCase {
  private func parse(_ text: String, path: String = "t.md") -> MarkdownDocument {
    MarkdownParser.parse(MarkdownSource(path: path, displayPath: path, text: text, firstLine: 1), options: .init()) { _ in nil }
  }

  func testRebuildsSendOnlyFormulasNotSeenBefore() {
    let typesetter = Typesetter()
    var first = [parse("$a^2$ and $b^2$\n\n```python\nx = 1\n```\n"), parse("again $a^2$", path: "u.md")]
    typesetter.typeset(&first)
    XCTAssertEqual(typesetter.rendered, 3, "a formula used twice is rendered once")
    XCTAssertTrue(first[1].sections[0].html.contains("<math"))
    var second = [parse("$a^2$ and $b^2$ and $c^2$")]
    typesetter.typeset(&second)
    XCTAssertEqual(typesetter.rendered, 4, "only $c^2$ is new")
    XCTAssertEqual(second[0].sections[0].html.components(separatedBy: "<math").count - 1, 3)
    XCTAssertEqual(second[0].diagnostics, [])
  }

  func testDisplayAndInlineOfTheSameTeXAreDifferentPieces() {
    let typesetter = Typesetter()
    var documents = [parse("$x$ and $$x$$")]
    typesetter.typeset(&documents)
    XCTAssertEqual(typesetter.rendered, 2)
    XCTAssertEqual(documents[0].sections[0].html.components(separatedBy: "display=\"block\"").count - 1, 1)
  }

  func testAnAnswerLongerThanOneReadArrivesWhole() {
    // The renderer's answers are read 64 KiB at a time into one buffer: an answer of several
    // reads, with two-byte characters split between them, must come back byte for byte.
    let lines = (0..<6_000).map { "s_\($0) = \"é\" * \($0)" }
    let typesetter = Typesetter()
    var documents = [parse("```python\n" + lines.joined(separator: "\n") + "\n```\n\nthen $z^2$\n")]
    typesetter.typeset(&documents)
    let html = documents[0].sections[0].html
    XCTAssertGreaterThan(html.utf8.count, 1 << 18)
    XCTAssertEqual(html.components(separatedBy: "é").count - 1, lines.count)
    XCTAssertTrue(html.contains("5999"))
    XCTAssertEqual(html.components(separatedBy: "<math").count - 1, 1, "the answer after the long one is read too")
    XCTAssertEqual(documents[0].diagnostics, [])
  }

  func testNoMathAndNoLanguageNeverLooksForNode() {
    var looked = false
    let typesetter = Typesetter(locateNode: {
      looked = true
      return nil
    })
    var documents = [parse("Prices: $5 and $6.\n\n```\nplain\n```\n")]
    typesetter.typeset(&documents)
    XCTAssertFalse(looked)
    XCTAssertTrue(documents[0].sections[0].html.contains("Prices: $5 and $6."))
  }

  func testWithoutNodeCodeStaysPlainAndMathIsOneErrorPerFile() {
    let typesetter = Typesetter(locateNode: { nil })
    var documents = [parse("$x$ and $y$\n\n```python\nif a < b: pass\n```\n")]
    typesetter.typeset(&documents)
    XCTAssertEqual(documents[0].diagnostics.count, 1)
    XCTAssertEqual(documents[0].diagnostics.first?.location, SourceLocation(file: "t.md", line: 1, column: 1))
    XCTAssertTrue(documents[0].sections[0].html.contains("<code class=\"language-python\">if a &lt; b: pass\n</code>"))
  }

  private func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("typeset-cache-" + UUID().uuidString)
    addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    return folder
  }

  func testAnswersOnDiskServeTheNextTypesetterWithoutRendering() throws {
    let folder = try temporaryFolder()
    let text = "$a^2$ and $$b$$ and $\\frac{1}{$\n\n```python\nx = 1\n```\n\n```nosuchlanguage\ny\n```\n"
    var first = [parse(text)]
    Typesetter(cacheFolder: folder).typeset(&first)
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    XCTAssertEqual(files.count, 1)
    XCTAssertTrue(files[0].hasPrefix("typeset-v1-"))

    let second = Typesetter(cacheFolder: folder)
    var again = [parse(text)]
    second.typeset(&again)
    XCTAssertEqual(second.rendered, 0, "every answer, the error and the plain code too, came from disk")
    XCTAssertEqual(again[0].sections.map(\.html), first[0].sections.map(\.html))
    XCTAssertEqual(again[0].diagnostics, first[0].diagnostics)
    XCTAssertEqual(again[0].diagnostics.count, 1)

    let third = Typesetter(cacheFolder: folder)
    var more = [parse("$a^2$ and $c$")]
    third.typeset(&more)
    XCTAssertEqual(third.rendered, 1, "only $c$ is new")
  }

  func testADamagedCacheFileCostsOnlyItsTail() throws {
    let folder = try temporaryFolder()
    var documents = [parse("$x$ and $y$")]
    Typesetter(cacheFolder: folder).typeset(&documents)
    let file = folder.appendingPathComponent(try FileManager.default.contentsOfDirectory(atPath: folder.path)[0])
    var bytes = try Data(contentsOf: file)
    bytes.removeLast(3)
    bytes.append(contentsOf: [0x7A, 0xFF])
    try bytes.write(to: file)
    let next = Typesetter(cacheFolder: folder)
    var again = [parse("$x$ and $y$")]
    next.typeset(&again)
    XCTAssertEqual(next.rendered, 1, "the first record still reads; the cut one is rendered again")
    XCTAssertEqual(again[0].sections.map(\.html), documents[0].sections.map(\.html))
  }

  func testTheCacheFileIsNamedByTheRendererAndItsVersions() {
    let folder = URL(fileURLWithPath: "/c")
    let a = TypesetDiskCache(folder: folder, script: "s", katexVersion: "0.16.4", highlighterVersion: "9.18.5")
    XCTAssertEqual(a.file, TypesetDiskCache(folder: folder, script: "s", katexVersion: "0.16.4", highlighterVersion: "9.18.5").file)
    XCTAssertNotEqual(a.file, TypesetDiskCache(folder: folder, script: "t", katexVersion: "0.16.4", highlighterVersion: "9.18.5").file)
    XCTAssertNotEqual(a.file, TypesetDiskCache(folder: folder, script: "s", katexVersion: "0.16.5", highlighterVersion: "9.18.5").file)
    XCTAssertNotEqual(a.file, TypesetDiskCache(folder: folder, script: "s", katexVersion: "0.16.4", highlighterVersion: "11.0.0").file)
  }

  func testABigBacklogIsSharedByTwoProcessesAndEveryPieceIsFilled() {
    let typesetter = Typesetter()
    let count = Typesetter.backlogForSecondProcess + Typesetter.batch
    var documents = (0..<count).map { parse("$x_{\($0)}$", path: "d\($0).md") }
    for document in documents { typesetter.prefetch(document.typeset) }
    typesetter.typeset(&documents)
    XCTAssertEqual(typesetter.rendered, count)
    XCTAssertEqual(typesetter.processCount, ProcessInfo.processInfo.activeProcessorCount > 1 ? 2 : 1)
    for (i, document) in documents.enumerated() {
      XCTAssertTrue(document.sections[0].html.contains("<annotation encoding=\"application/x-tex\">x_{\(i)}</annotation>"), "d\(i).md")
    }
  }
}
