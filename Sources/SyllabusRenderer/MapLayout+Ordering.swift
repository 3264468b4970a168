/// Orders the nodes of each row of the map to reduce arrow crossings (the usual layered-graph
/// heuristics: barycentre sweeps and adjacent swaps; see Gansner et al., "A technique for
/// drawing directed graphs", 1993). Positions are centred (rows are drawn centred), so a
/// node's key is comparable across rows of different lengths.
struct Ordering {
  let up: [Node: [Node]]
  let down: [Node: [Node]]
  /// Arrows between two topics of the same row, by row: drawn as arcs over the row, they cross
  /// each other when their ends interleave, and cross every arrow that enters the row between
  /// their ends.
  let arcs: [Int: [(Node, Node)]]

  /// The first pass, as the map always drew it: the top row in study order, every later row by
  /// the mean position of its nodes' upper neighbours; nodes with none keep the middle.
  func initial(_ rows: [[Node]]) -> [[Node]] {
    var rows = rows
    for r in rows.indices.dropFirst() { rows[r] = reorder(rows[r], by: up, in: rows[r - 1], fallback: .middle) }
    return rows
  }

  /// Alternating down and up sweeps, each followed by adjacent swaps; the order with the
  /// fewest crossings wins, the earliest among equals.
  func minimiseCrossings(_ start: [[Node]]) -> [[Node]] {
    var rows = transpose(start)
    var best = rows, bestCount = crossings(rows)
    for sweep in 0..<MapLayout.sweeps where bestCount > 0 {
      if sweep % 2 == 0 {
        for r in rows.indices.dropFirst() { rows[r] = reorder(rows[r], by: up, in: rows[r - 1], fallback: .current) }
      } else {
        for r in rows.indices.dropLast().reversed() { rows[r] = reorder(rows[r], by: down, in: rows[r + 1], fallback: .current) }
      }
      rows = transpose(rows)
      let count = crossings(rows)
      if count < bestCount { best = rows; bestCount = count }
    }
    return best
  }

  /// Crossings between every pair of consecutive rows, and those of the arcs within rows.
  func crossings(_ rows: [[Node]]) -> Int {
    var total = rows.indices.reduce(0) { $0 + arcCrossings(rows[$1], row: $1) }
    for r in rows.indices.dropLast() {
      let below = index(rows[r + 1])
      var segments: [(Int, Int)] = []
      for (i, node) in rows[r].enumerated() {
        for next in down[node] ?? [] { if let j = below[next] { segments.append((i, j)) } }
      }
      for a in segments.indices {
        for b in segments.indices where b > a {
          let (s, t) = (segments[a], segments[b])
          if (s.0 < t.0 && s.1 > t.1) || (s.0 > t.0 && s.1 < t.1) { total += 1 }
        }
      }
    }
    return total
  }

  /// Crossings caused by the arcs of one row; they depend on that row's order only.
  func arcCrossings(_ nodes: [Node], row r: Int) -> Int {
    guard let arcs = arcs[r], !arcs.isEmpty else { return 0 }
    let at = index(nodes)
    let spans = arcs.compactMap { a, b -> (Int, Int)? in
      guard let i = at[a], let j = at[b] else { return nil }
      return (min(i, j), max(i, j))
    }
    var total = 0
    for (i, node) in nodes.enumerated() {
      let entering = up[node]?.count ?? 0
      if entering > 0 { total += entering * spans.filter { $0.0 < i && i < $0.1 }.count }
    }
    for a in spans.indices {
      for b in spans.indices where b > a {
        let (s, t) = (spans[a], spans[b])
        if (s.0 < t.0 && t.0 < s.1 && s.1 < t.1) || (t.0 < s.0 && s.0 < t.1 && t.1 < s.1) { total += 1 }
      }
    }
    return total
  }

  // MARK: - Steps

  enum Fallback { case middle, current }

  private func reorder(_ row: [Node], by neighbours: [Node: [Node]], in other: [Node], fallback: Fallback) -> [Node] {
    let at = centred(other), own = centred(row)
    let keyed = row.enumerated().map { i, node -> (key: Double, index: Int, node: Node) in
      let placed = (neighbours[node] ?? []).compactMap { at[$0] }
      let key = placed.isEmpty ? (fallback == .middle ? 0 : own[node] ?? 0) : placed.reduce(0, +) / Double(placed.count)
      return (key, i, node)
    }
    return keyed.sorted { ($0.key, $0.index) < ($1.key, $1.index) }.map(\.node)
  }

  /// Swaps neighbours in a row while that removes crossings with the rows above and below.
  private func transpose(_ start: [[Node]]) -> [[Node]] {
    var rows = start
    var improved = true, passes = 0
    while improved && passes < 8 {
      improved = false
      passes += 1
      for r in rows.indices where rows[r].count > 1 {
        let above = r > 0 ? index(rows[r - 1]) : [:], below = r + 1 < rows.count ? index(rows[r + 1]) : [:]
        for i in 0..<(rows[r].count - 1) {
          let (u, v) = (rows[r][i], rows[r][i + 1])
          var keep = pairCrossings(u, v, above, below), swapped = pairCrossings(v, u, above, below)
          if arcs[r] != nil {
            var trial = rows[r]
            trial.swapAt(i, i + 1)
            keep += arcCrossings(rows[r], row: r)
            swapped += arcCrossings(trial, row: r)
          }
          if swapped < keep {
            rows[r].swapAt(i, i + 1)
            improved = true
          }
        }
      }
    }
    return rows
  }

  /// Crossings between the arrows of `left` and those of `right` when `left` is drawn first.
  private func pairCrossings(_ left: Node, _ right: Node, _ above: [Node: Int], _ below: [Node: Int]) -> Int {
    var count = 0
    for (neighbours, positions) in [(up, above), (down, below)] {
      let l = (neighbours[left] ?? []).compactMap { positions[$0] }
      let r = (neighbours[right] ?? []).compactMap { positions[$0] }
      for a in l { for b in r where a > b { count += 1 } }
    }
    return count
  }

  private func index(_ row: [Node]) -> [Node: Int] {
    Dictionary(uniqueKeysWithValues: row.enumerated().map { ($1, $0) })
  }

  private func centred(_ row: [Node]) -> [Node: Double] {
    Dictionary(uniqueKeysWithValues: row.enumerated().map { ($1, Double($0) - Double(row.count - 1) / 2) })
  }
}
