import Foundation
import SyllabusBuild
import SyllabusModel

/// The site `serve` shows: the last good build, the diagnostics of the latest attempt, and a
/// version that changes only after a new site (or a new error) has been put in place, so a
/// reload announced to a page always lands on a complete site.
public actor SiteState {
  public struct Snapshot: Sendable {
    public var version: Int
    public var files: [String: Data]
    public var diagnostics: [Diagnostic]
    /// True when the latest attempt failed and `files` is the last good site.
    public var failing: Bool
  }

  private var snapshot = Snapshot(version: 0, files: [:], diagnostics: [], failing: false)
  /// Files of the current site not built yet (the search index, the deck): built on first request.
  private var deferred: [String: Pipeline.DeferredFile] = [:]
  /// Deferred files of the current site that failed, with why: answered without trying again.
  private var failures: [String: Diagnostic] = [:]
  /// Deferred files being built, off the actor: a 10k guide's deck takes seconds, and pages,
  /// reload events and the next rebuild must not wait for it. Requests for the same file
  /// share one build.
  private var building: [String: Task<Result<Data, Diagnostic>, Never>] = [:]
  /// Which site `deferred` and `building` belong to: a build that ends after the next site
  /// was published answers its own requests and is not kept.
  private var site = 0
  private var waiters: [(after: Int, continuation: CheckedContinuation<Snapshot, Never>)] = []

  public init() {}

  public var current: Snapshot { snapshot }

  /// A finished rebuild: new files when it succeeded, nil to keep the last good ones.
  public func publish(files: [OutputFile]?, deferred: [String: Pipeline.DeferredFile] = [:], diagnostics: [Diagnostic]) {
    var next = snapshot
    next.diagnostics = diagnostics
    next.failing = files == nil
    if let files {
      next.files = Dictionary(files.map { ($0.path, $0.contents) }, uniquingKeysWith: { $1 })
      self.deferred = deferred
      failures = [:]
      building = [:]
      site += 1
    }
    announce(next)
  }

  /// A new version: waiters (open pages, `/__syllabus/events`) hear of it at once.
  private func announce(_ state: Snapshot) {
    var next = state
    next.version += 1
    snapshot = next
    let ready = waiters.filter { $0.after < next.version }
    waiters.removeAll { $0.after < next.version }
    for waiter in ready { waiter.continuation.resume(returning: next) }
  }

  /// A file of the current site as a request finds it.
  public enum Lookup: Sendable, Equatable {
    case file(Data)
    /// A deferred file that could not be built; `first` for the request that tried, which
    /// reports it (later ones get the same answer without building again).
    case failed(Diagnostic, first: Bool)
  }

  /// One file of the current site, building it first if it was deferred: built once per site,
  /// outside the actor, by the first request, which the others for it join. A failure joins the
  /// diagnostics as a new version, so open pages show it over the site.
  public func file(at path: String) async -> Lookup? {
    if let data = snapshot.files[path] { return .file(data) }
    if let failure = failures[path] { return .failed(failure, first: false) }
    if let running = building[path] { return Self.lookup(await running.value, first: false) }
    guard let make = deferred.removeValue(forKey: path) else { return nil }
    // On a dispatch thread, not the concurrency pool: seconds of blocking work would hold
    // one of the pool's few threads, which serve every connection.
    let task = Task.detached {
      await withCheckedContinuation { (done: CheckedContinuation<Result<Data, Diagnostic>, Never>) in
        DispatchQueue.global(qos: .userInitiated).async {
          do throws(Diagnostic) { done.resume(returning: .success(try make().contents)) } catch { done.resume(returning: .failure(error)) }
        }
      }
    }
    building[path] = task
    let builtFor = site
    let result = await task.value
    // A newer site came meanwhile: this answer is the old site's, for this request alone
    // (and its failure is not reported: the new site builds the file anew).
    guard builtFor == site else { return Self.lookup(result, first: false) }
    building[path] = nil
    switch result {
    case .success(let data):
      snapshot.files[path] = data
    case .failure(let error):
      failures[path] = error
      var next = snapshot
      next.diagnostics = (next.diagnostics + [error]).normalized()
      announce(next)
    }
    return Self.lookup(result, first: true)
  }

  private static func lookup(_ result: Result<Data, Diagnostic>, first: Bool) -> Lookup {
    switch result {
    case .success(let data): return .file(data)
    case .failure(let error): return .failed(error, first: first)
    }
  }

  /// Returns as soon as the version is past `version`, or after `timeout` seconds.
  public func next(after version: Int, timeout: Double) async -> Snapshot {
    if snapshot.version > version { return snapshot }
    let deadline = Task { [weak self] in
      try? await Task.sleep(nanoseconds: UInt64(timeout * 1e9))  // throws only when cancelled: the answer came first
      await self?.expire(after: version)
    }
    defer { deadline.cancel() }
    return await withCheckedContinuation { continuation in
      waiters.append((version, continuation))
    }
  }

  private func expire(after version: Int) {
    let expired = waiters.filter { $0.after == version }
    waiters.removeAll { $0.after == version }
    for waiter in expired { waiter.continuation.resume(returning: snapshot) }
  }
}
