import TriageKit

/// `nettriage probe interfaces`: this machine's addresses, default gateway and DNS servers — what
/// `ipconfig /all` tells on Windows, with the same `ipconfig.*` facts.
///
/// Reads `getifaddrs`, `/proc/net/route`, `/proc/net/ipv6_route`, `/etc/resolv.conf` and, behind
/// systemd-resolved's stub, `/run/systemd/resolve/resolv.conf`. Sends nothing, changes nothing.
public struct InterfacesProbe: Probe {
  public static let name = "interfaces"

  /// Where the route tables and resolv.conf are read from.
  public var files: SystemFiles
  /// The interface addresses (`getifaddrs`).
  public var interfaces: @Sendable () -> Result<[InterfaceAddress], ObservationError>

  /// A probe reading `files` and `interfaces`.
  public init(
    files: SystemFiles = .live,
    interfaces: @escaping @Sendable () -> Result<[InterfaceAddress], ObservationError> =
      InterfaceAddress.system
  ) {
    self.files = files
    self.interfaces = interfaces
  }

  public var consentText: String {
    "read this machine's addresses, routes and DNS configuration; nothing is sent or changed"
  }

  public func run() async -> ProbeResult {
    let clock = Stopwatch()
    let addresses: [InterfaceAddress]
    switch interfaces() {
    case .success(let list): addresses = list
    case .failure(let error):
      return ProbeResult(probe: Self.name, status: .failed("\(error)"), duration: clock.seconds)
    }
    var raw: [String] = addresses.map {
      "\($0.interface) \($0.family.rawValue) \($0.withPrefix)\($0.isUp ? " up" : " down")"
        + ($0.isLoopback ? " loopback" : "")
    }

    // Default routes; nil when no route table could be read (not Linux).
    var problems: [String] = []
    var routes: [RouteTable.DefaultRoute]?
    if let text = files.read(RouteTable.ipv4Path) {
      raw.append("\(RouteTable.ipv4Path):\n\(text)")
      do { routes = try RouteTable.ipv4Defaults(text) } catch { problems.append("\(error)") }
    }
    if let text = files.read(RouteTable.ipv6Path) {
      raw.append("\(RouteTable.ipv6Path):\n\(text)")
      do { routes = (routes ?? []) + (try RouteTable.ipv6Defaults(text)) } catch {
        problems.append("\(error)")
      }
    }

    let dns = DNSConfiguration(files: files)
    if let text = files.read(ResolvConf.path) { raw.append("\(ResolvConf.path):\n\(text)") }
    if dns.upstreams != nil, let text = files.read(ResolvConf.resolvedUpstreamPath) {
      raw.append("\(ResolvConf.resolvedUpstreamPath):\n\(text)")
    }

    let adapters = Self.adapters(addresses)
    let primary = Self.primary(adapters: adapters, routes: routes ?? [])
    let primaryIPv4 = addresses.filter { $0.interface == primary && $0.family == .ipv4 }

    var facts: [String: FactValue] = ["ipconfig.adapters": .number(Double(adapters.count))]
    if let first = primaryIPv4.first { facts["ipconfig.ipv4"] = .string(first.address) }
    if primary != nil { facts["ipconfig.apipa"] = .bool(primaryIPv4.contains(where: \.isAPIPA)) }
    if let routes { facts["ipconfig.gateway"] = .bool(!routes.isEmpty) }
    if dns.configured != nil {
      facts["ipconfig.dns-servers"] = .number(Double(dns.effective.count))
    }

    var figures = Self.interfaceFigures(addresses)
    figures += Self.gatewayFigures(routes)
    for address in addresses where address.isAPIPA {
      figures.append(
        "\(address.interface) has \(address.address), a self-assigned (APIPA) address: no DHCP "
          + "server answered it")
    }
    figures += Self.dnsFigures(dns)
    figures += problems

    var data: [(key: String, value: JSONValue)] = [
      ("interfaces", Self.interfacesJSON(addresses)),
      ("primary", primary.map(JSONValue.string) ?? .null),
      (
        "gateways",
        routes.map { list in
          .array(
            list.map {
              .object([
                ("family", .string($0.family.rawValue)), ("interface", .string($0.interface)),
                ("gateway", $0.gateway.map(JSONValue.string) ?? .null),
              ])
            })
        } ?? .null
      ),
      ("dns_servers", dns.configured.map { .array($0.map(JSONValue.string)) } ?? .null),
      ("dns_stub", .bool(dns.stub)),
      ("dns_upstreams", dns.upstreams.map { .array($0.map(JSONValue.string)) } ?? .null),
    ]
    if !problems.isEmpty { data.append(("problems", .array(problems.map(JSONValue.string)))) }
    return ProbeResult(
      probe: Self.name, status: .ok, facts: facts, figures: figures, data: data,
      raw: raw.joined(separator: "\n"), duration: clock.seconds)
  }

  /// Names of the interfaces with an IPv4 address, loopback excluded (ipconfig lists no
  /// loopback), in first-seen order.
  static func adapters(_ addresses: [InterfaceAddress]) -> [String] {
    var names: [String] = []
    for address in addresses where address.family == .ipv4 && !address.isLoopback {
      if !names.contains(address.interface) { names.append(address.interface) }
    }
    return names
  }

  /// The adapter the facts describe: the one the IPv4 default route leaves by, else the first up
  /// one, else the first.
  static func primary(adapters: [String], routes: [RouteTable.DefaultRoute]) -> String? {
    if let route = routes.first(where: { $0.family == .ipv4 && adapters.contains($0.interface) }) {
      return route.interface
    }
    return adapters.first
  }

  /// Addresses grouped by interface, interfaces in first-seen order.
  static func byInterface(_ addresses: [InterfaceAddress]) -> [(
    name: String, addresses: [InterfaceAddress]
  )] {
    var groups: [(name: String, addresses: [InterfaceAddress])] = []
    for address in addresses {
      if let index = groups.firstIndex(where: { $0.name == address.interface }) {
        groups[index].addresses.append(address)
      } else {
        groups.append((address.interface, [address]))
      }
    }
    return groups
  }

  private static func interfaceFigures(_ addresses: [InterfaceAddress]) -> [String] {
    byInterface(addresses).compactMap { group in
      guard let first = group.addresses.first, !first.isLoopback else { return nil }
      return "\(group.name) (\(first.isUp ? "up" : "down")): "
        + group.addresses.map(\.withPrefix).joined(separator: ", ")
    }
  }

  private static func gatewayFigures(_ routes: [RouteTable.DefaultRoute]?) -> [String] {
    guard let routes else {
      return ["default gateway not read (no \(RouteTable.ipv4Path) on this system)"]
    }
    guard !routes.isEmpty else {
      return ["no default gateway: only the local subnets can be reached"]
    }
    return routes.map { route in
      "default gateway (\(route.family.rawValue)) "
        + (route.gateway.map { "\($0) via \(route.interface)" }
          ?? "straight out of \(route.interface)")
    }
  }

  private static func dnsFigures(_ dns: DNSConfiguration) -> [String] {
    guard let configured = dns.configured else {
      return ["no \(ResolvConf.path): no DNS server configured"]
    }
    guard !configured.isEmpty else {
      return ["\(ResolvConf.path) names no DNS server"]
    }
    guard dns.stub else {
      return ["DNS servers: " + configured.joined(separator: ", ")]
    }
    let stub = "DNS goes to systemd-resolved's local stub \(configured.joined(separator: ", "))"
    guard let upstreams = dns.upstreams else {
      return [
        stub + "; its upstream servers are unknown (cannot read "
          + "\(ResolvConf.resolvedUpstreamPath); 'resolvectl status' shows them)"
      ]
    }
    return [
      stub + "; its upstream servers: "
        + (upstreams.isEmpty ? "none" : upstreams.joined(separator: ", "))
    ]
  }

  private static func interfacesJSON(_ addresses: [InterfaceAddress]) -> JSONValue {
    .array(
      byInterface(addresses).map { group in
        let list = group.addresses
        return .object([
          ("name", .string(group.name)),
          ("up", .bool(list.first?.isUp ?? false)),
          ("loopback", .bool(list.first?.isLoopback ?? false)),
          (
            "addresses",
            .array(
              list.map {
                .object([
                  ("family", .string($0.family.rawValue)), ("address", .string($0.address)),
                  ("prefix", $0.prefixLength.map(JSONValue.int) ?? .null),
                ])
              })
          ),
        ])
      })
  }
}

extension InterfacesProbe {
  /// Takes no argument; gives the `ipconfig.*` facts of a pasted ipconfig.
  public static let declaration = ProbeDeclaration(name, facts: SharedFacts.adapters)

  /// The interfaces of this machine (a probe step gives no argument).
  public init(arguments: [String: String]) throws(ProbeSetupError) {
    self.init()
  }
}
