import FlyingFox
import FlyingSocks
import Foundation
import SyllabusBuild
import SyllabusModel

/// `syllabus serve`: builds the guide in memory, serves it from there, rebuilds when a source
/// changes and tells open pages to reload once the new site is in place.
public final class DevServer: @unchecked Sendable {
  public struct Options: Sendable {
    public var host: String
    public var port: UInt16
    public var pollInterval: Double

    public init(host: String = "127.0.0.1", port: UInt16 = 8000, pollInterval: Double = 0.15) {
      self.host = host
      self.port = port
      self.pollInterval = pollInterval
    }
  }

  let settings: BuildSettings
  let options: Options
  public let state = SiteState()
  private let cache = ParseCache()
  /// Touched only on `rebuildQueue`.
  private var memo: Pipeline.RenderMemo?
  private let rebuildQueue = DispatchQueue(label: "syllabus.rebuild")
  private var watcher: SourceWatcher?
  #if canImport(Glibc)
    private var inotify: InotifyWatcher?
  #endif
  private var server: HTTPServer?
  private(set) var boundPort = 0
  /// Called after each rebuild with its report line and diagnostics (the CLI prints them), and
  /// when a file built on request (the deck) fails, with that failure.
  public var onRebuild: @Sendable (String, [Diagnostic]) -> Void = { _, _ in }
  /// How a rebuild renders: `Pipeline.renderInMemory`; tests swap in one that fails.
  var render: @Sendable (BuildSettings, ParseCache, Pipeline.RenderMemo?) -> Pipeline.InMemorySite = {
    Pipeline.renderInMemory($0, cache: $1, memo: $2)
  }

  public init(settings: BuildSettings, options: Options) {
    self.settings = settings
    self.options = options
  }

  /// Why the server could not listen: the socket call's errno, for the CLI to explain.
  public struct ListenFailure: Error, Sendable {
    /// `host:port` as a URL writes it (`[::1]:8000`).
    public var address: String
    public var code: Int32
  }

  /// Listens first, so a taken or foreign address fails at once rather than after a build; then
  /// builds once (requests that arrive meanwhile wait for it) and starts watching. Returns the
  /// port actually bound (`port: 0` picks a free one).
  public func start() async throws -> Int {
    let server: HTTPServer
    if options.host.contains(":") {
      server = HTTPServer(address: try sockaddr_in6.inet6(ip6: options.host, port: options.port), timeout: 10, logger: .disabled)
    } else {
      server = HTTPServer(address: try sockaddr_in.inet(ip4: options.host, port: options.port), timeout: 10, logger: .disabled)
    }
    self.server = server
    await server.appendRoute("GET /__syllabus/live") { [unowned self] request in await self.liveReload(request) }
    await server.appendRoute("GET /__syllabus/live.js") { _ in
      HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"], body: Data(LiveReloadScript.source.utf8))
    }
    await server.appendRoute("GET /__syllabus/events") { [unowned self] request in await self.events(request) }
    await server.appendRoute("POST /__syllabus/rebuild") { [unowned self] request in
      if let refusal = self.refused(request) { return refusal }
      await self.rebuild(reason: "requested")
      return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: Self.json(await self.state.current))
    }
    await server.appendRoute("*") { [unowned self] request in await self.page(request) }
    do {
      try await Self.listen(server)
    } catch SocketError.failed(_, let code, _) {
      let display = options.host.contains(":") ? "[\(options.host)]" : options.host
      throw ListenFailure(address: "\(display):\(options.port)", code: code)
    }
    if case .ip6(_, let port) = await server.listeningAddress { boundPort = Int(port) }
    if case .ip4(_, let port) = await server.listeningAddress { boundPort = Int(port) }
    await rebuild(reason: "initial build")
    let folders = [settings.content] + [settings.templates].compactMap { $0 }
    let changed: @Sendable () -> Void = { [unowned self] in Task { await self.rebuild(reason: "change") } }
    #if canImport(Glibc)
      inotify = InotifyWatcher(folders: folders, onChange: changed)
      inotify?.start()
      if inotify == nil { onRebuild("inotify unavailable: watching by polling every \(Int(options.pollInterval * 1000)) ms", []) }
      if inotify != nil { return boundPort }
    #endif
    watcher = SourceWatcher(folders: folders, interval: options.pollInterval, onChange: changed)
    watcher?.start()
    return boundPort
  }

  /// Returns once `server` listens, or throws as soon as binding fails: FlyingFox's
  /// `waitUntilListening` alone would sit out its whole timeout when `run()` has already failed.
  private static func listen(_ server: HTTPServer) async throws {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
      let once = ResumeOnce(continuation)
      Task {
        do { try await server.run() } catch { once.resume(with: .failure(error)) }
      }
      Task {
        do {
          try await server.waitUntilListening(timeout: 10)
          once.resume(with: .success(()))
        } catch { once.resume(with: .failure(error)) }
      }
    }
  }

  public func stop() async {
    watcher?.stop()
    #if canImport(Glibc)
      inotify?.stop()
    #endif
    await server?.stop(timeout: 1)
  }

  /// One rebuild at a time; the new site replaces the old only when complete.
  public func rebuild(reason: String) async {
    let started = Date()
    let result = await withCheckedContinuation { continuation in
      rebuildQueue.async { [self] in
        let result = render(settings, cache, memo)
        memo = result.memo
        continuation.resume(returning: result)
      }
    }
    await state.publish(files: result.files, deferred: result.deferred, diagnostics: result.diagnostics)
    let ms = Int(Date().timeIntervalSince(started) * 1000)
    let diagnostics = result.diagnostics
    let errors = diagnostics.filter { $0.severity == .error }
    if let files = result.files {
      onRebuild("\(reason): rebuilt in \(ms) ms (\(result.rendered) of \(files.count + result.deferred.count) files changed)", diagnostics)
    } else {
      onRebuild("\(reason): build failed with \(errors.count) error(s) in \(ms) ms; still serving the last good site", diagnostics)
    }
  }

  // MARK: - Requests

  private func refused(_ request: HTTPRequest) -> HTTPResponse? {
    if !RequestPolicy.isAllowed(host: request.headers[.host], boundHost: options.host, port: boundPort) {
      return HTTPResponse(statusCode: .forbidden, headers: [.contentType: "text/plain"], body: Data("Host not allowed: syllabus serve answers only to its own address.\n".utf8))
    }
    return nil
  }

  func page(_ request: HTTPRequest) async -> HTTPResponse {
    if let refusal = refused(request) { return refusal }
    guard request.method == .GET || request.method == .HEAD else {
      let allow: HTTPHeaders = [HTTPHeader("Allow"): "GET, HEAD"]
      return HTTPResponse(statusCode: .methodNotAllowed, headers: allow)
    }
    var snapshot = await state.current
    // Version 0: the first build is still running (the server listens before it); wait for it.
    if snapshot.version == 0 { snapshot = await state.next(after: 0, timeout: 60) }
    guard let path = RequestPolicy.file(forTarget: request.target.path(percentEncoded: true)) else {
      return notFound(snapshot)
    }
    if snapshot.files.isEmpty { return noSiteYet(snapshot) }
    switch await state.file(at: path) {
    case nil:
      return notFound(snapshot)
    case .failed(let diagnostic, let first)?:
      if first { onRebuild("/\(path) could not be built; the rest of the site is served", [diagnostic]) }
      let text = Data("\(diagnostic)\n".utf8)
      return HTTPResponse(
        statusCode: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
        body: request.method == .HEAD ? Data() : text)
    case .file(var body)?:
      if path.hasSuffix(".html") { body = inject(body, version: snapshot.version) }
      return HTTPResponse(statusCode: .ok, headers: headers(for: path), body: request.method == .HEAD ? Data() : body)
    }
  }

  private func notFound(_ snapshot: SiteState.Snapshot) -> HTTPResponse {
    if snapshot.files.isEmpty { return noSiteYet(snapshot) }
    let body = snapshot.files["404.html"].map { inject($0, version: snapshot.version) } ?? Data("Not found\n".utf8)
    return HTTPResponse(statusCode: .notFound, headers: headers(for: "404.html"), body: body)
  }

  /// Before the first successful build there is no last good page to show the errors over.
  private func noSiteYet(_ snapshot: SiteState.Snapshot) -> HTTPResponse {
    let items = snapshot.diagnostics.map { "<li>\(HTML.escape($0.description))</li>" }.joined()
    let html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title></head><body><main><h1>The guide does not build yet</h1><p>Fix these and the page reloads by itself:</p><ul>\(items)</ul></main></body></html>"
    return HTTPResponse(statusCode: .serviceUnavailable, headers: headers(for: "index.html"), body: inject(Data(html.utf8), version: snapshot.version))
  }

  private func headers(for path: String) -> HTTPHeaders {
    [.contentType: RequestPolicy.contentType(for: path), .cacheControl: "no-store", HTTPHeader("X-Content-Type-Options"): "nosniff"]
  }

  private func inject(_ html: Data, version: Int) -> Data {
    let tag = "<script src=\"/__syllabus/live.js?v=\(version)\"></script>\n</body>"
    let text = String(decoding: html, as: UTF8.self)
    guard let range = text.range(of: "</body>", options: .backwards) else { return html }
    return Data(text.replacingCharacters(in: range, with: tag).utf8)
  }

  /// Long poll for tools and tests: answers when the version passes `after`.
  func events(_ request: HTTPRequest) async -> HTTPResponse {
    if let refusal = refused(request) { return refusal }
    let after = Int(request.query["after"] ?? "") ?? -1
    let snapshot = await state.next(after: after, timeout: 25)
    return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: Self.json(snapshot))
  }

  func liveReload(_ request: HTTPRequest) async -> HTTPResponse {
    if let refusal = refused(request) { return refusal }
    guard RequestPolicy.isAllowed(origin: request.headers[HTTPHeader("Origin")], boundHost: options.host, port: boundPort) else {
      return HTTPResponse(statusCode: .forbidden, headers: [.contentType: "text/plain"], body: Data("Origin not allowed.\n".utf8))
    }
    let handler = WebSocketHTTPHandler(handler: MessageFrameWSHandler(handler: LiveReloadChannel(state: state)))
    // Deliberate: the handler throws only for a request that is not a WebSocket upgrade, and
    // such a request is answered as what it is, a bad request.
    return (try? await handler.handleRequest(request)) ?? HTTPResponse(statusCode: .badRequest)
  }

  /// The state as open pages and `/__syllabus/events` read it. Written by hand from strings
  /// and numbers, so there is no failure to hide (JSONSerialization's could only be papered
  /// over with `{}`, which pages would read as "no errors").
  static func json(_ snapshot: SiteState.Snapshot) -> Data {
    let diagnostics = snapshot.diagnostics.map {
      "{\"column\":\($0.location.column),\"file\":\(JSONText.quote($0.location.file)),\"line\":\($0.location.line),"
        + "\"message\":\(JSONText.quote($0.message)),\"severity\":\(JSONText.quote($0.severity.rawValue))}"
    }
    return Data("{\"diagnostics\":[\(diagnostics.joined(separator: ","))],\"failing\":\(snapshot.failing),\"version\":\(snapshot.version)}".utf8)
  }
}

/// Resumes a continuation with whichever result arrives first and ignores the rest.
private final class ResumeOnce: @unchecked Sendable {
  private let lock = NSLock()
  private var continuation: CheckedContinuation<Void, Error>?

  init(_ continuation: CheckedContinuation<Void, Error>) { self.continuation = continuation }

  func resume(with result: Result<Void, Error>) {
    lock.lock()
    let pending = continuation
    continuation = nil
    lock.unlock()
    pending?.resume(with: result)
  }
}

/// Pushes the site state to one open page: once on connect, then after every rebuild.
struct LiveReloadChannel: WSMessageHandler {
  let state: SiteState

  func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
    AsyncStream { continuation in
      let task = Task {
        var seen = -1
        while !Task.isCancelled {
          let snapshot = await state.next(after: seen, timeout: 30)
          if snapshot.version != seen {
            seen = snapshot.version
            continuation.yield(.text(String(decoding: DevServer.json(snapshot), as: UTF8.self)))
          }
        }
      }
      let reader = Task {
        for await message in client { if case .close = message { break } }
        task.cancel()
        continuation.finish()
      }
      continuation.onTermination = { _ in
        task.cancel()
        reader.cancel()
      }
    }
  }
}
