import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The process's peak resident memory per stage of a build, for `build --timings`. Linux
/// keeps the peak of the whole run as `VmHWM` in /proc/self/status: a stage that raised it
/// reports it exactly. For the others a thread samples the resident size (/proc/self/statm)
/// every few milliseconds. (Resetting `VmHWM` through /proc/self/clear_refs would be exact
/// for every stage, but it also resets the peak the kernel reports to the parent, which
/// `/usr/bin/time -v` and the benchmark measure.) Where /proc is missing, the peak is nil.
final class MemoryPeak: @unchecked Sendable {
  private let lock = NSLock()
  private var sampled = 0
  private var lastRecord: Int
  private let page = Int(sysconf(Int32(_SC_PAGESIZE)))

  init() {
    lastRecord = Self.highWaterMark() ?? 0
    // Weak: the thread ends once the build lets its sampler go.
    let thread = Thread { [weak self] in
      while let self {
        self.sample()
        usleep(2_000)
      }
    }
    thread.stackSize = 64 * 1024
    thread.start()
  }

  private func sample() {
    let now = residentPages().map { $0 * page } ?? 0
    lock.lock()
    sampled = max(sampled, now)
    lock.unlock()
  }

  /// The peak in bytes since the previous lap (or since `init`), and starts the next one.
  func lap() -> Int? {
    guard let record = Self.highWaterMark() else { return nil }
    lock.lock()
    defer { lock.unlock() }
    let peak = record > lastRecord ? record : max(sampled, residentPages().map { $0 * page } ?? 0)
    lastRecord = record
    sampled = 0
    return peak
  }

  /// The second field of /proc/self/statm: resident pages.
  private func residentPages() -> Int? {
    let fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 128)
    let n = read(fd, &buffer, buffer.count)
    guard n > 0 else { return nil }
    let fields = buffer[..<n].split(separator: UInt8(ascii: " "))
    return fields.count > 1 ? Int(String(decoding: fields[1], as: UTF8.self)) : nil
  }

  /// `VmHWM:    123456 kB` in /proc/self/status, in bytes.
  private static func highWaterMark() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
      let kilobytes = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap({ Int($0) })
    else { return nil }
    return kilobytes * 1024
  }
}
