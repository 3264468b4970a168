import SyllabusModel

/// The topic dependency graph: `requires` edges, their reverse ("unlocks"), and a
/// deterministic study order.
public struct TopicGraph: Sendable {
  /// Topic ids in study order: topological, ties broken by `order`, then id.
  public let order: [String]
  public let requires: [String: [String]]
  public let unlocks: [String: [String]]

  /// Builds the graph of the topics whose ids are unique; unknown prerequisites and cycles are
  /// reported, and the topics on a cycle are placed after all others so rendering can go on.
  public static func build(_ topics: [Topic], diagnostics: inout [Diagnostic]) -> TopicGraph {
    let byID = Dictionary(topics.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var requires: [String: [String]] = [:]
    var edgeLocation: [String: [String: SourceLocation]] = [:]
    for topic in topics {
      var seen = Set<String>()
      for prerequisite in topic.requires {
        guard byID[prerequisite.value] != nil else {
          diagnostics.append(.error(prerequisite.location, "unknown topic `\(prerequisite.value)` in `requires`\(suggestion(prerequisite.value, among: Array(byID.keys)))"))
          continue
        }
        guard seen.insert(prerequisite.value).inserted else {
          diagnostics.append(.warning(prerequisite.location, "`\(prerequisite.value)` is listed twice in `requires`; remove one"))
          continue
        }
        requires[topic.id, default: []].append(prerequisite.value)
        edgeLocation[topic.id, default: [:]][prerequisite.value] = prerequisite.location
      }
    }
    var unlocks: [String: [String]] = [:]
    for (topic, prerequisites) in requires {
      for p in prerequisites { unlocks[p, default: []].append(topic) }
    }
    let rank: (String) -> (Int, String) = { (byID[$0]?.order ?? Int.max, $0) }
    for key in unlocks.keys { unlocks[key]!.sort { rank($0) < rank($1) } }

    // Kahn's algorithm, always taking the ready topic with the lowest (order, id).
    var remaining = Dictionary(uniqueKeysWithValues: byID.keys.map { ($0, requires[$0]?.count ?? 0) })
    var ready = remaining.filter { $0.value == 0 }.map(\.key).sorted { rank($0) > rank($1) }
    var order: [String] = []
    while let next = ready.popLast() {
      order.append(next)
      remaining[next] = nil
      for follower in unlocks[next] ?? [] {
        remaining[follower]! -= 1
        if remaining[follower] == 0 {
          ready.append(follower)
          ready.sort { rank($0) > rank($1) }
        }
      }
    }
    if !remaining.isEmpty {
      reportCycles(among: Set(remaining.keys), requires: requires, locations: edgeLocation, diagnostics: &diagnostics)
      order += remaining.keys.sorted { rank($0) < rank($1) }
    }
    return TopicGraph(order: order, requires: requires, unlocks: unlocks)
  }

  /// Finds each cycle among the stuck topics and reports every edge on it, at the place the
  /// edge was declared, naming the whole cycle.
  private static func reportCycles(
    among stuck: Set<String>, requires: [String: [String]], locations: [String: [String: SourceLocation]],
    diagnostics: inout [Diagnostic]
  ) {
    var reported = Set<String>()
    for start in stuck.sorted() where !reported.contains(start) {
      // Walk prerequisites inside the stuck set until a topic repeats: that loop is a cycle.
      var path: [String] = [start]
      var position: [String: Int] = [start: 0]
      var current = start
      while let next = (requires[current] ?? []).filter({ stuck.contains($0) }).sorted().first {
        if let at = position[next] {
          let cycle = Array(path[at...])
          guard !cycle.contains(where: reported.contains) else { break }
          reported.formUnion(cycle)
          let description = (cycle + [cycle[0]]).joined(separator: " → ")
          for (i, topic) in cycle.enumerated() {
            let prerequisite = cycle[(i + 1) % cycle.count]
            let location = locations[topic]?[prerequisite] ?? SourceLocation(file: topic)
            diagnostics.append(.error(location, "dependency cycle: `\(topic)` requires `\(prerequisite)` on the cycle \(description); remove one of these `requires` entries"))
          }
          break
        }
        position[next] = path.count
        path.append(next)
        current = next
      }
    }
  }

  /// Every topic `id` builds on, directly or not.
  public func prerequisites(of id: String) -> Set<String> {
    var out = Set<String>()
    var stack = requires[id] ?? []
    while let next = stack.popLast() {
      if out.insert(next).inserted { stack += requires[next] ?? [] }
    }
    return out
  }
}

/// "; did you mean `x`?" for a near miss, otherwise the list of known ids when it is short.
func suggestion(_ value: String, among known: [String]) -> String {
  let close = known.map { ($0, editDistance($0, value)) }.filter { $0.1 <= max(1, value.count / 4) }.min { ($0.1, $0.0) < ($1.1, $1.0) }
  if let close { return "; did you mean `\(close.0)`?" }
  if !known.isEmpty && known.count <= 12 { return "; known: \(known.sorted().map { "`\($0)`" }.joined(separator: ", "))" }
  return ""
}

/// Edit distance where swapping two neighbours counts as one edit ("bsae" is one from "base").
func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a), b = Array(b)
  if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
  var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
  for i in 0...a.count { d[i][0] = i }
  for j in 0...b.count { d[0][j] = j }
  for i in 1...a.count {
    for j in 1...b.count {
      d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
    }
  }
  return d[a.count][b.count]
}
