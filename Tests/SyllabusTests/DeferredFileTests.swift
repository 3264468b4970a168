import Foundation
import SyllabusModel
import XCTest

@testable import SyllabusBuild
@testable import SyllabusServer

/// A file `serve` builds on request (the Anki deck, the search index) that cannot be built is
/// an error everywhere it could be seen: thrown by the in-memory site, answered with a 500 and
/// the error's text, printed once, and shown on open pages; never an empty file.
final class DeferredFileTests: XCTestCase {
  struct InjectedFailure: Error, CustomStringConvertible {
    var description: String { "the collection could not be serialised (injected by the test)" }
  }

  static let failingDeck: Pipeline.DeckMaker = { _, _, _, _ in throw InjectedFailure() }

  func settings() throws -> BuildSettings {
    let dir = try TestSupport.copyFixture("valid")
    return BuildSettings(content: dir.appendingPathComponent("content"), templates: TestSupport.templates, output: dir.appendingPathComponent("public"))
  }

  func testADeckThatFailsThrowsItsErrorInsteadOfGivingAnEmptyFile() throws {
    let site = Pipeline.renderInMemory(try settings(), cache: nil, memo: nil, deck: Self.failingDeck)
    XCTAssertNotNil(site.files, "the pages still build")
    let deck = try XCTUnwrap(site.deferred.keys.first { $0.hasSuffix(".apkg") })
    XCTAssertThrowsError(try site.allFiles()) { error in
      XCTAssertEqual(
        (error as? Diagnostic)?.description,
        "error: could not build the Anki deck \(deck): the collection could not be serialised (injected by the test). "
          + "Nothing in the guide's files is known to cause this: please report it as a bug of syllabus, with the guide that shows it")
    }
    XCTAssertNoThrow(try Pipeline.renderInMemory(try settings()).allFiles(), "the real deck builds")
  }

  func testServeAnswersAFailedDeckWithAnErrorPrintsItOnceAndShowsItOnOpenPages() async throws {
    let settings = try settings()
    let deck = try XCTUnwrap(Pipeline.renderInMemory(settings).deferred.keys.first { $0.hasSuffix(".apkg") })
    let server = DevServer(settings: settings, options: .init(port: 0))
    server.render = { Pipeline.renderInMemory($0, cache: $1, memo: $2, deck: Self.failingDeck) }
    let printed = Printed()
    server.onRebuild = { line, diagnostics in printed.append(line, diagnostics) }
    let port = try await server.start()
    let before = await server.state.current.version

    let first = try await Self.get("/\(deck)", port: port)
    XCTAssertEqual(first.status, 500)
    XCTAssertEqual(first.headers["content-type"], "text/plain; charset=utf-8")
    XCTAssertTrue(first.body.hasPrefix("error: could not build the Anki deck \(deck): the collection could not be serialised"), first.body)
    let again = try await Self.get("/\(deck)", port: port)
    XCTAssertEqual(again.status, 500)
    XCTAssertEqual(again.body, first.body)
    let home = try await Self.get("/", port: port)
    XCTAssertEqual(home.status, 200, "the pages are still served")

    let failures = printed.lines.filter { $0.line.contains("could not be built") }
    XCTAssertEqual(failures.count, 1, "printed once, not per request: \(printed.lines)")
    XCTAssertEqual(failures.first?.diagnostics.map(\.description), [first.body.trimmingCharacters(in: .newlines)])

    // Open pages hear of it as a new version whose diagnostics carry the error.
    let state = await server.state.current
    XCTAssertEqual(state.version, before + 1)
    XCTAssertFalse(state.failing)
    let json = try JSONSerialization.jsonObject(with: DevServer.json(state)) as? [String: Any]
    let errors = (json?["diagnostics"] as? [[String: Any]])?.filter { $0["severity"] as? String == "error" }
    XCTAssertEqual(errors?.count, 1)
    XCTAssertEqual(errors?.first?["file"] as? String, "", "no source file is at fault; the overlay prints no location")
    XCTAssertTrue(LiveReloadScript.source.contains("if (errors.length) { showErrors("), "the overlay shows errors of a site that built")
    await server.stop()
  }

  /// A deck takes seconds at 10k questions: while it builds, pages are still served, and a
  /// second request for it waits for the same build instead of starting another.
  func testPagesAreServedWhileTheDeckBuildsAndTheDeckIsBuiltOnce() async throws {
    let settings = try settings()
    let deck = try XCTUnwrap(Pipeline.renderInMemory(settings).deferred.keys.first { $0.hasSuffix(".apkg") })
    let gate = Gate()
    let server = DevServer(settings: settings, options: .init(port: 0))
    server.render = { settings, cache, memo in
      Pipeline.renderInMemory(settings, cache: cache, memo: memo) { site, documents, style, settings in
        gate.enter()
        return try Pipeline.deck(site, documents: documents, style: style, settings: settings)
      }
    }
    let port = try await server.start()
    async let first = Self.get("/\(deck)", port: port)
    let started = await gate.waitUntilEntered(seconds: 60)
    XCTAssertTrue(started, "the deck's build started")
    async let second = Self.get("/\(deck)", port: port)
    let home = try await Self.get("/", port: port)
    XCTAssertEqual(home.status, 200, "a page is served while the deck builds")
    XCTAssertEqual(gate.entries, 1)
    gate.open()
    let (a, b) = try await (first, second)
    XCTAssertEqual(a.status, 200)
    XCTAssertEqual(b.status, 200)
    XCTAssertEqual(a.body, b.body)
    XCTAssertEqual(gate.entries, 1, "both requests got the one build")
    await server.stop()
  }

  /// The state's JSON is written by hand (nothing can fail and become `{}`): it must still be
  /// JSON for any message.
  func testStateJSONHoldsAnyMessage() throws {
    let message = "a \"quote\", a back\\slash, a\ttab, a\nnewline, </script>, é, \u{2028}, \u{01}"
    let snapshot = SiteState.Snapshot(
      version: 7, files: [:], diagnostics: [.error(SourceLocation(file: "content/\"odd\".md", line: 2, column: 5), message), .warning(.nowhere, "w")],
      failing: true)
    let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: DevServer.json(snapshot)) as? [String: Any])
    XCTAssertEqual(object["version"] as? Int, 7)
    XCTAssertEqual(object["failing"] as? Bool, true)
    let diagnostics = try XCTUnwrap(object["diagnostics"] as? [[String: Any]])
    XCTAssertEqual(diagnostics.first?["message"] as? String, message)
    XCTAssertEqual(diagnostics.first?["file"] as? String, "content/\"odd\".md")
    XCTAssertEqual(diagnostics.first?["line"] as? Int, 2)
    XCTAssertEqual(diagnostics.first?["column"] as? Int, 5)
    XCTAssertEqual(diagnostics.last?["severity"] as? String, "warning")
  }

  func testADiagnosticAboutNoFilePrintsWithoutALocation() {
    XCTAssertEqual(Diagnostic.error(.nowhere, "what, and how to fix it").description, "error: what, and how to fix it")
    XCTAssertEqual(Diagnostic.error(SourceLocation(file: "a.md", line: 2, column: 3), "x").description, "a.md:2:3: error: x")
  }

  /// A blocking request off the cooperative pool, so the server's tasks keep their threads.
  static func get(_ target: String, port: Int) async throws -> ServeTests.Response {
    try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(with: Result {
          try ServeTests.exchange("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n", port: port)
        })
      }
    }
  }
}

/// What the server asked the CLI to print, from whichever thread.
final class Printed: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: [(line: String, diagnostics: [Diagnostic])] = []

  func append(_ line: String, _ diagnostics: [Diagnostic]) {
    lock.lock()
    stored.append((line, diagnostics))
    lock.unlock()
  }

  var lines: [(line: String, diagnostics: [Diagnostic])] {
    lock.lock()
    defer { lock.unlock() }
    return stored
  }
}

/// Holds the deck maker until the test opens it, counting how often it was entered.
final class Gate: @unchecked Sendable {
  private let lock = NSCondition()
  private var entered = 0
  private var isOpen = false

  func enter() {
    lock.lock()
    entered += 1
    lock.broadcast()
    while !isOpen { lock.wait() }
    lock.unlock()
  }

  /// Polls, so the test holds none of the concurrency pool's threads, which the server needs.
  func waitUntilEntered(seconds: Double) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while entries == 0 {
      if Date() > deadline { return false }
      try? await Task.sleep(nanoseconds: 10_000_000)
    }
    return true
  }

  var entries: Int {
    lock.lock()
    defer { lock.unlock() }
    return entered
  }

  func open() {
    lock.lock()
    isOpen = true
    lock.broadcast()
    lock.unlock()
  }
}
