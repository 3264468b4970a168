import Foundation
import XCTest

@testable import SyllabusBuild
@testable import SyllabusModel
@testable import SyllabusRenderer

/// The on-disk build cache (issue 15): a cached build writes exactly what an uncached one
/// does, whatever state the cache or the previous site is in.
final class BuildCacheTests: XCTestCase {
  var root: URL!
  var content: URL { root.appendingPathComponent("content") }
  var cache: URL { root.appendingPathComponent(".syllabus-cache") }

  override func setUpWithError() throws {
    root = try TestSupport.temporaryDirectory()
    try FileManager.default.copyItem(at: TestSupport.fixtures.appendingPathComponent("valid/content"), to: content)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

  @discardableResult
  func build(_ output: String, cached: Bool = true, templates: URL = TestSupport.templates, identity: String = "test") throws -> BuildReport {
    let location = cached ? CacheLocation(folder: cache, version: "test", identity: identity) : nil
    let settings = BuildSettings(
      content: content, templates: templates, output: root.appendingPathComponent(output), sourceDateEpoch: 0, cache: location)
    let report = Pipeline.build(settings)
    XCTAssertFalse(report.failed, report.diagnostics.map(\.description).joined(separator: "\n"))
    return report
  }

  func site(_ output: String) -> [String: Data] { TestSupport.snapshot(root.appendingPathComponent(output)) }

  /// The site an uncached build makes of the content as it is now.
  func assertSameAsUncached(_ output: String, file: StaticString = #filePath, line: UInt = #line) throws {
    try? FileManager.default.removeItem(at: root.appendingPathComponent("fresh"))
    try build("fresh", cached: false)
    let cached = site(output), fresh = site("fresh")
    XCTAssertEqual(Set(cached.keys), Set(fresh.keys), file: file, line: line)
    for (path, data) in fresh where cached[path] != data {
      XCTFail("\(path) differs from the uncached build", file: file, line: line)
    }
  }

  func entries(_ sub: String) -> [String] {
    let folder = cache.appendingPathComponent("vtest").appendingPathComponent(sub)
    return TestSupport.snapshot(folder).keys.sorted()
  }

  func inode(_ path: String) throws -> UInt64 {
    let attributes = try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(path).path)
    return (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
  }

  func firstQuestion() throws -> (source: URL, page: String) {
    let folder = content.appendingPathComponent("questions")
    let topic = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().first!
    let file = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(topic).path).sorted().first { $0.hasSuffix(".md") }!
    return (folder.appendingPathComponent(topic).appendingPathComponent(file), "site/questions/\(topic)/\(file.dropLast(3)).html")
  }

  func testTwoCachedBuildsAndAnUncachedOneWriteTheSameBytes() throws {
    try build("site")
    XCTAssertTrue(FileManager.default.fileExists(atPath: cache.appendingPathComponent("CACHEDIR.TAG").path))
    XCTAssertFalse(entries("parse").isEmpty, "the parse results were not cached")
    XCTAssertEqual(entries("render").map { $0.split(separator: ".").last! }, ["prt", "rec"], "one record and one set of print fragments for the one output folder")
    let page = try firstQuestion().page
    let before = try inode(page)
    try build("site")
    XCTAssertEqual(try inode(page), before, "an unchanged page was rendered and written again instead of linked")
    try assertSameAsUncached("site")
  }

  func testAnEditedBodyChangesItsPage() throws {
    let first = try build("site")
    XCTAssertTrue(first.stages.contains { $0.name == "deck" }, "a first build renders every page, so its deck comes after them")
    let question = try firstQuestion()
    let text = try String(contentsOf: question.source, encoding: .utf8)
    try (text + "\nA sentence about zanzibarite, added after the first build.\n").write(to: question.source, atomically: true, encoding: .utf8)
    let report = try build("site")
    // Most pages are linked from the last build, so the deck is made beside the render (and
    // must still be the uncached build's, byte for byte).
    XCTAssertTrue(report.stages.contains { $0.name == DeckJob.stageName }, "\(report.stages.map(\.name))")
    let page = try String(contentsOf: root.appendingPathComponent(question.page), encoding: .utf8)
    XCTAssertTrue(page.contains("zanzibarite"), "the edited body is not on its page")
    try assertSameAsUncached("site")
  }

  /// The print documents of a one-edit build reuse the other pages' print fragments from the
  /// last build, yet show the edit, and say the same as an uncached build.
  func testAnEditedBodyReachesThePrintDocumentsFromCachedFragments() throws {
    try build("site")
    let question = try firstQuestion()
    try (try String(contentsOf: question.source, encoding: .utf8) + "\nA note on zanzibarite for print.\n")
      .write(to: question.source, atomically: true, encoding: .utf8)
    try build("site")
    let book = try String(contentsOf: root.appendingPathComponent("site/print.html"), encoding: .utf8)
    XCTAssertTrue(book.contains("zanzibarite"), "the edit is not in print.html")
    try assertSameAsUncached("site")
  }

  func testPrintFragmentsSurviveTheBinaryFormat() throws {
    let input = PrintFragments.Input(source: "questions/a/b.md", html: "<p>é</p>", pageURL: "questions/a/b.html", anchor: "q-a-b", demote: 2)
    let fragment = PrintFragment(bytes: Array("<p>é <a href=\"\">x</a></p>".utf8), links: [.init(offset: 16, page: "topics/a.html", fragment: nil), .init(offset: 16, page: "x.html", fragment: "y")])
    let fragments = PrintFragments(entries: [input.source: .init(input: input, fragment: fragment)])
    let bytes = PrintFragmentRecord.encoded(fragments, output: "/site")
    let back = try XCTUnwrap(PrintFragmentRecord.decode(bytes, output: "/site"))
    XCTAssertEqual(back.entries[input.source]?.input, input)
    XCTAssertEqual(back.entries[input.source]?.fragment, fragment)
    XCTAssertNil(PrintFragmentRecord.decode(bytes, output: "/elsewhere"), "another folder's fragments were read")
    for n in stride(from: 0, to: bytes.count, by: 5) {
      XCTAssertNil(PrintFragmentRecord.decode(Array(bytes.prefix(n)), output: "/site"), "a \(n)-byte prefix read as fragments")
    }
  }

  /// The record is written as it is encoded, in chunks, and reads back as the same bytes the
  /// in-memory encoding gives; a write that fails leaves no entry and no temporary file.
  func testAStreamedRecordIsTheEncodedOne() throws {
    let entries = (0..<300).map { i -> (String, PrintFragments.Entry) in
      let html = String(repeating: "<p>fragment \(i) é</p>", count: 400)
      let input = PrintFragments.Input(source: "questions/\(i).md", html: html, pageURL: "questions/\(i).html", anchor: "q1-\(i)", demote: 2)
      return (input.source, .init(input: input, fragment: PrintFragment(bytes: Array(html.utf8), links: [])))
    }
    let fragments = PrintFragments(entries: Dictionary(uniqueKeysWithValues: entries))
    let folder = root.appendingPathComponent("render")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let output = URL(fileURLWithPath: "/site")
    PrintFragmentRecord.save(fragments, in: folder, output: output)
    let written = try Data(contentsOf: PrintFragmentRecord.url(in: folder, output: output))
    XCTAssertGreaterThan(written.count, 2 * CacheWriter.spillSize, "the record must span several chunks")
    XCTAssertEqual(Array(written), PrintFragmentRecord.encoded(fragments, output: output.path))
    // Read back as it decodes, chunk by chunk; a truncated file is no record.
    let back = try XCTUnwrap(PrintFragmentRecord.load(from: folder, output: output))
    XCTAssertEqual(back.entries.count, fragments.entries.count)
    for (source, entry) in fragments.entries {
      XCTAssertEqual(back.entries[source]?.input, entry.input)
      XCTAssertEqual(back.entries[source]?.fragment, entry.fragment)
    }
    try written.prefix(written.count - 3).write(to: PrintFragmentRecord.url(in: folder, output: output))
    XCTAssertNil(PrintFragmentRecord.load(from: folder, output: output))
    let missing = root.appendingPathComponent("no-such-folder/x.prt")
    XCTAssertFalse(BuildCache.writeAtomically(to: missing) { $0.string("x") })
    XCTAssertFalse(FileManager.default.fileExists(atPath: missing.deletingLastPathComponent().path))
  }

  func testAChangedTemplateChangesEveryPage() throws {
    try build("site")
    let templates = root.appendingPathComponent("templates")
    try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
    let layout = try String(contentsOf: TestSupport.templates.appendingPathComponent("layout.mustache"), encoding: .utf8)
    try layout.replacingOccurrences(of: "</body>", with: "<!-- layout edited --></body>")
      .write(to: templates.appendingPathComponent("layout.mustache"), atomically: true, encoding: .utf8)
    try build("site", templates: templates)
    let pages = site("site").filter { $0.key.hasSuffix(".html") }
    XCTAssertFalse(pages.isEmpty)
    for (path, data) in pages {
      XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("<!-- layout edited -->"), "\(path) still has the old layout")
    }
  }

  func testCorruptCacheEntriesAreIgnored() throws {
    try build("site")
    let question = try firstQuestion()
    try (try String(contentsOf: question.source, encoding: .utf8) + "\nEdited once more.\n")
      .write(to: question.source, atomically: true, encoding: .utf8)
    // Every entry damaged a different way: truncated, garbage, empty.
    let version = cache.appendingPathComponent("vtest")
    XCTAssertEqual(entries("deck").count, 1, "the guide's card fields")
    let all = ["parse", "render", "deck"].flatMap { sub in entries(sub).map { sub + "/" + $0 } }
    for (i, path) in all.enumerated() {
      let url = version.appendingPathComponent(path)
      let data = try Data(contentsOf: url)
      switch i % 3 {
      case 0: try data.prefix(data.count / 2).write(to: url)
      case 1: try Data(data.reversed()).write(to: url)
      default: try Data().write(to: url)
      }
    }
    try build("site")
    try assertSameAsUncached("site")
  }

  /// A page edited by hand in the output after a cached build is not carried over.
  func testAHandEditedPageInTheOutputIsReplaced() throws {
    try build("site")
    let page = root.appendingPathComponent(try firstQuestion().page)
    let bytes = try Data(contentsOf: page)
    try Data(bytes.map { $0 == UInt8(ascii: "a") ? UInt8(ascii: "b") : $0 }).write(to: page)
    try build("site")
    XCTAssertEqual(try Data(contentsOf: page), bytes)
    try assertSameAsUncached("site")
  }

  /// Another build of the tool empties the version folder of its own entries, and only those.
  func testANewToolIdentityDropsOnlyTheEntriesTheToolWrote() throws {
    try build("site")
    let foreign = cache.appendingPathComponent("vtest/parse/notes.txt")
    try Data("mine".utf8).write(to: foreign)
    let old = entries("parse").filter { $0.hasSuffix(".doc") }
    XCTAssertFalse(old.isEmpty)
    try build("site", identity: "another build")
    XCTAssertTrue(FileManager.default.fileExists(atPath: foreign.path), "a file the tool did not write was deleted")
    XCTAssertEqual(try String(contentsOf: cache.appendingPathComponent("vtest/KEY"), encoding: .utf8).hasPrefix("another build"), true)
    try assertSameAsUncached("site")
  }

  /// Across two processes of the binary (digests must not depend on the process), the second
  /// build parses and renders nothing again; `--no-cache` leaves no cache folder.
  func testTheCommandLineReusesTheCacheOfAnEarlierRun() throws {
    let bodies = TestSupport.snapshot(content).keys.filter { $0.hasSuffix(".md") }.count
    let args = ["build", "--templates", TestSupport.templates.path, "--timings"]
    let first = try TestSupport.run(args, in: root)
    XCTAssertEqual(first.status, 0, first.stderr)
    XCTAssertTrue(first.stderr.contains("build cache: 0 bodies not parsed again, 0 pages"), first.stderr)
    XCTAssertTrue(FileManager.default.fileExists(atPath: cache.appendingPathComponent("CACHEDIR.TAG").path))
    let second = try TestSupport.run(args, in: root)
    XCTAssertEqual(second.status, 0, second.stderr)
    XCTAssertTrue(second.stderr.contains("build cache: \(bodies) bodies not parsed again"), second.stderr)
    XCTAssertFalse(second.stderr.contains(" 0 pages not rendered again"), second.stderr)
    let plain = try TestSupport.run(["build", "--templates", TestSupport.templates.path, "--no-cache", "--output", "other"], in: root)
    XCTAssertEqual(plain.status, 0, plain.stderr)
    XCTAssertEqual(TestSupport.snapshot(root.appendingPathComponent("other")), TestSupport.snapshot(root.appendingPathComponent("public")))
  }

  func testNoCacheWritesNoCacheFolder() throws {
    try build("site", cached: false)
    XCTAssertFalse(FileManager.default.fileExists(atPath: cache.path))
  }

  func testADocumentSurvivesTheBinaryFormat() throws {
    var document = MarkdownDocument(
      sections: [Section(heading: Heading(level: 2, text: "Hints", id: "hints"), headingHTML: "<h2>Hints</h2>", html: "<ol><li>é</li></ol>", items: ["<li>é</li>"])],
      headings: [Heading(level: 2, text: "Hints", id: "hints")],
      links: [LinkReference(destination: "../x.md", location: SourceLocation(file: "a.md", line: 3, column: 4))],
      diagnostics: [.warning(SourceLocation(file: "a.md", line: 1, column: 2), "careful")], plainText: "Hints é")
    document.terms = ["hints", "é"]
    document.imagesWithoutAlt = [SourceLocation(file: "a.md", line: 9, column: 1)]
    document.typeset = [
      .code(language: "swift", text: "let x = 1"),
      .math(MathFormula(tex: "x^2", display: true, location: SourceLocation(file: "a.md", line: 5, column: 1), texLine: 6, lineColumns: [3, 5])),
    ]
    var writer = CacheWriter()
    DocumentCoding.write(document, to: &writer)
    var reader = CacheReader(writer.bytes)
    let back = try XCTUnwrap(DocumentCoding.read(&reader))
    XCTAssertTrue(reader.atEnd)
    XCTAssertEqual(back.sections.map(\.html), document.sections.map(\.html))
    XCTAssertEqual(back.sections.map(\.items), document.sections.map(\.items))
    XCTAssertEqual(back.sections.map(\.heading), document.sections.map(\.heading))
    XCTAssertEqual(back.headings, document.headings)
    XCTAssertEqual(back.links, document.links)
    XCTAssertEqual(back.diagnostics, document.diagnostics)
    XCTAssertEqual(back.plainText, document.plainText)
    XCTAssertEqual(back.terms, document.terms)
    XCTAssertEqual(back.imagesWithoutAlt, document.imagesWithoutAlt)
    XCTAssertEqual(back.typeset, document.typeset)
    // Every shorter prefix is refused, never read as a document.
    for n in stride(from: 0, to: writer.bytes.count, by: 7) {
      var short = CacheReader(Array(writer.bytes.prefix(n)))
      XCTAssertNil(DocumentCoding.read(&short), "a \(n)-byte prefix read as a document")
    }
  }

  func testStableHashesSeparateValuesAndAgreeAcrossSpellings() {
    XCTAssertNotEqual(StableHasher.hex("ab"), StableHasher.hex("ba"))
    var a = StableHasher(), b = StableHasher()
    a.combine("ab")
    a.combine("c")
    b.combine("a")
    b.combine("bc")
    XCTAssertNotEqual(a.hex(), b.hex(), "a value's end must count")
    var text = StableHasher(), data = StableHasher()
    text.combine("grüße, a text longer than eight bytes")
    data.combine(Data("grüße, a text longer than eight bytes".utf8))
    XCTAssertEqual(text.hex(), data.hex())
    XCTAssertEqual(text.finalize(), data.finalize())
    XCTAssertEqual(StableHasher.hex("hello").count, 32)
  }
}
