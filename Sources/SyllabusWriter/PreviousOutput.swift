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

  /// Links `path` from the previous site into `staging` without reading it, when the caller
  /// knows its bytes are right (the build cache rendered it from unchanged inputs) and the
  /// file is still the one the writer recorded after that build: same inode, size, and
  /// modification and change times. Any edit, replacement or touch since changes the change
  /// time, which no user can set back, so a file someone altered is never carried over.
  func link(_ path: String, ifStill stamp: FileStamp, into staging: String) -> Bool {
    let source = folder + "/" + path
    guard FileStamp(path: source) == stamp else { return false }
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

/// What the writer records about one file of the site it wrote (see `OutputWriter.stamps`).
public struct FileStamp: Sendable, Hashable {
  public var inode: UInt64
  public var size: Int64
  public var modified: Int64
  public var changed: Int64

  public init(inode: UInt64, size: Int64, modified: Int64, changed: Int64) {
    self.inode = inode
    self.size = size
    self.modified = modified
    self.changed = changed
  }

  /// The stamp of a regular file (never followed through a symbolic link), or nil.
  init?(path: String) {
    var info = stat()
    guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    inode = UInt64(info.st_ino)
    size = Int64(info.st_size)
    modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
  }
}
