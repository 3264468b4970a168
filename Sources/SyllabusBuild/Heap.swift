#if canImport(Glibc)
  import Glibc

  /// glibc's `malloc_trim` and `mallopt`, which its Swift module does not export (they are in
  /// malloc.h).
  @_silgen_name("malloc_trim") private func glibcMallocTrim(_ pad: Int) -> Int32
  @_silgen_name("mallopt") private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif

/// How a build asks the C heap to give memory back. A build's large buffers (a print
/// document's text, the search index, the deck's collection) live for a stage and go; what
/// they leave in glibc's heap counts as resident until the heap reuses it.
enum Heap {
  /// Blocks of this size or more get their own mapping, returned to the system when freed.
  /// glibc's default threshold rises to the largest block freed so far (up to 32 MiB), so
  /// after the first big buffer the next ones came from the heap and stayed resident: fixed
  /// at 1 MiB, a 10k build's peak fell by 10–13 MiB for under 3% more CPU (issue 15's note).
  static let mappedBlockSize: Int32 = 1 << 20

  /// Sets the threshold, once per process (by its first build).
  static let mapLargeBlocks: Void = {
    #if canImport(Glibc)
      let M_MMAP_THRESHOLD: Int32 = -3  // malloc.h
      _ = glibcMallopt(M_MMAP_THRESHOLD, mappedBlockSize)
    #endif
  }()

  /// Returns the heap's free pages to the system (glibc's `malloc_trim`), where there is one.
  static func releaseFreed() {
    #if canImport(Glibc)
      _ = glibcMallocTrim(0)
    #endif
  }
}
