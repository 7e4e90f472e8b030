extension ComputedFact {
  /// A known limit the computed figure is measured against, for the report's bar chart: "ISA/TMG
  /// default" at 160 beside the connections a sweep holds open.
  public struct Limit: Hashable, Sendable, Codable {
    /// What the limit is, as the chart names its bar: "ISA/TMG default".
    public var label: String
    /// The limit, in the computed fact's unit.
    public var value: Double

    /// A limit as the loader reads it from `limits:`.
    public init(label: String, value: Double) {
      self.label = label
      self.value = value
    }
  }
}
