import Foundation

/// Watches folders by polling each file's modification time and size. Polling works on every
/// file system (containers, network mounts) where inotify does not; over a few hundred files a
/// pass costs well under a millisecond.
final class SourceWatcher: @unchecked Sendable {
  private let folders: [URL]
  private let interval: Double
  private let onChange: () -> Void
  private var timer: DispatchSourceTimer?
  private var last: [String: (Date, Int)] = [:]
  private let queue = DispatchQueue(label: "syllabus.watch")

  init(folders: [URL], interval: Double, onChange: @escaping () -> Void) {
    self.folders = folders
    self.interval = interval
    self.onChange = onChange
  }

  func start() {
    last = scan()
    let timer = DispatchSource.makeTimerSource(queue: queue)
    timer.schedule(deadline: .now() + interval, repeating: interval)
    timer.setEventHandler { [weak self] in self?.tick() }
    timer.resume()
    self.timer = timer
  }

  func stop() {
    timer?.cancel()
    timer = nil
  }

  private func tick() {
    let now = scan()
    let changed = now.count != last.count || now.contains { key, value in
      guard let old = last[key] else { return true }
      return old.0 != value.0 || old.1 != value.1
    }
    if changed {
      last = now
      onChange()
    }
  }

  private func scan() -> [String: (Date, Int)] {
    var out: [String: (Date, Int)] = [:]
    let fm = FileManager.default
    for folder in folders {
      guard let walker = fm.enumerator(at: folder, includingPropertiesForKeys: [.contentModificationDateKey, .fileSizeKey]) else { continue }
      for case let url as URL in walker {
        // A file gone between listing and stat is simply not in this scan (the rebuild reports it).
        guard let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .fileSizeKey, .isRegularFileKey]),
          values.isRegularFile == true
        else { continue }
        out[url.path] = (values.contentModificationDate ?? .distantPast, values.fileSize ?? 0)
      }
    }
    return out
  }
}
