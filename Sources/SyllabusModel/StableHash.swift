import Foundation

/// A hash that is the same in every process, unlike Swift's `Hasher`, which is seeded at
/// random per run. The build cache keeps digests on disk (front matter, bodies, templates) and
/// compares them with the next run's, so they must not change between runs of the same tool.
/// Not cryptographic: it only has to tell an author's edit from no edit. Two independent
/// 64-bit lanes, eight bytes at a time, so hashing a 10k guide's 23 MB of bodies stays a few
/// tens of milliseconds; every value is followed by its length, so `("ab", "c")` and
/// `("a", "bc")` differ.
public struct StableHasher: Sendable {
  private var a: UInt64 = 0x9E37_79B9_7F4A_7C15
  private var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F

  public init() {}

  private mutating func mix(_ word: UInt64) {
    a = ((a ^ word) &* 0xFF51_AFD7_ED55_8CCD)
    a = (a << 31) | (a >> 33)
    b = (b &+ word) &* 0xC4CE_B9FE_1A85_EC53
    b = ((b << 27) | (b >> 37)) ^ a
  }

  public mutating func combine(bytes: UnsafeRawBufferPointer) {
    var i = 0
    let n = bytes.count
    while i + 8 <= n {
      mix(bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
      i += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < n {
      tail |= UInt64(bytes[i]) << shift
      shift += 8
      i += 1
    }
    mix(tail)
    mix(UInt64(n))
  }

  public mutating func combine(_ text: String) {
    var text = text
    text.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
  }

  public mutating func combine(_ data: Data) {
    data.withUnsafeBytes { combine(bytes: $0) }
  }

  public mutating func combine(_ value: Int) {
    mix(UInt64(bitPattern: Int64(value)))
  }

  public mutating func combine(_ value: Bool) { combine(value ? 1 : 0) }

  private static func finish(_ x: UInt64) -> UInt64 {
    var x = x
    x ^= x >> 33
    x = x &* 0xFF51_AFD7_ED55_8CCD
    x ^= x >> 33
    x = x &* 0xC4CE_B9FE_1A85_EC53
    return x ^ (x >> 33)
  }

  /// 64 bits, for values compared in memory and on disk.
  public func finalize() -> Int { Int(bitPattern: UInt(Self.finish(a ^ (b &* 0x9E37_79B9_7F4A_7C15)))) }

  /// 128 bits as 32 hex digits: file names and on-disk keys.
  public func hex() -> String {
    let hi = Self.finish(a), lo = Self.finish(b ^ hi)
    // Fixed width, so names sort and shard evenly.
    func padded(_ x: UInt64) -> String {
      let digits = String(x, radix: 16)
      return String(repeating: "0", count: 16 - digits.count) + digits
    }
    return padded(hi) + padded(lo)
  }

  /// The 128-bit hex digest of one text.
  public static func hex(_ text: String) -> String {
    var hasher = StableHasher()
    hasher.combine(text)
    return hasher.hex()
  }
}
