/// Where the dependency map puts each topic and how each arrow runs, computed without drawing.
///
/// A layered (Sugiyama-style) layout: the rows are the guide's layers, so only the order within
/// a row is free. An arrow that skips rows gets a virtual node in every row it crosses; the
/// virtual nodes take part in the ordering like topics, and the arrow is later routed through
/// the gap between boxes where its virtual node ended up, so it never runs across a box and
/// the order that was optimised is the order that is drawn. The order comes from barycentre
/// sweeps, down and up, each followed by a pass of adjacent swaps, keeping the order with the
/// fewest crossings seen (ties: the earlier order, so the result is deterministic).
struct MapLayout {
  static let boxWidth = 176, boxHeight = 46, gapX = 28, gapY = 70, margin = 16
  static let sweeps = 8

  struct Point: Equatable {
    var x: Int
    var y: Int
  }

  /// One arrow, from prerequisite to the topic that builds on it, with the points it passes:
  /// bottom (or top) of the first box, the gaps of the rows in between, the other box's edge.
  struct Route {
    var from: String
    var to: String
    var points: [Point]
    var sameRow: Bool
  }

  var positions: [String: Point] = [:]
  var routes: [Route] = []
  var width = 0
  var height = 0
  /// Crossings between consecutive rows of the final order, virtual nodes included.
  var crossings = 0

  /// `rows`: topic ids per row, top to bottom, each in study order. `edges`: (prerequisite,
  /// topic) pairs in a deterministic order. `optimise: false` keeps the first barycentre pass
  /// only (what the map did before crossing minimisation; kept for comparison in tests).
  init(rows: [[String]], edges: [(String, String)], optimise: Bool = true) {
    var row: [String: Int] = [:]
    for (r, ids) in rows.enumerated() { for id in ids { row[id] = r } }
    // Chains: each edge as a list of node keys, one per row from the upper end to the lower.
    var order: [[Node]] = rows.map { $0.map { Node.topic($0) } }
    var chains: [(edge: (String, String), nodes: [Node])] = []
    var arcs: [Int: [(Node, Node)]] = [:]
    for (index, edge) in edges.enumerated() {
      guard let a = row[edge.0], let b = row[edge.1] else { continue }
      guard a != b else {
        arcs[a, default: []].append((.topic(edge.0), .topic(edge.1)))
        continue
      }
      let (top, bottom) = a < b ? (edge.0, edge.1) : (edge.1, edge.0)
      var nodes = [Node.topic(top)]
      for r in (min(a, b) + 1)..<max(a, b) {
        let virtual = Node.virtual(edge: index, row: r)
        order[r].append(virtual)
        nodes.append(virtual)
      }
      nodes.append(.topic(bottom))
      chains.append((edge, nodes))
    }
    var up: [Node: [Node]] = [:], down: [Node: [Node]] = [:]
    for chain in chains {
      for (u, v) in zip(chain.nodes, chain.nodes.dropFirst()) {
        down[u, default: []].append(v)
        up[v, default: []].append(u)
      }
    }
    let ordering = Ordering(up: up, down: down, arcs: arcs)
    order = ordering.initial(order)
    if optimise { order = ordering.minimiseCrossings(order) }
    crossings = ordering.crossings(order)
    place(order, chains: chains, edges: edges, row: row)
  }

  // MARK: - Geometry

  private mutating func place(_ order: [[Node]], chains: [(edge: (String, String), nodes: [Node])], edges: [(String, String)], row: [String: Int]) {
    let w = Self.boxWidth, h = Self.boxHeight
    let real = order.map { $0.compactMap(\.topicID) }
    let widest = max(1, real.map(\.count).max() ?? 1)
    width = Self.margin * 2 + widest * w + (widest - 1) * Self.gapX
    height = Self.margin * 2 + real.count * h + max(0, real.count - 1) * Self.gapY
    var rowX: [[Int]] = []
    for (r, ids) in real.enumerated() {
      let rowWidth = ids.count * w + max(0, ids.count - 1) * Self.gapX
      let start = (width - rowWidth) / 2
      rowX.append(ids.indices.map { start + $0 * (w + Self.gapX) })
      for (i, id) in ids.enumerated() { positions[id] = Point(x: rowX[r][i], y: rowY(r)) }
    }
    // A virtual node sits in the gap after the topics that precede it in its row; several
    // virtual nodes in one gap share it evenly.
    var gapX: [Node: Int] = [:]
    for (r, nodes) in order.enumerated() {
      var gaps: [Int: [Node]] = [:]
      var before = 0
      for node in nodes {
        if node.topicID != nil { before += 1 } else { gaps[before, default: []].append(node) }
      }
      for (gap, members) in gaps {
        let left = gap == 0 ? (rowX[r].first ?? width / 2) - Self.gapX : rowX[r][gap - 1] + w
        let right = gap == rowX[r].count ? (rowX[r].last.map { $0 + w } ?? width / 2) + Self.gapX : rowX[r][gap]
        for (k, node) in members.enumerated() {
          gapX[node] = left + (right - left) * (k + 1) / (members.count + 1)
        }
      }
    }
    for chain in chains {
      guard let a = positions[chain.edge.0], let b = positions[chain.edge.1] else { continue }
      let downward = a.y < b.y
      var points = [Point(x: a.x + w / 2, y: downward ? a.y + h : a.y)]
      let middle = chain.nodes.dropFirst().dropLast()
      for node in downward ? Array(middle) : middle.reversed() {
        guard case .virtual(_, let r) = node, let x = gapX[node] else { continue }
        let (enter, leave) = downward ? (rowY(r) - 8, rowY(r) + h + 8) : (rowY(r) + h + 8, rowY(r) - 8)
        points += [Point(x: x, y: enter), Point(x: x, y: leave)]
      }
      points.append(Point(x: b.x + w / 2, y: downward ? b.y - 2 : b.y + h + 2))
      routes.append(Route(from: chain.edge.0, to: chain.edge.1, points: points, sameRow: false))
    }
    for edge in edges where row[edge.0] != nil && row[edge.0] == row[edge.1] {
      guard let a = positions[edge.0], let b = positions[edge.1] else { continue }
      routes.append(Route(from: edge.0, to: edge.1, points: [Point(x: a.x + w / 2, y: a.y), Point(x: b.x + w / 2, y: b.y - 2)], sameRow: true))
    }
  }

  private func rowY(_ r: Int) -> Int { Self.margin + r * (Self.boxHeight + Self.gapY) }

  /// Crossings of the drawn arrows, each taken as the straight segments between its points
  /// (same-row arcs as a tent over the row); arrows that share a topic are not counted.
  func drawnCrossings() -> Int {
    let lines: [(String, String, [Point])] = routes.map { route in
      guard route.sameRow, let a = route.points.first, let b = route.points.last else { return (route.from, route.to, route.points) }
      let lift = min(60, 18 + abs(b.x - a.x) / 8)
      return (route.from, route.to, [a, Point(x: (a.x + b.x) / 2, y: a.y - lift * 3 / 4), b])
    }
    var count = 0
    for i in lines.indices {
      for j in lines.indices where j > i {
        let (a, b) = (lines[i], lines[j])
        if a.0 == b.0 || a.0 == b.1 || a.1 == b.0 || a.1 == b.1 { continue }
        outer: for (p, q) in zip(a.2, a.2.dropFirst()) {
          for (r, s) in zip(b.2, b.2.dropFirst()) where Self.intersect(p, q, r, s) {
            count += 1
            break outer
          }
        }
      }
    }
    return count
  }

  static func intersect(_ p: Point, _ q: Point, _ r: Point, _ s: Point) -> Bool {
    func cross(_ o: Point, _ a: Point, _ b: Point) -> Int { (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x) }
    let d1 = cross(r, s, p), d2 = cross(r, s, q), d3 = cross(p, q, r), d4 = cross(p, q, s)
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
  }
}

/// A slot in a row: a topic, or the place where an arrow that skips rows crosses row `row`.
enum Node: Hashable {
  case topic(String)
  case virtual(edge: Int, row: Int)

  var topicID: String? {
    if case .topic(let id) = self { return id }
    return nil
  }
}
