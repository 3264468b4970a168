import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The site the writer made last time, as a source of files that did not change. A new file
/// whose bytes equal the old file's at the same path is staged as a hard link to it instead of
/// being written again, so a rebuild after one edit writes one page's worth of data, not the
/// whole site. The old bytes are read and compared (from the page cache, this costs far less
/// than writing), so a file someone edited by hand is always replaced, and the site itself
/// carries no extra record, so two builds stay byte-identical. Anything unexpected (not a
/// regular file, another file system, no hard links) falls back to writing.
struct PreviousOutput {
  let folder: String

  /// Links `path` from the previous site into `staging` when its bytes are `contents`.
  func link(_ path: String, contents: Data, into staging: String) -> Bool {
    let source = folder + "/" + path
    let fd = open(source, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == contents.count,
      Self.equal(fd, contents)
    else { return false }
    return Glibc.link(source, staging + "/" + path) == 0
  }

  /// Whether the open file holds exactly `contents` (its size was checked already).
  private static func equal(_ fd: Int32, _ contents: Data) -> Bool {
    let chunk = 64 * 1024
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
    defer { buffer.deallocate() }
    return contents.withUnsafeBytes { expected -> Bool in
      var offset = 0
      while offset < expected.count {
        let n = read(fd, buffer, min(chunk, expected.count - offset))
        if n < 0 && errno == EINTR { continue }
        guard n > 0, memcmp(buffer, expected.baseAddress! + offset, n) == 0 else { return false }
        offset += n
      }
      return read(fd, buffer, 1) == 0
    }
  }
}
