import Synchronization

/// When a ``CircuitBreaker`` opens, and for how long.
public struct CircuitBreakerSettings: Sendable, Equatable {
    /// Failures in a row that open a closed breaker (at least 1).
    public var failureThreshold: Int
    /// How long an opened breaker fails calls fast before it lets one probe through.
    public var cooldown: Duration
    /// Each failed probe doubles the cool-down, up to this.
    public var maximumCooldown: Duration

    /// Settings; `maximumCooldown` defaults to `cooldown` (a fixed cool-down).
    public init(failureThreshold: Int, cooldown: Duration, maximumCooldown: Duration? = nil) {
        self.failureThreshold = max(1, failureThreshold)
        self.cooldown = max(.zero, cooldown)
        self.maximumCooldown = max(self.cooldown, maximumCooldown ?? cooldown)
    }
}

/// A breaker's state as seen from outside.
public enum CircuitState: Sendable, Equatable {
    /// Calls pass.
    case closed
    /// Calls fail fast until the cool-down ends.
    case open
    /// The cool-down ended: one probe at a time may pass; its outcome closes or re-opens the breaker.
    case halfOpen
}

/// The answer to ``CircuitBreaker/admit()``.
public enum CircuitAdmission: Sendable {
    /// Closed: the call may go ahead.
    case allowed
    /// Half-open: this call is the probe; report its outcome (or ``CircuitBreaker/abandon()``).
    case probe
    /// Open, or a probe is under way: fail fast. `retryAfter` is the rest of the cool-down, when known;
    /// `cause` is the failure that opened the breaker.
    case rejected(retryAfter: Duration?, cause: (any Error)?)
}

/// A change of state worth a log line.
public enum CircuitTransition: Sendable, Equatable {
    /// A closed breaker opened.
    case opened
    /// An open or half-open breaker closed.
    case closed
}

/// Fails calls fast while a dependency keeps failing: closed → (threshold failures in a row) → open
/// → (cool-down) → half-open, where a single probe passes; its success closes the breaker, its
/// failure opens it again with a doubled cool-down. A probe that reports nothing within a
/// cool-down is presumed lost, and another call may probe. Thread-safe; time comes from `clock`.
public final class CircuitBreaker<C: Clock<Duration>>: Sendable {
    private enum Phase {
        case closed(failures: Int)
        case open(until: C.Instant)
        /// `probeStarted` is `nil` while no probe is under way.
        case halfOpen(probeStarted: C.Instant?)
    }

    private struct Memory {
        var phase: Phase = .closed(failures: 0)
        var cooldown: Duration
        var cause: (any Error)?
    }

    /// The thresholds this breaker applies.
    public let settings: CircuitBreakerSettings
    private let clock: C
    private let memory: Mutex<Memory>

    /// A closed breaker.
    public init(_ settings: CircuitBreakerSettings, clock: C) {
        self.settings = settings
        self.clock = clock
        self.memory = Mutex(Memory(cooldown: settings.cooldown))
    }

    /// Whether a call may go ahead now; see ``CircuitAdmission``.
    public func admit() -> CircuitAdmission {
        let now = clock.now
        return memory.withLock { memory in
            switch memory.phase {
            case .closed:
                return .allowed
            case .open(let until) where now < until:
                return .rejected(retryAfter: now.duration(to: until), cause: memory.cause)
            case .halfOpen(let started?) where now < started.advanced(by: memory.cooldown):
                return .rejected(retryAfter: nil, cause: memory.cause)
            case .open, .halfOpen:
                memory.phase = .halfOpen(probeStarted: now)
                return .probe
            }
        }
    }

    /// An admitted call succeeded; returns `.closed` when this closed the breaker.
    @discardableResult
    public func recordSuccess() -> CircuitTransition? {
        memory.withLock { memory in
            defer {
                memory.phase = .closed(failures: 0)
                memory.cooldown = settings.cooldown
                memory.cause = nil
            }
            if case .closed = memory.phase { return nil }
            return .closed
        }
    }

    /// An admitted call failed with `cause`; returns `.opened` when this opened a closed breaker.
    @discardableResult
    public func recordFailure(_ cause: any Error) -> CircuitTransition? {
        let now = clock.now
        return memory.withLock { memory in
            memory.cause = cause
            switch memory.phase {
            case .closed(let failures) where failures + 1 < settings.failureThreshold:
                memory.phase = .closed(failures: failures + 1)
                return nil
            case .closed:
                memory.phase = .open(until: now.advanced(by: memory.cooldown))
                return .opened
            case .halfOpen:
                memory.cooldown = min(memory.cooldown * 2, settings.maximumCooldown)
                memory.phase = .open(until: now.advanced(by: memory.cooldown))
                return nil
            case .open:
                return nil
            }
        }
    }

    /// Opens the breaker at once, whatever its state (the dependency refused our credentials, say).
    @discardableResult
    public func trip(_ cause: any Error) -> CircuitTransition? {
        let now = clock.now
        return memory.withLock { memory in
            let wasClosed = if case .closed = memory.phase { true } else { false }
            memory.cause = cause
            memory.phase = .open(until: now.advanced(by: memory.cooldown))
            return wasClosed ? .opened : nil
        }
    }

    /// An admitted call ended without an outcome (cancelled): a probe under way makes room for another.
    public func abandon() {
        memory.withLock { memory in
            if case .halfOpen(.some) = memory.phase { memory.phase = .halfOpen(probeStarted: nil) }
        }
    }

    /// The current state (an open breaker whose cool-down has ended reads as half-open).
    public var state: CircuitState {
        let now = clock.now
        return memory.withLock { memory in
            switch memory.phase {
            case .closed: .closed
            case .open(let until): now < until ? .open : .halfOpen
            case .halfOpen: .halfOpen
            }
        }
    }
}

extension CircuitBreaker where C == ContinuousClock {
    /// A closed breaker on the continuous clock.
    public convenience init(_ settings: CircuitBreakerSettings) {
        self.init(settings, clock: ContinuousClock())
    }
}
