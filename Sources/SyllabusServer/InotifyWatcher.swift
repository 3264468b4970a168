import Foundation

#if canImport(Glibc)
  import Glibc

  /// Watches folders (recursively) with Linux inotify: an edit is seen within a millisecond,
  /// where polling would add up to a whole interval to every reload. Returns nil where inotify
  /// cannot be used (other systems, exhausted watch limits), and `serve` polls instead.
  final class InotifyWatcher: @unchecked Sendable {
    private let fd: Int32
    private var watches: [Int32: String] = [:]
    private let onChange: () -> Void
    private var thread: Thread?
    private var stopped = false
    private let mask = UInt32(IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE | IN_ATTRIB)

    init?(folders: [URL], onChange: @escaping () -> Void) {
      fd = inotify_init1(Int32(IN_CLOEXEC))
      guard fd >= 0 else { return nil }
      self.onChange = onChange
      for folder in folders {
        guard add(folder.path) else {
          close(fd)
          return nil
        }
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey])
        while let url = walker?.nextObject() as? URL {
          // A file gone between listing and stat is no folder to watch; the rebuild sees it gone.
          if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true, !add(url.path) {
            close(fd)
            return nil
          }
        }
      }
    }

    private func add(_ path: String) -> Bool {
      let wd = inotify_add_watch(fd, path, mask)
      guard wd >= 0 else { return false }
      watches[wd] = path
      return true
    }

    func start() {
      let thread = Thread { [weak self] in self?.loop() }
      thread.name = "syllabus.inotify"
      thread.start()
      self.thread = thread
    }

    func stop() {
      stopped = true
    }

    private func loop() {
      var buffer = [UInt8](repeating: 0, count: 64 * 1024)
      var pollfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      while !stopped {
        guard poll(&pollfd, 1, 250) > 0 else { continue }
        let n = read(fd, &buffer, buffer.count)
        guard n > 0 else { continue }
        var offset = 0
        while offset + MemoryLayout<inotify_event>.size <= n {
          let event = buffer.withUnsafeBytes { $0.load(fromByteOffset: offset, as: inotify_event.self) }
          if event.mask & UInt32(IN_ISDIR) != 0, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, event.len > 0,
            let parent = watches[event.wd]
          {
            let nameStart = offset + MemoryLayout<inotify_event>.size
            let name = buffer[nameStart..<nameStart + Int(event.len)].prefix { $0 != 0 }
            _ = add(parent + "/" + String(decoding: name, as: UTF8.self))
          }
          offset += MemoryLayout<inotify_event>.size + Int(event.len)
        }
        // Editors save in bursts (write, rename, chmod): wait for the burst to end.
        while poll(&pollfd, 1, 15) > 0 { _ = read(fd, &buffer, buffer.count) }
        onChange()
      }
      close(fd)
    }
  }
#endif
