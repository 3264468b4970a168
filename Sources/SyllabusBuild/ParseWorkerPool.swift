import Foundation
import SyllabusMarkdown
import SyllabusModel
import SyllabusResolver

#if canImport(Glibc)
  import Glibc
#endif

/// The parse stage on every core: this process parses on one thread and each other core gets
/// a `ParseWorker` child, all taking batches of bodies from one shared counter so that none
/// idles while another has a queue. Documents come back in the bodies' order whoever parsed
/// them, and a worker's documents are decoded from the same encoding the build cache reads, so
/// the output and the diagnostics are those of a parse in this process.
///
/// A worker that dies, or answers what cannot be read, does not hang the build or lose pages
/// silently: the bodies it had not answered get documents whose one error says so, and the
/// build fails on it.
struct ParseWorkerPool {
  /// How a worker is started: the `syllabus` executable and `parse-worker` (see the CLI).
  var command: [String]
  /// Child processes to start; fewer when there are few bodies (a worker costs its start).
  var workers: Int
  static let bodiesPerWorker = 400
  static let workerBatch = 32
  static let localBatch = 8

  /// One worker per core beyond the first, when there is enough to parse to pay for it.
  init(command: [String], bodies: Int, cores: Int = ProcessInfo.processInfo.activeProcessorCount) {
    self.command = command
    workers = max(0, min(cores - 1, bodies / Self.bodiesPerWorker))
  }

  /// Every body's document, in order, and the indices of those a worker lost (their document
  /// is the error; not to be cached). `parsed` is called once per parsed document, on
  /// whichever thread has it (the typesetter's prefetch).
  func parse(
    _ bodies: [MarkdownSource], options: MarkdownParser.Options, links: LinkTable, parsed: @escaping @Sendable (MarkdownDocument) -> Void
  ) -> (documents: [MarkdownDocument], lost: Set<Int>) {
    let next = Counter(limit: bodies.count)
    let lost = NSLock()
    var lostIndices: Set<Int> = []
    var out = [MarkdownDocument?](repeating: nil, count: bodies.count)
    let hello = ParseWorker.hello(options: options, links: links)
    out.withUnsafeMutableBufferPointer { buffer in
      let out = buffer
      let group = DispatchGroup()
      for _ in 0..<workers {
        guard let child = WorkerProcess(command: command, hello: hello) else { break }
        group.enter()
        Thread.detachNewThread {
          child.run(
            bodies, next: next,
            store: { i, document in
              out[i] = document
              parsed(document)
            },
            lose: { i, document in
              out[i] = document
              lost.withLock { _ = lostIndices.insert(i) }
            })
          group.leave()
        }
      }
      while let range = next.take(Self.localBatch) {
        for i in range {
          out[i] = ParseWorker.parse(bodies[i], options: options, links: links)
          parsed(out[i]!)
        }
      }
      group.wait()
    }
    return (out.map { $0 ?? .empty }, lostIndices)
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

  init?(command: [String], hello: [UInt8]) {
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
    // A worker that cannot take its hello fails its first request, with the same message.
    var sending = Frame.write(hello, to: input.fileDescriptor)
    while sending {
      state.lock()
      while inFlight.count >= 2 && !dead { state.wait() }
      let range = dead ? nil : next.take(ParseWorkerPool.workerBatch)
      if let range { inFlight.append(range) }
      state.broadcast()
      state.unlock()
      guard let range else { break }
      sending = Frame.write(ParseWorker.request(bodies[range]), to: input.fileDescriptor)
    }
    try? input.close()
    state.lock()
    writerDone = true
    state.broadcast()
    state.unlock()
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
