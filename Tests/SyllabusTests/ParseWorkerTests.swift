import Foundation
import XCTest

@testable import SyllabusBuild
@testable import SyllabusLoader
@testable import SyllabusMarkdown
@testable import SyllabusModel
@testable import SyllabusResolver

/// The parse stage in worker processes (`syllabus parse-worker`): same documents as a parse
/// in this process, and a worker that dies or talks nonsense is an error on the files it
/// held, never a hang.
final class ParseWorkerTests: XCTestCase {
  override func setUp() {
    // As the CLI does: a write to a dead worker must fail with EPIPE, not end the test run.
    signal(SIGPIPE, SIG_IGN)
  }

  /// Every field of the options reaches the worker: a round trip describes the same as the
  /// original (DocumentCache.describe reflects over every field, so a new one fails this).
  func testOptionsRoundTrip() {
    var limits = Limits()
    (limits.maxFileBytes, limits.maxFrontMatterBytes, limits.maxYAMLNodes, limits.maxYAMLDepth, limits.maxNesting) = (11, 12, 13, 14, 15)
    (limits.maxTableColumns, limits.maxHTMLLike, limits.maxDelimiterRun, limits.maxTags) = (16, 17, 18, 19)
    let options = MarkdownParser.Options(
      allowRawHTML: true, limits: limits, itemizedSections: ["tipps", "hints"], reservedIDs: ReservedIDs(exact: ["main", "x"], numberedPrefixes: ["hint-"]),
      anchorLabel: "Link zu", stopwords: ["der", "die"])
    var w = CacheWriter()
    OptionsCoding.write(options, to: &w)
    var r = CacheReader(w.bytes)
    let back = OptionsCoding.read(&r)
    XCTAssertTrue(r.atEnd)
    XCTAssertEqual(back.map(DocumentCache.describe), DocumentCache.describe(options))
    XCTAssertNotEqual(DocumentCache.describe(MarkdownParser.Options()), DocumentCache.describe(options))
  }

  /// Bodies of every fixture guide plus generated ones with links, autolinks, strike-through,
  /// math and code, parsed by two workers and this process: byte for byte the documents of
  /// the in-process parse, in order.
  func testWorkersGiveTheDocumentsOfAnInProcessParse() throws {
    var bodies: [MarkdownSource] = []
    var pages: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: TestSupport.fixtures.path).sorted() {
      let content = TestSupport.fixtures.appendingPathComponent(name).appendingPathComponent("content")
      guard let site = ContentLoader(root: content, displayRoot: name).load().site else { continue }
      bodies += site.documents.map { MarkdownSource(path: name + "/" + $0.path, displayPath: $0.displayPath, text: $0.text, firstLine: $0.firstLine) }
      for (source, page) in LinkTable(site).pages { pages[name + "/" + source] = page }
    }
    for i in 0..<600 {
      let text = "# Page \(i)\n\nSee https://example.org/\(i), ~~old \(i)~~ and [next](p\(i + 1).md#x).\n\n$x_\(i)^2$ costs $4,500.\n\n## Hints\n\n- one\n- two\n\n```python\nx = \(i)\n```\n"
      bodies.append(MarkdownSource(path: "gen/p\(i).md", displayPath: "gen/p\(i).md", text: text, firstLine: 3))
      pages["gen/p\(i).md"] = "p/\(i).html"
    }
    let links = LinkTable(pages: pages)
    let options = MarkdownParser.Options(itemizedSections: ["hints"])
    var pool = ParseWorkerPool(command: [TestSupport.binary.path, "parse-worker"], bodies: bodies.count, cores: 1)
    XCTAssertEqual(pool.workers, 0, "one core: no worker")
    pool.workers = 2
    pool.threads = 2
    let counted = Counted()
    let (documents, lost) = pool.parse(bodies, options: options, links: links) { _ in counted.add() }
    XCTAssertEqual(lost, [])
    XCTAssertEqual(counted.value, bodies.count)
    XCTAssertEqual(documents.count, bodies.count)
    var differing: [String] = []
    for (body, document) in zip(bodies, documents) where encoded(document) != encoded(ParseWorker.parse(body, options: options, links: links)) {
      differing.append(body.path)
    }
    XCTAssertEqual(differing, [])
    XCTAssertTrue(documents.contains { $0.html().contains("<del>old 7</del>") && $0.html().contains("href=\"../p/8.html#x\"") })

    // No thread of this process's own: the workers parse every body, each handed over on the
    // thread that reads that worker. A worker that failed to start would leave the bodies to
    // this thread, and the comparison above would have compared this process with itself.
    pool.threads = 0
    let caller = ObjectIdentifier(Thread.current)
    let here = Counted()
    let byWorkers = pool.parse(bodies, options: options, links: links) { _ in if ObjectIdentifier(Thread.current) == caller { here.add() } }
    XCTAssertEqual(here.value, 0, "every body was parsed by a worker")
    XCTAssertEqual(byWorkers.documents.map(encoded), documents.map(encoded))
  }

  /// Up to 8 parse threads per process (cmark's locked inline step is a ninth of a parse),
  /// a worker for each further 8 cores, none for a handful of bodies or without a command.
  func testWorkersOnlyWhereTheLockWouldQueueThreads() {
    let command = ["syllabus", "parse-worker"]
    let shapes = [2, 8, 9, 16, 32].map { cores in ParseWorkerPool(command: command, bodies: 10_000, cores: cores) }.map { [$0.workers, $0.threads] }
    XCTAssertEqual(shapes, [[0, 2], [0, 8], [1, 5], [1, 8], [3, 8]])
    XCTAssertEqual(ParseWorkerPool(command: command, bodies: 300, cores: 32).workers, 0)
    XCTAssertEqual(ParseWorkerPool(command: nil, bodies: 10_000, cores: 32).workers, 0)
    XCTAssertEqual(ParseWorkerPool(command: command, bodies: 10_000, cores: 16).workerCommand, command + ["--threads", "8"])
  }

  /// Workers that die at once, after reading a little, or that answer nonsense: each body
  /// they held is an error naming the file and what happened; every other body is parsed
  /// here, and nothing waits for ever.
  func testAFailedWorkerIsAnErrorOnTheFilesItHeld() {
    let bodies = (0..<200).map { MarkdownSource(path: "q\($0).md", displayPath: "content/q\($0).md", text: "Body \($0) ~~x~~\n", firstLine: 1) }
    let cases: [(command: [String], says: String)] = [
      (["/bin/sh", "-c", "exit 3"], "stopped with exit status 3"),
      (["/bin/sh", "-c", "head -c 100 >/dev/null; kill -9 $$"], "was killed by signal 9"),
      (["/bin/sh", "-c", "printf '\\001\\000\\000\\000\\000\\000\\000\\000x'; cat >/dev/null"], "answered what could not be read"),
    ]
    for (command, says) in cases {
      var pool = ParseWorkerPool(command: command, bodies: bodies.count)
      pool.workers = 1
      pool.threads = 0  // the worker takes the first batches for sure; the rest is parsed after it failed
      let (documents, lost) = pool.parse(bodies, options: .init(), links: LinkTable(pages: [:])) { _ in }
      XCTAssertFalse(lost.isEmpty, "\(command)")
      for (i, document) in documents.enumerated() {
        if lost.contains(i) {
          XCTAssertEqual(document.diagnostics.count, 1)
          XCTAssertEqual(document.diagnostics.first?.location.file, "content/q\(i).md")
          XCTAssertTrue(document.diagnostics.first?.message.contains(says) == true, "\(command): \(document.diagnostics)")
          XCTAssertEqual(document.diagnostics.first?.severity, .error)
        } else {
          XCTAssertTrue(document.html().contains("<del>x</del>"), "body \(i) parsed here")
        }
      }
    }
  }

  private func encoded(_ document: MarkdownDocument) -> [UInt8] {
    var w = CacheWriter()
    DocumentCoding.write(document, to: &w)
    return w.bytes
  }

  private final class Counted: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add() { lock.withLock { count += 1 } }
  }
}
