import Foundation
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

@testable import SyllabusServer

/// `syllabus serve` end to end on a free loopback port, with raw HTTP requests so that
/// nothing (no client library) normalises the hostile targets before the server sees them.
final class ServeTests: XCTestCase {
  var process: Process?
  var port = 0
  var dir: URL!
  /// The first line `serve` printed.
  var banner = ""

  override func setUpWithError() throws {
    dir = try TestSupport.copyFixture("valid")
    let process = Process()
    process.executableURL = TestSupport.binary
    process.arguments = ["serve", "--port", "0", "--templates", TestSupport.templates.path]
    process.currentDirectoryURL = dir
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    self.process = process
    banner = String(decoding: out.fileHandleForReading.availableDataUntilNewline(), as: UTF8.self)
    let digits = banner.split(separator: ":").last?.prefix { $0.isNumber } ?? ""
    port = Int(digits) ?? 0
    XCTAssertGreaterThan(port, 0, "serve printed: \(banner)")
  }

  override func tearDown() {
    process?.terminate()
    process?.waitUntilExit()
  }

  struct Response {
    var status: Int
    var headers: [String: String]
    var body: String
  }

  /// Sends `request` as written and reads the whole response: up to the end of the head for
  /// a 101 (what follows is WebSocket frames, not text), else `Content-Length` bytes of body,
  /// else until the server closes. Each read waits on the data, so a test spends no time in
  /// the receive timeout, which is only a guard: reaching it fails the test.
  func raw(_ request: String, file: StaticString = #filePath, line: UInt = #line) throws -> Response {
    try Self.exchange(request, port: port, file: file, line: line)
  }

  /// `raw` to any loopback port (DeferredFileTests runs a server in the test process).
  static func exchange(_ request: String, port: Int, file: StaticString = #filePath, line: UInt = #line) throws -> Response {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    XCTAssertEqual(connected, 0, file: file, line: line)
    var timeout = timeval(tv_sec: 20, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    _ = request.withCString { send(fd, $0, strlen($0), 0) }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65_536)
    var head: String?
    var bodyStart = 0
    var length: Int?
    while head == nil || length.map({ data.count < bodyStart + $0 }) ?? true {
      let n = recv(fd, &buffer, buffer.count, 0)
      if n < 0 { XCTFail("no complete response within 20 s to \(request)", file: file, line: line) }
      if n <= 0 { break }
      data.append(contentsOf: buffer[0..<n])
      if head == nil, let end = data.firstRange(of: Data("\r\n\r\n".utf8)) {
        head = String(decoding: data[..<end.lowerBound], as: UTF8.self)
        bodyStart = end.upperBound
        if head!.hasPrefix("HTTP/1.1 101") { break }
        let lengthLine = head!.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
        length = lengthLine.flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }
      }
    }
    let lines = (head ?? "").components(separatedBy: "\r\n")
    let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
    var headers: [String: String] = [:]
    for line in lines.dropFirst() {
      let kv = line.split(separator: ":", maxSplits: 1)
      if kv.count == 2 { headers[kv[0].lowercased()] = kv[1].trimmingCharacters(in: .whitespaces) }
    }
    let body = head == nil || status == 101 ? "" : String(decoding: data[bodyStart...], as: UTF8.self)
    return Response(status: status, headers: headers, body: body)
  }

  func get(_ target: String, host: String? = nil, extra: String = "") throws -> Response {
    try raw("GET \(target) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\n\(extra)Connection: close\r\n\r\n")
  }

  func events(after version: Int) throws -> [String: Any] {
    let response = try get("/__syllabus/events?after=\(version)")
    return try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any] ?? [:]
  }

  /// The first site version after `version` for which `done` holds. One edit may cause more
  /// than one rebuild (inotify can report the temporary file of an atomic write and its rename
  /// apart), so the first announced version need not be the edit's; each call returns as soon
  /// as the server announces a version, and a few versions are looked at, no more.
  func site(after version: Int, file: StaticString = #filePath, line: UInt = #line, where done: ([String: Any]) throws -> Bool) throws -> [String: Any] {
    var seen = version
    for _ in 0..<5 {
      let snapshot = try events(after: seen)
      if try done(snapshot) { return snapshot }
      guard let next = snapshot["version"] as? Int, next > seen else { break }
      seen = next
    }
    XCTFail("no site version after \(version) shows the edit", file: file, line: line)
    return [:]
  }

  /// `--port 0` lets the system pick a free port; the first line names the one it got.
  func testPortZeroPrintsTheURLItActuallyListensOn() throws {
    XCTAssertEqual(banner, "Serving on http://127.0.0.1:\(port)/ (Ctrl-C to stop)\n")
    XCTAssertEqual(try get("/").status, 200, "the printed port is the one listening")
  }

  func testServesPagesAndAssetsWithContentTypes() throws {
    let home = try get("/")
    XCTAssertEqual(home.status, 200)
    XCTAssertEqual(home.headers["content-type"], "text/html; charset=utf-8")
    XCTAssertTrue(home.body.contains("<script src=\"/__syllabus/live.js?v="), "live-reload script injected")
    XCTAssertEqual(try get("/assets/style.css").headers["content-type"], "text/css; charset=utf-8")
    XCTAssertEqual(try get("/assets/app.js").headers["content-type"], "text/javascript; charset=utf-8")
    XCTAssertEqual(try get("/sitemap.xml").headers["content-type"], "application/xml")
    let missing = try get("/no/such/page.html")
    XCTAssertEqual(missing.status, 404)
    XCTAssertTrue(missing.body.contains("Page not found"))
    XCTAssertEqual(try get("/topics/").status, 404, "no directory listings")
  }

  func testTraversalInEveryEncodingIsRefused() throws {
    let secret = dir.appendingPathComponent("secret.txt")
    try "TOP SECRET".write(to: secret, atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("content/pages/link.md").path, withDestinationPath: secret.path)
    let targets = [
      "/../secret.txt", "/../../etc/passwd", "/%2e%2e/secret.txt", "/%2E%2E/%2E%2E/etc/passwd", "/..%2fsecret.txt",
      "/..%5csecret.txt", "/%252e%252e/secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt", "/index.html%00.css",
      "/.syllabus-manifest", "//etc/passwd", "/pages/link.html", "http://evil.example/../secret.txt",
      "/" + String(repeating: "a", count: 5_000),
    ]
    for target in targets {
      let response = try get(target)
      XCTAssertTrue([400, 404, 414].contains(response.status), "\(target) → \(response.status)")
      XCTAssertFalse(response.body.contains("TOP SECRET") || response.body.contains("root:x:0"), target)
    }
  }

  func testForeignHostAndOriginAreRefused() throws {
    XCTAssertEqual(try get("/", host: "evil.example").status, 403)
    XCTAssertEqual(try get("/", host: "evil.example:\(port)").status, 403)
    XCTAssertEqual(try get("/", host: "localhost:\(port)").status, 200)
    let upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
    XCTAssertEqual(try get("/__syllabus/live", extra: upgrade + "Origin: http://evil.example\r\n").status, 403)
    let accepted = try raw("GET /__syllabus/live HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\(upgrade)Origin: http://127.0.0.1:\(port)\r\n\r\n")
    XCTAssertEqual(accepted.status, 101)
  }

  func testEditReloadsOnlyAfterTheNewPageIsServedAndErrorsShowThenClear() throws {
    let start = try events(after: -1)
    let version = start["version"] as? Int ?? 0
    let page = dir.appendingPathComponent("content/pages/about.md")
    try "---\ntitle: \"About this guide\"\norder: 1\n---\n## Why\n\nFreshly edited text.\n".write(to: page, atomically: true, encoding: .utf8)
    // Each announced version is already served: the page is read right after the announcement.
    let edited = try site(after: version) { _ in try self.get("/pages/about.html").body.contains("Freshly edited text.") }
    XCTAssertEqual(edited["failing"] as? Bool, false)
    // The search index is built on first request (deferred), and must be the new site's.
    let index = try get("/assets/search-index.js")
    XCTAssertEqual(index.status, 200)
    XCTAssertEqual(index.headers["content-type"], "text/javascript; charset=utf-8")
    XCTAssertTrue(index.body.contains("\"freshly\":"), "the index knows the edited page's words")

    try "---\ntitle: \"About\"\norder: [1\n---\nBroken.\n".write(to: page, atomically: true, encoding: .utf8)
    let broken = try site(after: edited["version"] as? Int ?? 0) { $0["failing"] as? Bool == true }
    let first = (broken["diagnostics"] as? [[String: Any]])?.first
    XCTAssertEqual(first?["file"] as? String, "content/pages/about.md")
    XCTAssertEqual(first?["line"] as? Int, 4)
    XCTAssertTrue(try get("/pages/about.html").body.contains("Freshly edited text."), "the last good page stays")

    try "---\ntitle: \"About\"\norder: 1\n---\nFixed.\n".write(to: page, atomically: true, encoding: .utf8)
    let fixed = try site(after: broken["version"] as? Int ?? 0) { _ in try self.get("/pages/about.html").body.contains("Fixed.") }
    XCTAssertEqual(fixed["failing"] as? Bool, false)
    XCTAssertEqual((fixed["diagnostics"] as? [Any])?.count, 0)
    let fixedIndex = try get("/assets/search-index.js").body
    XCTAssertTrue(fixedIndex.contains("\"fixed\":") && !fixedIndex.contains("\"freshly\":"), "a newer site gets a newer index")
  }

  func testPolicyUnitRules() {
    XCTAssertEqual(RequestPolicy.file(forTarget: "/"), "index.html")
    XCTAssertEqual(RequestPolicy.file(forTarget: "/topics/a.html?x=1#y"), "topics/a.html")
    XCTAssertEqual(RequestPolicy.file(forTarget: "/tags/caf%C3%A9.html"), "tags/café.html")
    XCTAssertNil(RequestPolicy.file(forTarget: "/%2e%2e/x"))
    XCTAssertNil(RequestPolicy.file(forTarget: "/a/%252e%252e/x"))
    XCTAssertNil(RequestPolicy.file(forTarget: "http://h/x"))
    XCTAssertTrue(RequestPolicy.isAllowed(host: "[::1]:8000", boundHost: "127.0.0.1", port: 8000))
    XCTAssertFalse(RequestPolicy.isAllowed(host: "127.0.0.1.evil.com", boundHost: "127.0.0.1", port: 8000))
    XCTAssertFalse(RequestPolicy.isAllowed(origin: "null", boundHost: "127.0.0.1", port: 8000))
  }
}

extension FileHandle {
  /// Reads until the first newline (the serve banner), without waiting for the process to end.
  func availableDataUntilNewline() -> Data {
    var data = Data()
    while !data.contains(0x0A) {
      let chunk = availableData
      if chunk.isEmpty { break }
      data.append(chunk)
    }
    return data
  }
}

import SyllabusBuild

/// The incremental render `serve` uses must give exactly what a full render gives.
final class IncrementalRenderTests: XCTestCase {
  func testReusingPagesMatchesAFullRender() throws {
    let dir = try TestSupport.copyFixture("valid")
    let settings = BuildSettings(
      content: dir.appendingPathComponent("content"), templates: TestSupport.templates, output: dir.appendingPathComponent("public"))
    let cache = ParseCache()
    let first = Pipeline.renderInMemory(settings, cache: cache)
    XCTAssertNotNil(first.files)
    let edits: [(String, String)] = [
      ("content/questions/basics/second.md", "---\ntitle: \"A second question, with a \\\"quote\\\"?\"\nlevel: senior\ntags: [fundamentals]\n---\n## Answer\n\nLonger now.\n\n## Hints\n\n1. one\n"),
      // Question front matter only: re-rendered page by page (sources), not the whole site.
      ("content/questions/basics/second.md", "---\ntitle: \"Renamed second\"\nlevel: junior\ntags: [math, brand-new]\norder: 0\n---\n## Answer\n\nLonger now.\n\n## Hints\n\n1. one\n"),
      ("content/questions/basics/first.md", "---\ntitle: \"What is the first question?\"\nlevel: senior\ntags: [fundamentals]\ntldr: \"Changed.\"\norder: 1\npractice: true\n---\nContext before the sections.\n\n## Answer\n\nYes.\n\n## Hints\n\n1. A hint.\n"),
      ("content/questions/basics/second.md", "---\ntitle: \"Renamed second\"\nlevel: junior\ntags: [math]\norder: 3\n---\n## Answer\n\nLonger now.\n"),
      ("content/topics/advanced.md", "---\ntitle: \"Advanced <Topics> & More\"\nlayer: top\norder: 2\nrequires: [basics]\n---\nBuilds on [the basics](basics.md#concepts-1).\n\n## New section\n\n## Cheat sheet\n\n- two lines\n- now\n"),
      ("content/pages/about.md", "---\ntitle: \"Renamed page\"\norder: 1\n---\n## Why\n\nA title change touches every page's header.\n"),
    ]
    var memo = first.memo
    for (path, text) in edits {
      try text.write(to: dir.appendingPathComponent(path), atomically: true, encoding: .utf8)
      let incremental = Pipeline.renderInMemory(settings, cache: cache, memo: memo)
      let full = Pipeline.renderInMemory(settings)
      XCTAssertNotNil(full.files, "\(path): \(full.diagnostics.map(\.description))")
      let incrementalFiles = try incremental.allFiles() ?? [], fullFiles = try full.allFiles() ?? []
      XCTAssertEqual(incrementalFiles.map(\.path), fullFiles.map(\.path), path)
      XCTAssertTrue(incrementalFiles.contains { $0.path == "assets/search-index.js" })
      for (a, b) in zip(incrementalFiles, fullFiles) {
        XCTAssertEqual(a.contents, b.contents, "\(path) changes \(a.path)")
      }
      if path.hasPrefix("content/questions/") {
        let total = (incremental.files?.count ?? 0) + incremental.deferred.count
        XCTAssertLessThan(incremental.rendered, total, "\(path): a question edit must not re-render every page")
      }
      memo = incremental.memo
    }
  }
}
