import Foundation

#if canImport(Glibc)
  import Glibc
#endif
import SyllabusModel

/// A site being written: the staging folder `OutputWriter.begin` made beside the output,
/// whose manifest already lists every path the site will have. The caller hands the files
/// over in batches as they are made (`write`), so a batch's bytes can be freed once written
/// instead of the whole site waiting in memory for the write stage; `commit` swaps the
/// folder in once every listed path has arrived. Any failure removes the folder (only what
/// its manifest lists) and leaves the previous site as it was; after one, every call throws.
public final class StagedSite {
  let writer: OutputWriter
  let folder: URL
  let previous: PreviousOutput?
  /// The listed paths no batch has brought yet (the unchanged ones were linked by `begin`).
  private var missing: Set<String>
  private var closed = false

  init(writer: OutputWriter, folder: URL, previous: PreviousOutput?, missing: Set<String>) {
    self.writer = writer
    self.folder = folder
    self.previous = previous
    self.missing = missing
  }

  /// Writes one batch into the staging folder, on every core. A path the manifest does not
  /// list, or one already written, fails the site: the folder must hold exactly what its
  /// manifest says, or a later build would find a file it cannot vouch for.
  public func write(_ files: [OutputFile]) throws {
    guard !closed else { throw abandoned() }
    for file in files where missing.remove(file.path) == nil {
      throw fail("\(file.path) is not among the site's planned files, or was written twice")
    }
    if let problem = writeAll(files) { throw fail(problem) }
  }

  /// Writes one listed file whose bytes `make` hands to `emit` piece by piece, in order (a
  /// print document, written as it is made so it is never whole in memory). The same rules
  /// as `write(_:)`: a path not listed or already written fails the site, and a file equal to
  /// the previous site's copy is staged as a link to it.
  public func write(_ path: String, pieces make: (_ emit: (UnsafeRawBufferPointer) -> Void) -> Void) throws {
    guard !closed else { throw abandoned() }
    guard missing.remove(path) != nil else {
      throw fail("\(path) is not among the site's planned files, or was written twice")
    }
    var reason = ""
    guard let file = PieceWriter(path: folder.path + "/" + path, previous: previous.map { $0.folder + "/" + path }, reason: &reason) else {
      throw fail("\(path): \(reason)")
    }
    make(file.append)
    if let problem = file.finish() { throw fail("\(path): \(problem)") }
  }

  /// Swaps the staged site in for the previous one, once every listed path is written.
  public func commit() throws {
    guard !closed else { throw abandoned() }
    if !missing.isEmpty {
      let shown = missing.sorted().prefix(3).joined(separator: ", ")
      throw fail("\(missing.count) planned files were never made (\(shown)\(missing.count > 3 ? ", …" : ""))")
    }
    do {
      try writer.swapIn(folder)
    } catch {
      throw fail(error.localizedDescription)
    }
    closed = true  // done: nothing more may be written into what is now the site
  }

  /// Removes the staging folder; the previous site stays. For a build that stops for a
  /// reason of its own (a deck that cannot be made); a failed `write` or `commit` already did.
  public func discard() {
    guard !closed else { return }
    closed = true
    writer.removeOwnTree(folder)
  }

  private func fail(_ problem: String) -> OutputWriter.Failure {
    discard()
    return OutputWriter.Failure(description: "cannot write the site to \(writer.output.path): \(problem); the previous site is unchanged")
  }

  private func abandoned() -> OutputWriter.Failure {
    OutputWriter.Failure(description: "cannot write the site to \(writer.output.path): this staged site was already committed or discarded")
  }

  /// Writes the files with plain open/write/close, or links them from the previous site when
  /// their bytes did not change (`PreviousOutput`). No fsync per file: the staging folder only
  /// becomes the site through the atomic swap, and readers never see it half-written.
  /// (Foundation's Data.write syncs each file, which made writing the slowest stage on a
  /// 10k-page site.) Returns the first problem, if any.
  private func writeAll(_ files: [OutputFile]) -> String? {
    let base = folder.path + "/"
    let lock = NSLock()
    var failure: String?
    DispatchQueue.concurrentPerform(iterations: files.count) { i in
      if previous?.link(files[i].path, contents: files[i].contents, into: folder.path) == true { return }
      if let problem = Self.write(files[i].contents, to: base + files[i].path) {
        lock.lock()
        if failure == nil { failure = "\(files[i].path): \(problem)" }
        lock.unlock()
      }
    }
    return failure
  }

  private static func write(_ contents: Data, to path: String) -> String? {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    if fd < 0 { return String(cString: strerror(errno)) }
    var problem = contents.withUnsafeBytes { PieceWriter.writeAll(fd, $0) }
    if close(fd) != 0 && problem == nil { problem = String(cString: strerror(errno)) }
    return problem
  }
}
