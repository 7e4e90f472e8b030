#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process's open-files limit (RLIMIT_NOFILE), raised for a fan-out that needs more
/// descriptors than the soft limit allows (systemd's default soft limit is 1,024).
public enum FileDescriptorLimit {
  /// What ``ensure(_:)`` found and did.
  public struct Adjustment: Sendable, Equatable {
    /// Descriptors the process may now open.
    public var available: Int
    /// What was done, for the report; `nil` when nothing needed doing.
    public var note: String?
  }

  /// Raises the soft limit to the hard limit when `needed` descriptors would not fit under it.
  public static func ensure(_ needed: Int) -> Adjustment {
    var limit = rlimit()
    guard getLimit(&limit) == 0 else {
      return Adjustment(available: needed, note: nil)
    }
    let soft = clamp(limit.rlim_cur)
    let hard = clamp(limit.rlim_max)
    if soft >= needed || hard <= soft { return Adjustment(available: soft, note: nil) }
    var raised = limit
    raised.rlim_cur = limit.rlim_max
    guard setLimit(&raised) == 0 else {
      return Adjustment(
        available: soft,
        note: "could not raise the open-files limit from \(soft) (\(ErrorNumber.name(errno)))")
    }
    return Adjustment(
      available: hard,
      note: "raised the open-files soft limit from \(soft) to the hard limit \(hard)")
  }

  private static func clamp(_ value: rlim_t) -> Int {
    value >= rlim_t(Int32.max) ? Int(Int32.max) : Int(value)
  }

  private static func getLimit(_ limit: inout rlimit) -> Int32 {
    #if canImport(Glibc)
      getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
    #else
      getrlimit(RLIMIT_NOFILE, &limit)
    #endif
  }

  private static func setLimit(_ limit: inout rlimit) -> Int32 {
    #if canImport(Glibc)
      setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
    #else
      setrlimit(RLIMIT_NOFILE, &limit)
    #endif
  }
}
