import Foundation
import SyllabusMarkdown
import SyllabusModel
import SyllabusResolver

#if canImport(Glibc)
  import Glibc
#endif

/// The parse stage on every core. Each process parses on up to `maxThreads` threads: cmark's
/// inline step, a ninth of a parse (callgrind, bench corpus), takes turns under
/// `MarkdownParser`'s lock, so more threads than that would queue on it. Beyond that many
/// cores, each further `maxThreads` get a `ParseWorker` child process with its own copy of
/// cmark's global table. All take batches of bodies from one shared counter so that none
/// idles while another has a queue. Documents come back in the bodies' order whoever parsed
/// them, and a worker's are decoded from the encoding the build cache reads, so the output and
/// the diagnostics are those of a parse in this process.
///
/// A worker that dies, or answers what cannot be read, does not hang the build or lose pages
/// silently: the bodies it had not answered get documents whose one error says so, and the
/// build fails on it.
struct ParseWorkerPool {
  /// How a worker is started: the `syllabus` executable and `parse-worker` (see the CLI);
  /// nil: this process only.
  var command: [String]?
  /// Child processes to start; fewer when there are few bodies (a worker costs its start).
  var workers: Int
  /// Parse threads in each process.
  var threads: Int
  static let maxThreads = 8
  static let bodiesPerWorker = 400
  static let localBatch = 4
  /// Bodies per request: enough for every thread of the worker, twice over.
  var workerBatch: Int { 8 * max(1, threads) }

  init(command: [String]?, bodies: Int, cores: Int = ProcessInfo.processInfo.activeProcessorCount) {
    self.command = command
    let wanted = (max(1, cores) + Self.maxThreads - 1) / Self.maxThreads - 1
    workers = command == nil ? 0 : max(0, min(wanted, bodies / Self.bodiesPerWorker))
    threads = (max(1, cores) + workers) / (workers + 1)
  }

  /// The worker's command line: `command` and its thread count.
  var workerCommand: [String] { (command ?? []) + ["--threads", String(threads)] }

  /// Every body's document, in order, and the indices of those a worker lost (their document
  /// is the error; not to be cached). `parsed` is called once per parsed document, on
  /// whichever thread has it (the typesetter's prefetch).
  func parse(
    _ bodies: [MarkdownSource], options: MarkdownParser.Options, links: LinkTable, parsed: @escaping @Sendable (MarkdownDocument) -> Void
  ) -> (documents: [MarkdownDocument], lost: Set<Int>) {
    let next = Counter(limit: bodies.count)
    let results = Results(count: bodies.count)
    let group = DispatchGroup()
    if workers > 0 {
      let hello = ParseWorker.hello(options: options, links: links)
      for _ in 0..<workers {
        guard let child = WorkerProcess(command: workerCommand, hello: hello, batch: workerBatch) else { break }
        group.enter()
        Thread.detachNewThread {
          child.run(
            bodies, next: next,
            store: { i, document in
              results.set(i, document)
              parsed(document)
            },
            lose: { i, document in results.set(i, document, lost: true) })
          group.leave()
        }
      }
    }
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
      while let range = next.take(Self.localBatch) {
        for i in range {
          let document = ParseWorker.parse(bodies[i], options: options, links: links)
          results.set(i, document)
          parsed(document)
        }
      }
    }
    group.wait()
    // Whatever no one took (only when this process has no thread of its own) is parsed here.
    while let range = next.take(Self.localBatch) {
      for i in range {
        let document = ParseWorker.parse(bodies[i], options: options, links: links)
        results.set(i, document)
        parsed(document)
      }
    }
    return results.value
  }

  /// The documents as they come in, from any thread.
  final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var documents: [MarkdownDocument]
    private var lost: Set<Int> = []
    init(count: Int) { documents = Array(repeating: .empty, count: count) }
    func set(_ i: Int, _ document: MarkdownDocument, lost isLost: Bool = false) {
      lock.withLock {
        documents[i] = document
        if isLost { lost.insert(i) }
      }
    }
    var value: (documents: [MarkdownDocument], lost: Set<Int>) { lock.withLock { (documents, lost) } }
  }

  /// The next batch of indices, for whoever asks first.
  final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let limit: Int
    init(limit: Int) { self.limit = limit }
    func take(_ count: Int) -> Range<Int>? {
      lock.withLock {
        guard next < limit else { return nil }
        let range = next..<min(limit, next + count)
        next = range.upperBound
        return range
      }
    }
  }
}

/// One running worker and the two threads that talk to it: this one reads answers while a
/// writer sends requests, at most two batches ahead (with both pipes full and one thread,
/// neither side would move; with no limit, one worker would take every body).
final class WorkerProcess: @unchecked Sendable {
  private let process: Process
  private let input: FileHandle
  private let output: FileHandle
  private let state = NSCondition()
  private var inFlight: [Range<Int>] = []
  private var writerDone = false
  private var dead = false
  private let hello: [UInt8]
  private let batch: Int

  init?(command: [String], hello: [UInt8], batch: Int) {
    guard let executable = command.first else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = Array(command.dropFirst())
    let stdin = Pipe(), stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    // A crash's own report (a Swift fatal error, a signal) reaches the terminal.
    process.standardError = FileHandle.standardError
    do { try process.run() } catch { return nil }
    self.process = process
    input = stdin.fileHandleForWriting
    output = stdout.fileHandleForReading
    self.hello = hello
    self.batch = batch
  }

  /// Parses batches taken from `next` until there are none, handing each document to `store`
  /// with its index. The bodies of a failed answer get a document with an error instead.
  func run(
    _ bodies: [MarkdownSource], next: ParseWorkerPool.Counter, store: (Int, MarkdownDocument) -> Void, lose: (Int, MarkdownDocument) -> Void
  ) {
    Thread.detachNewThread { [self] in write(bodies, next: next) }
    while let range = nextInFlight() {
      let frame = Frame.read(from: output.fileDescriptor)
      guard let frame, let documents = Self.documents(frame, count: range.count) else {
        fail(garbled: frame != nil, bodies: bodies, lose: lose)
        return
      }
      for (i, document) in zip(range, documents) { store(i, document) }
      state.lock()
      inFlight.removeFirst()
      state.broadcast()
      state.unlock()
    }
    try? output.close()
    process.waitUntilExit()
  }

  private func write(_ bodies: [MarkdownSource], next: ParseWorkerPool.Counter) {
    // The first batch is taken before the hello is sent: a worker that dies at once then fails
    // on it, with the message of any other failure, instead of passing unnoticed.
    var range = claim(next)
    var sending = range != nil && Frame.write(hello, to: input.fileDescriptor)
    while sending, let batch = range {
      sending = Frame.write(ParseWorker.request(bodies[batch]), to: input.fileDescriptor)
      range = sending ? claim(next) : nil
    }
    try? input.close()
    state.lock()
    writerDone = true
    state.broadcast()
    state.unlock()
  }

  /// The next batch for this worker, once fewer than two are unanswered; nil when there is
  /// none left or the worker failed.
  private func claim(_ next: ParseWorkerPool.Counter) -> Range<Int>? {
    state.lock()
    defer { state.unlock() }
    while inFlight.count >= 2 && !dead { state.wait() }
    let range = dead ? nil : next.take(batch)
    if let range { inFlight.append(range) }
    state.broadcast()
    return range
  }

  /// The oldest batch not answered yet; nil once the writer has sent its last.
  private func nextInFlight() -> Range<Int>? {
    state.lock()
    defer { state.unlock() }
    while inFlight.isEmpty && !writerDone { state.wait() }
    return inFlight.first
  }

  private static func documents(_ frame: [UInt8], count: Int) -> [MarkdownDocument]? {
    var r = CacheReader(frame)
    guard let documents = r.list({ DocumentCoding.read(&$0) }), documents.count == count, r.atEnd else { return nil }
    return documents
  }

  /// The worker is gone or garbled: no more requests, and every body it holds is an error.
  /// `garbled`: it answered what cannot be read (else its output ended); it is stopped then,
  /// so that the writer, perhaps blocked on a full pipe, gets EPIPE.
  private func fail(garbled: Bool, bodies: [MarkdownSource], lose: (Int, MarkdownDocument) -> Void) {
    if garbled { process.terminate() }
    state.lock()
    dead = true
    state.broadcast()
    while !writerDone { state.wait() }
    let lost = inFlight.flatMap { Array($0) }
    state.unlock()
    try? output.close()
    process.waitUntilExit()
    let how =
      garbled ? "answered what could not be read"
      : process.terminationReason == .uncaughtSignal
        ? "was killed by signal \(process.terminationStatus)" : "stopped with exit status \(process.terminationStatus)"
    for i in lost {
      var document = MarkdownDocument.empty
      document.diagnostics = [
        .error(
          SourceLocation(file: bodies[i].displayPath),
          "not parsed: the parse worker process (pid \(process.processIdentifier)) \(how) before it returned this file; "
            + "nothing was written. Build again; if it happens again, please report it as a bug of syllabus")
      ]
      lose(i, document)
    }
  }
}
