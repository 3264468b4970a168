import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One staged file whose bytes arrive in pieces (`StagedSite.write(_:pieces:)`): a print
/// document of tens of megabytes is written as it is made and never held whole. Pieces are
/// gathered into chunks, each written and compared with the same stretch of the previous
/// site's copy; a file that ends equal to it is replaced by a hard link to it, as
/// `PreviousOutput` does for whole files, so a rebuild leaves the site's inodes as they were.
final class PieceWriter {
  static let chunkSize = 256 * 1024
  private let path: String
  private let fd: Int32
  private var chunk: [UInt8] = []
  /// The previous site's copy while every byte so far matched it, else nil.
  private var old: (path: String, fd: Int32)?
  private var oldChunk: UnsafeMutableRawPointer
  /// The first thing that went wrong; once set, pieces are dropped.
  private var problem: String?

  /// Nil when the file cannot be created (the error, as `strerror` says it, in `reason`).
  init?(path: String, previous: String?, reason: inout String) {
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      reason = String(cString: strerror(errno))
      return nil
    }
    self.path = path
    chunk.reserveCapacity(Self.chunkSize)
    oldChunk = UnsafeMutableRawPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
    if let previous {
      let oldFD = open(previous, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
      var info = stat()
      if oldFD >= 0, fstat(oldFD, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
        old = (previous, oldFD)
      } else if oldFD >= 0 {
        close(oldFD)
      }
    }
  }

  deinit {
    oldChunk.deallocate()
    if let old { close(old.fd) }
  }

  /// The next piece of the file.
  func append(_ piece: UnsafeRawBufferPointer) {
    guard problem == nil else { return }
    var rest = piece
    while !rest.isEmpty {
      let n = min(rest.count, Self.chunkSize - chunk.count)
      chunk.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[..<n]))
      rest = UnsafeRawBufferPointer(rebasing: rest[n...])
      if chunk.count == Self.chunkSize { flush() }
    }
  }

  /// Writes the last chunk, closes the file and, when it equals the previous copy, links
  /// that one in its place. Returns the first problem, if any.
  func finish() -> String? {
    flush()
    if close(fd) != 0 && problem == nil { problem = String(cString: strerror(errno)) }
    guard problem == nil, let old, Glibc.read(old.fd, oldChunk, 1) == 0 else { return problem }
    // Equal to the last byte. Should the link fail (another file system, too many links),
    // the file just written stays: its bytes are the same.
    if unlink(path) == 0 && link(old.path, path) != 0 {
      return Self.copy(from: old.fd, to: path)
    }
    return nil
  }

  private func flush() {
    guard problem == nil, !chunk.isEmpty else { return }
    chunk.withUnsafeBytes { raw in
      problem = Self.writeAll(fd, raw)
      if problem == nil, let old, !Self.read(old.fd, into: oldChunk, count: raw.count) || memcmp(oldChunk, raw.baseAddress!, raw.count) != 0 {
        close(old.fd)
        self.old = nil
      }
    }
    chunk.removeAll(keepingCapacity: true)
  }

  /// Reads exactly `count` bytes, or says it could not.
  private static func read(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int) -> Bool {
    var offset = 0
    while offset < count {
      let n = Glibc.read(fd, buffer + offset, count - offset)
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return false }
      offset += n
    }
    return true
  }

  /// Writes all of `raw` to `fd`, through short writes and interrupts; the error, if any.
  static func writeAll(_ fd: Int32, _ raw: UnsafeRawBufferPointer) -> String? {
    var offset = 0
    while offset < raw.count {
      let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return String(cString: strerror(errno)) }
      offset += n
    }
    return nil
  }

  /// Writes the previous copy (equal to what was made) again at `path`, after a failed link.
  private static func copy(from fd: Int32, to path: String) -> String? {
    guard lseek(fd, 0, SEEK_SET) == 0 else { return String(cString: strerror(errno)) }
    let out = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard out >= 0 else { return String(cString: strerror(errno)) }
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 16)
    defer { buffer.deallocate() }
    var problem: String?
    while problem == nil {
      let n = Glibc.read(fd, buffer, chunkSize)
      if n < 0 && errno == EINTR { continue }
      if n < 0 { problem = String(cString: strerror(errno)) }
      if n <= 0 { break }
      problem = writeAll(out, UnsafeRawBufferPointer(start: buffer, count: n))
    }
    if close(out) != 0 && problem == nil { problem = String(cString: strerror(errno)) }
    return problem
  }
}
